"""A page's view restriction covers its translations (`restriction_sync`):
a password on the Indonesian survey left its English page, and the figures
counted on the Indonesian one, public."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from cms.core.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(unit_a):
    page = ContentPageFactory(parent=unit_a, title="Survei", slug="survei")
    page.save_revision().publish()
    return page


def translated(page, locales):
    english = page.copy_for_translation(locales[1], copy_parents=True)
    english.title = "Survey"
    english.save_revision().publish()
    return english


def restrictions(page) -> list[tuple]:
    return [
        (r.restriction_type, r.password, sorted(g.name for g in r.groups.all()))
        for r in PageViewRestriction.objects.filter(page=page)
    ]


def test_the_privacy_screen_restricts_the_translations_too(
    client, superuser, page, locales
):
    english = translated(page, locales)
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/{page.pk}/privacy/",
        {"restriction_type": "password", "password": "rahasia-123"},
    )
    assert response.status_code == 200
    assert restrictions(english) == [("password", "rahasia-123", [])]
    client.logout()
    html = client.get(english.url).content.decode()
    assert 'name="password"' in html and "Survey</h1>" not in html


def test_a_changed_or_lifted_restriction_changes_on_the_translations(page, locales):
    english = translated(page, locales)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="groups"
    )
    restriction.groups.set([Group.objects.create(name="Staf KJRI")])
    assert restrictions(english) == [("groups", "", ["Staf KJRI"])]
    restriction.delete()
    assert restrictions(english) == []


def test_a_translation_made_later_starts_restricted(page, locales):
    PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="rahasia-123"
    )
    english = translated(page, locales)
    assert restrictions(english) == [("password", "rahasia-123", [])]


def test_deleting_a_page_leaves_its_translations_restricted(page, locales):
    english = translated(page, locales)
    PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="rahasia-123"
    )
    page.delete()
    assert restrictions(english) == [("password", "rahasia-123", [])]


def test_the_privacy_screen_offers_a_moderator_the_groups_of_their_unit(
    client, make_staff, unit_a, unit_b, page
):
    """It listed every unit's groups (their names, and a way to open a page
    to another unit's staff)."""
    from cms.core.unit_access import group_names

    client.force_login(make_staff(unit_a, "moderator"))
    html = client.get(f"/admin/pages/{page.pk}/privacy/").json()["html"]
    assert all(name in html for name in group_names(unit_a))
    assert not any(name in html for name in group_names(unit_b))
    other = Group.objects.get(name=group_names(unit_b)[0])
    response = client.post(
        f"/admin/pages/{page.pk}/privacy/",
        {"restriction_type": "groups", "groups": [other.pk]},
    )
    assert response.status_code == 200
    assert restrictions(page) == []


def test_the_privacy_screen_keeps_a_group_the_restriction_already_names(
    client, make_staff, unit_a, page
):
    kept = Group.objects.create(name="Staf KJRI")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="groups"
    )
    restriction.groups.set([kept])
    client.force_login(make_staff(unit_a, "moderator"))
    response = client.post(
        f"/admin/pages/{page.pk}/privacy/",
        {"restriction_type": "groups", "groups": [kept.pk]},
    )
    assert response.status_code == 200
    assert restrictions(page) == [("groups", "", ["Staf KJRI"])]
