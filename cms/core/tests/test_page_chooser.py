"""The admin page chooser shows a unit's staff only the pages they may see.

Their own units' pages in every state; other pages only when live and public,
under their live title; never another unit's draft or its unpublished title.
"""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from cms.core.factories import ContentPageFactory, UserFactory
from innovation.permissions import COMMITTEE_GROUP

pytestmark = pytest.mark.django_db

DRAFT_B = "Draf rahasia B"
LIVE_B = "Jadwal layanan B"
PENDING_B = "Judul baru rahasia B"
PRIVATE_B = "Halaman terbatas B"
DRAFT_A = "Draf milik A"


@pytest.fixture
def draft_b(unit_b):
    """A page of unit B that was never published."""
    page = ContentPageFactory(parent=unit_b, title=DRAFT_B, slug="draf-b", live=False)
    page.save_revision()
    return page


@pytest.fixture
def live_b(unit_b):
    """A live page of unit B whose retitled draft is not published yet."""
    page = ContentPageFactory(parent=unit_b, title=LIVE_B, slug="jadwal-b")
    page.save_revision().publish()
    page.title = PENDING_B
    page.save_revision()
    return page


@pytest.fixture
def private_b(unit_b):
    """A live page of unit B behind a password."""
    page = ContentPageFactory(parent=unit_b, title=PRIVATE_B, slug="terbatas-b")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return page


@pytest.fixture
def draft_a(unit_a):
    page = ContentPageFactory(parent=unit_a, title=DRAFT_A, slug="draf-a", live=False)
    page.save_revision()
    return page


@pytest.fixture
def editor_a(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    return client


def text(response) -> str:
    body = response.content.decode()
    try:
        return json.dumps(json.loads(body), ensure_ascii=False)
    except ValueError:
        return body


def test_browsing_another_unit_hides_its_drafts(editor_a, unit_b, draft_b, live_b):
    response = editor_a.get(f"/admin/choose-page/{unit_b.pk}/")
    assert response.status_code == 200
    assert DRAFT_B not in text(response)


def test_browsing_another_unit_shows_its_live_pages(editor_a, unit_b, live_b):
    response = editor_a.get(f"/admin/choose-page/{unit_b.pk}/")
    assert LIVE_B in text(response)


def test_browsing_shows_the_live_title_of_another_units_page(editor_a, unit_b, live_b):
    response = editor_a.get(f"/admin/choose-page/{unit_b.pk}/")
    assert PENDING_B not in text(response)


def test_browsing_another_unit_hides_its_private_pages(editor_a, unit_b, private_b):
    response = editor_a.get(f"/admin/choose-page/{unit_b.pk}/")
    assert PRIVATE_B not in text(response)


def test_browsing_into_another_units_draft_is_not_found(editor_a, draft_b):
    response = editor_a.get(f"/admin/choose-page/{draft_b.pk}/", follow=True)
    assert response.status_code == 404
    assert DRAFT_B not in text(response)


def test_browsing_into_another_units_live_page_shows_its_live_title(editor_a, live_b):
    response = editor_a.get(f"/admin/choose-page/{live_b.pk}/")
    assert response.status_code == 200
    assert LIVE_B in text(response)
    assert PENDING_B not in text(response)


def test_browsing_own_unit_shows_its_drafts(editor_a, unit_a, draft_a):
    response = editor_a.get(f"/admin/choose-page/{unit_a.pk}/")
    assert DRAFT_A in text(response)


def test_browsing_from_the_root_reaches_the_units(editor_a, home_page, units_index):
    response = editor_a.get(f"/admin/choose-page/{home_page.pk}/")
    assert units_index.title in text(response)


def test_search_hides_another_units_drafts(editor_a, draft_b):
    response = editor_a.get("/admin/choose-page/search/", {"q": "rahasia"})
    assert response.status_code == 200
    assert DRAFT_B not in text(response)


def test_search_shows_the_live_title_of_another_units_page(editor_a, live_b):
    response = editor_a.get("/admin/choose-page/search/", {"q": "jadwal"})
    assert LIVE_B in text(response)
    assert PENDING_B not in text(response)


def test_search_finds_own_drafts(editor_a, draft_a):
    response = editor_a.get("/admin/choose-page/search/", {"q": "milik"})
    assert DRAFT_A in text(response)


def test_choosing_several_ignores_another_units_draft(editor_a, draft_b, live_b):
    response = editor_a.get(
        "/admin/choose-page/chosen-multiple/", {"id": [draft_b.pk, live_b.pk]}
    )
    result = json.loads(response.content)["result"]
    assert [item["id"] for item in result] == [live_b.pk]
    assert result[0]["adminTitle"] == LIVE_B


def test_pasted_link_to_another_units_page_shows_its_live_title(editor_a, live_b):
    response = editor_a.post(
        "/admin/choose-external-link/",
        {
            "external-link-chooser-url": live_b.full_url,
            "external-link-chooser-link_text": "",
        },
    )
    data = json.loads(response.content)
    assert data["result"]["id"] == live_b.pk
    assert data["result"]["adminTitle"] == LIVE_B
    assert PENDING_B not in text(response)


def test_pasted_link_with_a_query_asks_to_confirm_under_the_live_title(
    editor_a, live_b
):
    response = editor_a.post(
        "/admin/choose-external-link/",
        {
            "external-link-chooser-url": live_b.full_url + "?bahasa=en",
            "external-link-chooser-link_text": "",
        },
    )
    data = json.loads(response.content)
    assert data["step"] == "confirm_external_to_internal"
    assert data["internal"]["adminTitle"] == LIVE_B
    assert LIVE_B in data["html"]
    assert PENDING_B not in text(response)


def test_pasted_link_to_another_units_private_page_stays_external(editor_a, private_b):
    response = editor_a.post(
        "/admin/choose-external-link/",
        {
            "external-link-chooser-url": private_b.full_url,
            "external-link-chooser-link_text": "",
        },
    )
    data = json.loads(response.content)
    assert "id" not in data["result"]
    assert PRIVATE_B not in text(response)


def test_superuser_sees_every_draft(client, superuser, unit_b, draft_b, live_b):
    client.force_login(superuser)
    body = text(client.get(f"/admin/choose-page/{unit_b.pk}/"))
    assert DRAFT_B in body
    assert PENDING_B in body


def test_kipp_committee_sees_live_public_pages_only(client, unit_b, draft_b, live_b):
    member = UserFactory(groups=[Group.objects.get(name=COMMITTEE_GROUP)])
    client.force_login(member)
    body = text(client.get(f"/admin/choose-page/{unit_b.pk}/"))
    assert LIVE_B in body
    assert DRAFT_B not in body
    assert PENDING_B not in body


def test_another_units_page_shows_as_live_without_its_drafts_time(
    editor_a, unit_a, unit_b, live_b
):
    """Its "live + draft" and the draft's save time told another unit's staff
    that someone there was at work on it; an own page keeps both."""
    import datetime

    from wagtail.models import Page

    published = datetime.datetime(2024, 3, 5, 8, 0, tzinfo=datetime.UTC)
    Page.objects.filter(pk=live_b.pk).update(last_published_at=published)
    own = ContentPageFactory(parent=unit_a, title="Layanan A", slug="layanan-a")
    own.save_revision().publish()
    own.save_revision()
    Page.objects.filter(pk=own.pk).update(has_unpublished_changes=True)
    other = text(editor_a.get(f"/admin/choose-page/{unit_b.pk}/"))
    assert " + " not in other
    assert "2024" in other  # the publication's date, not the draft's
    mine = text(editor_a.get(f"/admin/choose-page/{unit_a.pk}/"))
    assert " + " in mine
