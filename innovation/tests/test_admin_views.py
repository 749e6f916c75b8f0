"""Permissions through the competition's admin views; ranking and exports."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from innovation import admin_views, kipp
from innovation.models import InnovationEntryPage
from innovation.scoring import save_scores

pytestmark = pytest.mark.django_db

ENTRIES = "/admin/innovation/"


def entry_url(entry):
    return f"/admin/innovation/entries/{entry.pk}/"


def shows_number(html, number):
    """Figures are localised: the Indonesian admin writes 74,50."""
    return number in html or number.replace(".", ",") in html


def all_criteria(value):
    return dict.fromkeys(kipp.section_weights(), value)


@pytest.fixture
def scored(entry, make_panelist):
    save_scores(entry, make_panelist("juri-a"), all_criteria(80))
    save_scores(entry, make_panelist("juri-b"), all_criteria(69))
    return entry


def test_anonymous_user_is_sent_to_the_admin_login(client, entry):
    response = client.get(entry_url(entry))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_unit_editor_cannot_open_the_competition(client, make_staff, unit_a, entry):
    client.force_login(make_staff(unit_a))
    response = client.get(entry_url(entry))
    assert response.status_code in (302, 403)
    assert "juri" not in response.content.decode()


def test_unit_moderator_cannot_move_stages_through_the_admin(
    client, make_staff, unit_a, entry
):
    client.force_login(make_staff(unit_a, "moderator"))
    client.post(f"{entry_url(entry)}stage/", {"to_stage": "admin_passed"})
    entry.refresh_from_db()
    assert entry.stage == "submitted"


def test_committee_moves_a_stage_through_the_admin(client, committee, entry):
    client.force_login(committee)
    client.post(f"{entry_url(entry)}stage/", {"to_stage": "admin_passed", "note": "OK"})
    entry.refresh_from_db()
    assert entry.stage == "admin_passed"


def test_committee_cannot_skip_a_stage_through_the_admin(client, committee, entry):
    client.force_login(committee)
    response = client.post(f"{entry_url(entry)}stage/", {"to_stage": "top45"})
    entry.refresh_from_db()
    assert entry.stage == "submitted"
    assert response.status_code == 302


def test_panel_member_cannot_move_stages(client, panelist, entry):
    client.force_login(panelist)
    response = client.post(f"{entry_url(entry)}stage/", {"to_stage": "admin_passed"})
    entry.refresh_from_db()
    assert entry.stage == "submitted"
    assert response.status_code in (302, 403)


def test_committee_list_shows_entries_of_every_unit_but_no_drafts(
    client, committee, make_entry, unit_a, unit_b
):
    make_entry(unit_a, title="Pandu", competition_year=2021)
    make_entry(unit_b, title="Layanan Singapura", competition_year=2021)
    make_entry(unit_b, title="Draf rahasia", competition_year=2021, stage="draft")
    client.force_login(committee)
    html = client.get(f"{ENTRIES}?year=2021").content.decode()
    assert "Pandu" in html and "Layanan Singapura" in html
    assert "Draf rahasia" not in html


def test_committee_cannot_open_a_units_draft(client, committee, make_entry, unit_a):
    draft = make_entry(unit_a, title="Draf rahasia", stage="draft")
    client.force_login(committee)
    response = client.get(entry_url(draft))
    assert response.status_code in (302, 404)
    assert "Draf rahasia" not in response.content.decode()


def test_panel_member_scores_an_entry(client, panelist, entry):
    client.force_login(panelist)
    client.post(f"{entry_url(entry)}score/", all_criteria(75))
    sheet = entry.score_sheets.get(member=panelist)
    assert sheet.scores.count() == len(kipp.section_weights())


def test_score_out_of_range_shows_an_error_not_a_500(client, panelist, entry):
    client.force_login(panelist)
    response = client.post(
        f"{entry_url(entry)}score/", {**all_criteria(75), "kebaruan": "150"}
    )
    assert response.status_code == 400
    assert not entry.score_sheets.exists()


def test_unit_editor_cannot_score(client, make_staff, unit_a, entry):
    client.force_login(make_staff(unit_a))
    client.post(f"{entry_url(entry)}score/", all_criteria(75))
    assert not entry.score_sheets.exists()


def test_panel_sees_member_totals_and_mean(client, scored, make_panelist):
    client.force_login(make_panelist("juri-c"))
    html = client.get(entry_url(scored)).content.decode()
    assert all(shows_number(html, n) for n in ("80.00", "69.00", "74.50"))


def test_committee_sees_the_ranking_with_mean_scores(client, committee, scored):
    client.force_login(committee)
    html = client.get("/admin/innovation/ranking/?year=2021").content.decode()
    assert "Pandu" in html and shows_number(html, "74.50")


def test_panel_cannot_see_the_ranking(client, panelist, scored):
    client.force_login(panelist)
    response = client.get("/admin/innovation/ranking/?year=2021")
    assert response.status_code in (302, 403)


def test_ranking_csv_export_has_the_weighted_mean(client, committee, scored):
    client.force_login(committee)
    response = client.get("/admin/innovation/ranking.csv?year=2021")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "1" and rows[1][1] == "Pandu"
    assert rows[1][-2:] == ["2", "74.50"]


@pytest.mark.parametrize(
    "score, cell",
    [(85.125, "85.13"), (Decimal("85.125"), "85.13"), (74.5, "74.50"), (None, "")],
)
def test_exported_mean_is_rounded_as_the_ranking_page_shows_it(score, cell):
    assert str(admin_views.score_cell(score)) == cell


def test_ranking_xlsx_export_has_the_weighted_mean(client, committee, scored):
    client.force_login(committee)
    response = client.get("/admin/innovation/ranking.xlsx?year=2021")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == "Pandu"
    assert sheet.cell(row=2, column=7).value == 74.5


def test_unit_moderator_cannot_export_the_ranking(client, make_staff, unit_a, scored):
    client.force_login(make_staff(unit_a, "moderator"))
    response = client.get("/admin/innovation/ranking.csv?year=2021")
    assert "74.5" not in response.content.decode(errors="ignore")


def test_bad_year_parameter_does_not_break_the_ranking(client, committee, scored):
    client.force_login(committee)
    for year in ("abc", "99999999999", "-1"):
        response = client.get(f"/admin/innovation/ranking.csv?year={year}")
        assert response.status_code == 200
        assert "Pandu" in response.content.decode()


def test_entry_list_queries_are_bounded(
    client, committee, make_entry, unit_a, unit_b, django_assert_max_num_queries
):
    for n in range(6):
        make_entry(unit_a if n % 2 else unit_b, title=f"E{n}", competition_year=2021)
    client.force_login(committee)
    with django_assert_max_num_queries(25):
        response = client.get(f"{ENTRIES}?year=2021")
    assert response.status_code == 200
    assert InnovationEntryPage.objects.count() == 6
