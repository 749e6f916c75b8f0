"""Scoring arithmetic: weighted totals per member, mean, ranking (hand-computed)."""

import pytest

from innovation import kipp
from innovation.scoring import ranking, save_scores, sheets_with_totals

pytestmark = pytest.mark.django_db

# Weights from kipp.yaml: latar_belakang 10, kebaruan 15, implementasi 5,
# signifikansi 30, adaptabilitas 20, sumber_daya 5, keberlanjutan 15.
MEMBER_B = {
    "latar_belakang": 100,
    "kebaruan": 50,
    "implementasi": 0,
    "signifikansi": 90,
    "adaptabilitas": 60,
    "sumber_daya": 40,
    "keberlanjutan": 70,
}
# (1000 + 750 + 0 + 2700 + 1200 + 200 + 1050) / 100 = 69.0


def all_criteria(value):
    return dict.fromkeys(kipp.section_weights(), value)


def test_weights_come_from_kipp_yaml_and_sum_to_100():
    assert kipp.section_weights()["signifikansi"] == 30
    assert sum(kipp.section_weights().values()) == 100


def test_summary_is_not_a_scored_criterion():
    assert "ringkasan" not in kipp.section_weights()


def test_member_total_is_the_weighted_sum_over_100(entry, panelist):
    save_scores(entry, panelist, MEMBER_B)
    assert sheets_with_totals(entry).get().total == pytest.approx(69.0)


def test_unscored_criterion_counts_as_zero(entry, panelist):
    save_scores(entry, panelist, {"signifikansi": 100})
    assert sheets_with_totals(entry).get().total == pytest.approx(30.0)


def test_mean_is_over_panel_members(entry, make_panelist):
    save_scores(entry, make_panelist("a"), all_criteria(80))
    save_scores(entry, make_panelist("b"), MEMBER_B)
    assert ranking(2021).get(pk=entry.pk).mean_score == pytest.approx(74.5)


def test_rescoring_replaces_the_members_scores(entry, panelist):
    save_scores(entry, panelist, all_criteria(10))
    save_scores(entry, panelist, all_criteria(90))
    row = ranking(2021).get(pk=entry.pk)
    assert (row.members, row.mean_score) == (1, pytest.approx(90.0))


def test_ranking_orders_by_mean_score_and_puts_unscored_last(
    make_entry, unit_a, unit_b, make_panelist
):
    low = make_entry(unit_a, title="Rendah", competition_year=2022)
    high = make_entry(unit_b, title="Tinggi", competition_year=2022)
    unscored = make_entry(unit_b, title="Belum", competition_year=2022)
    member = make_panelist("a")
    save_scores(low, member, all_criteria(60))
    save_scores(high, member, MEMBER_B)
    assert [e.pk for e in ranking(2022)] == [high.pk, low.pk, unscored.pk]


def test_ranking_is_per_year_and_excludes_drafts(make_entry, unit_a, entry):
    make_entry(unit_a, title="Draf", competition_year=2021, stage="draft")
    make_entry(unit_a, title="Lain tahun", competition_year=2022)
    assert [e.title for e in ranking(2021)] == ["Pandu"]


def test_score_outside_the_scale_is_refused(entry, panelist):
    with pytest.raises(ValueError):
        save_scores(entry, panelist, {"kebaruan": 101})


def test_ranking_runs_in_one_query(
    make_entry, unit_a, make_panelist, django_assert_max_num_queries
):
    for n in range(5):
        e = make_entry(unit_a, title=f"E{n}", competition_year=2024)
        save_scores(e, make_panelist(f"p{n}"), all_criteria(50))
    with django_assert_max_num_queries(1):
        assert len(list(ranking(2024))) == 5
