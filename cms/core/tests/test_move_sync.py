"""Moving a page moves its translations (`move_sync`): a standard moved to
another unit in Indonesian stayed under the old unit in English."""

import pytest
from wagtail.models import Page

from cms.core.factories import ContentPageFactory
from cms.core.translation import translate_page

pytestmark = pytest.mark.django_db


def test_moving_a_page_moves_its_translation_under_the_new_parents(
    client, superuser, unit_a, unit_b, locales
):
    english_a = translate_page(unit_a, "en", {})
    english_b = translate_page(unit_b, "en", {})
    page = ContentPageFactory(parent=unit_a, slug="kelahiran")
    page.save_revision().publish()
    english = translate_page(page, "en", {})
    assert english.get_parent().pk == english_a.pk
    client.force_login(superuser)
    client.post(f"/admin/pages/{page.pk}/move/{unit_b.pk}/confirm/")
    assert Page.objects.get(pk=page.pk).get_parent().pk == unit_b.pk
    english = Page.objects.get(pk=english.pk)
    assert english.get_parent().pk == english_b.pk
    assert client.get(english.url).status_code == 200
    assert english.url.startswith(english_b.url)


def test_a_translation_stays_when_the_new_parent_has_none(
    superuser, unit_a, unit_b, locales
):
    from wagtail.actions.move_page import MovePageAction

    english_a = translate_page(unit_a, "en", {})
    page = ContentPageFactory(parent=unit_a, slug="kelahiran")
    page.save_revision().publish()
    english = translate_page(page, "en", {})
    MovePageAction(page, unit_b, pos="last-child", user=superuser).execute()
    assert Page.objects.get(pk=english.pk).get_parent().pk == english_a.pk
