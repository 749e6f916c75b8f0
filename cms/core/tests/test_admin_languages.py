"""The admin offers the site's two languages, so links to pages keep their
/id/ and /en/ prefixes whatever language an editor picks."""

import importlib

import pytest
from django.apps import apps as global_apps
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

from cms.core.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def test_the_admin_offers_the_sites_languages():
    assert [code for code, _name in get_available_admin_languages()] == ["id", "en"]


def test_an_editor_in_indonesian_is_linked_to_the_live_page_under_id(
    client, make_staff, unit_a
):
    page = ContentPageFactory(parent=unit_a, title="Jam layanan", slug="jam")
    editor = make_staff(unit_a)
    # The code the account settings offer for Bahasa Indonesia ("id-id" was).
    [indonesian] = [
        code for code, name in get_available_admin_languages() if code.startswith("id")
    ]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = indonesian
    profile.save()
    client.force_login(editor)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f'href="{page.url}"' in html
    assert page.url.startswith("/id/")
    assert "/id-id/" not in html


@pytest.mark.parametrize(
    ("saved", "becomes"),
    [("id-id", "id"), ("en-in", "en"), ("fr", ""), ("id", "id"), ("", "")],
)
def test_regional_codes_saved_before_become_the_sites(
    make_staff, unit_a, saved, becomes
):
    editor = make_staff(unit_a)
    UserProfile.objects.filter(user=editor).delete()
    UserProfile.objects.create(user=editor, preferred_language=saved)
    migration = importlib.import_module("cms.core.migrations.0006_admin_language_codes")
    migration.to_site_languages(global_apps, None)
    assert UserProfile.objects.get(user=editor).preferred_language == becomes
