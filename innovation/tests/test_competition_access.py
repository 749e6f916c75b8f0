"""`CompetitionPermissionPolicy` through the competition's screens: a unit's
staff reach no entry (their unit's or another's); the committee lists, opens
and moves; the panel lists, opens and scores; superusers do everything;
nobody reaches a draft."""

import csv
import io

import pytest
from django.test import RequestFactory
from django.urls import reverse

from innovation import kipp
from innovation.admin_views import CompetitionMenuItem
from innovation.competition import (
    MOVE_STAGE,
    SCORE,
    VIEW,
    VIEW_RANKING,
    VIEW_SCORES,
    CompetitionPermissionPolicy,
)

pytestmark = pytest.mark.django_db

POLICY = CompetitionPermissionPolicy()


def scores(value=70):
    return dict.fromkeys(kipp.section_weights(), value)


@pytest.fixture
def entry_b(make_entry, unit_b):
    """A submitted entry of unit B in 2021."""
    return make_entry(unit_b, title="Layanan Singapura", competition_year=2021)


@pytest.fixture
def editor_a(make_staff, unit_a):
    return make_staff(unit_a)


def denied(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to its
    dashboard (and a message); a plain 403 would do as well."""
    return response.status_code == 403 or (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
    )


def urls(entry):
    return {
        "list": reverse("innovation_admin:entries") + "?year=2021",
        "open": reverse("innovation_admin:entry", args=[entry.pk]),
        "move": reverse("innovation_admin:move_stage", args=[entry.pk]),
        "score": reverse("innovation_admin:score", args=[entry.pk]),
    }


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_unit_staff_of_a_cannot_list_open_move_or_score_bs_entries(
    client, make_staff, unit_a, entry, entry_b, role
):
    client.force_login(make_staff(unit_a, role))
    for own_or_other in (entry_b, entry):
        url = urls(own_or_other)
        assert denied(client.get(url["list"]))
        assert denied(client.get(url["open"]))
        assert denied(client.post(url["move"], {"to_stage": "admin_passed"}))
        assert denied(client.post(url["score"], scores()))
        own_or_other.refresh_from_db()
        assert own_or_other.stage == kipp.SUBMITTED
        assert not own_or_other.score_sheets.exists()


def test_unit_staff_cannot_export_the_entries(client, editor_a, entry_b):
    client.force_login(editor_a)
    assert denied(client.get(urls(entry_b)["list"] + "&export=csv"))


def test_committee_lists_opens_and_moves_every_units_entries(
    client, committee, entry, entry_b
):
    client.force_login(committee)
    html = client.get(urls(entry)["list"]).content.decode()
    assert "Pandu" in html and "Layanan Singapura" in html
    assert urls(entry_b)["open"] in html
    assert client.get(urls(entry_b)["open"]).status_code == 200
    response = client.post(urls(entry_b)["move"], {"to_stage": "admin_passed"})
    assert response.status_code == 302
    entry_b.refresh_from_db()
    assert entry_b.stage == "admin_passed"
    assert denied(client.post(urls(entry_b)["score"], scores()))


def test_committee_searches_the_entries_by_title(client, committee, entry, entry_b):
    client.force_login(committee)
    html = client.get(urls(entry)["list"] + "&q=Singa").content.decode()
    assert urls(entry_b)["open"] in html and urls(entry)["open"] not in html


def test_panel_lists_opens_and_scores_but_does_not_move(client, panelist, entry_b):
    client.force_login(panelist)
    assert "Layanan Singapura" in client.get(urls(entry_b)["list"]).content.decode()
    assert client.get(urls(entry_b)["open"]).status_code == 200
    assert client.post(urls(entry_b)["score"], scores()).status_code == 302
    assert entry_b.score_sheets.filter(member=panelist).exists()
    assert denied(client.post(urls(entry_b)["move"], {"to_stage": "admin_passed"}))
    entry_b.refresh_from_db()
    assert entry_b.stage == kipp.SUBMITTED


def test_superuser_lists_opens_moves_and_scores(client, superuser, entry_b):
    client.force_login(superuser)
    assert client.get(urls(entry_b)["list"]).status_code == 200
    assert client.get(urls(entry_b)["open"]).status_code == 200
    client.post(urls(entry_b)["move"], {"to_stage": "admin_passed"})
    client.post(urls(entry_b)["score"], scores())
    entry_b.refresh_from_db()
    assert entry_b.stage == "admin_passed"
    assert entry_b.score_sheets.filter(member=superuser).exists()


def test_nobody_reaches_a_draft(client, superuser, make_entry, unit_b):
    draft = make_entry(unit_b, title="Draf", competition_year=2021, stage="draft")
    client.force_login(superuser)
    url = urls(draft)
    assert url["open"] not in client.get(url["list"]).content.decode()
    assert client.get(url["open"]).status_code == 404
    assert client.post(url["move"], {"to_stage": "admin_passed"}).status_code == 404
    assert client.post(url["score"], scores()).status_code == 404


def test_the_entries_export_has_the_committees_scores(
    client, committee, panelist, entry_b
):
    client.force_login(panelist)
    client.post(urls(entry_b)["score"], scores(80))
    client.force_login(committee)
    response = client.get(urls(entry_b)["list"] + "&export=csv")
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows[0]) == 6  # entry, unit, group, stage, members, mean
    assert rows[1][0] == "Layanan Singapura" and rows[1][-2:] == ["1", "80.00"]


def test_policy_grants_each_role_its_actions(committee, panelist, editor_a, entry_b):
    granted = {
        committee: {VIEW, MOVE_STAGE, VIEW_SCORES, VIEW_RANKING},
        panelist: {VIEW, SCORE, VIEW_SCORES},
        editor_a: set(),
    }
    for user, actions in granted.items():
        for action in (VIEW, MOVE_STAGE, SCORE, VIEW_SCORES, VIEW_RANKING):
            allowed = action in actions
            assert POLICY.user_has_permission(user, action) is allowed
            assert POLICY.user_has_permission_for_instance(user, action, entry_b) is (
                allowed
            )
            assert POLICY.instances_user_has_permission_for(user, action).exists() is (
                allowed
            )
    assert set(POLICY.users_with_permission(SCORE)) == {panelist}
    assert set(POLICY.users_with_permission(MOVE_STAGE)) == {committee}


def test_menu_item_is_shown_to_committee_and_panel_only(
    rf: RequestFactory, committee, panelist, editor_a
):
    item = CompetitionMenuItem("KIPP", "/admin/innovation/")
    for user, shown in ((committee, True), (panelist, True), (editor_a, False)):
        request = rf.get("/admin/")
        request.user = user
        assert item.is_shown(request) is shown
