"""The SKM index against hand-computed cases (skm.yaml's method)."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from consultation.models import SurveyResponse
from consultation.surveys import skm


def totals_for(total: int) -> list[int]:
    """Split a grand total over the nine elements."""
    base, rest = divmod(total, 9)
    return [base + (1 if i < rest else 0) for i in range(9)]


def test_elements_come_from_the_data_file_in_code_order():
    codes = [e.code for e in skm.elements()]
    assert codes == [f"U{i}" for i in range(1, 10)]
    assert skm.element("U8").key == "pengaduan"
    assert skm.element("U9").key == "sarana"


def test_each_element_has_four_answers_in_both_languages():
    for item in skm.elements():
        assert len(item.answers_id) == 4
        assert len(item.answers_en) == 4


def test_worked_check_of_the_regulation_data():
    results = skm.compute_from_totals(29, [105, 101, 100, 116, 102, 105, 106, 105, 115])
    assert results.ikm_exact == Fraction(955, 29 * 9)
    assert results.ikm == Decimal("3.6590")
    assert results.ikm_konversi == Decimal("91.48")
    assert results.grade.grade == "A"


def test_nrr_is_rounded_half_up_from_the_exact_average():
    results = skm.compute_from_totals(8, [26] * 9)
    assert results.elements[0].nrr == Decimal("3.25")
    results = skm.compute_from_totals(200, [649] * 9)  # 3.245 exactly
    assert results.elements[0].nrr == Decimal("3.25")


def test_ikm_uses_unrounded_nrr_values():
    # NRRs 3.333.. and 3.0: rounding them first would give (3.33 + 3.00 ...)
    results = skm.compute_from_totals(3, [10, 9, 9, 9, 9, 9, 9, 9, 9])
    assert results.ikm_exact == Fraction(82, 27)
    assert results.ikm == Decimal("3.0370")
    assert results.ikm_konversi == Decimal("75.93")


def test_round_half_up_rounds_exact_halves_up():
    assert skm.round_half_up(Fraction(12345, 1000)) == Decimal("12.35")
    assert skm.round_half_up(Fraction(12335, 1000)) == Decimal("12.34")
    assert skm.round_half_up(Fraction(1, 3)) == Decimal("0.33")


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("25.00", "D"),
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
        ("100.00", "A"),
    ],
)
def test_grade_table_boundaries(value, grade):
    assert skm.grade_for(Decimal(value)).grade == grade


@pytest.mark.parametrize(
    ("respondents", "total", "konversi", "grade"),
    [
        (1000, 23396, "64.99", "D"),
        (5, 117, "65.00", "C"),
        (1000, 27575, "76.60", "C"),
        (1000, 27578, "76.61", "B"),
        (1000, 31787, "88.30", "B"),
        (1000, 31790, "88.31", "A"),
    ],
)
def test_grade_boundaries_from_answer_totals(respondents, total, konversi, grade):
    results = skm.compute_from_totals(respondents, totals_for(total))
    assert results.ikm_konversi == Decimal(konversi)
    assert results.grade.grade == grade


def test_grade_is_read_from_the_rounded_converted_index():
    # exact 88.3055.. rounds to 88.31 (A) although the unrounded IKM < 3.5324
    results = skm.compute_from_totals(1000, totals_for(31790))
    assert results.ikm_exact < Fraction("3.5324")
    assert results.grade.grade == "A"


def test_grade_labels_in_both_languages():
    grade = skm.grade_for(Decimal("80.00"))
    assert (grade.label_id, grade.label_en) == ("Baik", "Good")


@pytest.mark.parametrize(
    ("population", "sample"), [(100, 80), (1000, 278), (10000, 370), (1000000, 384)]
)
def test_krejcie_morgan_minimum_sample(population, sample):
    assert skm.minimum_sample(population) == sample


def test_sample_enough_compares_respondents_with_the_minimum():
    assert skm.compute_from_totals(80, [240] * 9, population=100).sample_enough
    assert not skm.compute_from_totals(79, [237] * 9, population=100).sample_enough


def test_no_respondents_gives_no_index():
    results = skm.compute_from_totals(0, [0] * 9)
    assert results.ikm is None
    assert results.grade is None
    assert results.as_json()["nrr"]["U1"] is None


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2025", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
        ("2025-S1", datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
        ("2025-S2", datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)),
        ("2025-Q1", datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)),
        ("2025-Q3", datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)),
        ("2025-Q4", datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)),
    ],
)
def test_parse_period(value, start, end):
    period = skm.parse_period(value)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("key", "language", "label"),
    [
        ("2025", "id", "2025"),
        ("2025-Q1", "id", "Januari–Maret 2025"),
        ("2025-S2", "en", "July–December 2025"),
    ],
)
def test_a_period_is_named_by_its_months_not_its_code(key, language, label):
    """Readers do not know "2025-Q1"; the months say it in their language."""
    with translation.override(language):
        assert skm.parse_period(key).label == label


@pytest.mark.parametrize(
    "value",
    [
        "",
        "25",
        "2025-",
        "2025-S3",
        "2025-Q0",
        "2025-Q5",
        "1999",
        "abcd",
        "2025-H1",
        "２０２５",  # full-width digits
        "2025-Q٣",  # an Arabic-Indic digit
    ],
)
def test_parse_period_refuses_bad_values(value):
    with pytest.raises(skm.PeriodError):
        skm.parse_period(value)


@pytest.mark.django_db
def test_database_aggregation_matches_hand_computation(survey, respond):
    respond([4, 4, 4, 4, 4, 4, 4, 4, 4])
    respond([3, 3, 3, 3, 3, 3, 3, 3, 3])
    respond([1, 2, 3, 4, 1, 2, 3, 4, 1])
    results = skm.compute_results(SurveyResponse.objects.filter(survey=survey), 1000)
    # totals per element: 8,9,10,11,8,9,10,11,8 = 84; IKM = 84/27
    assert [e.total for e in results.elements] == [8, 9, 10, 11, 8, 9, 10, 11, 8]
    assert results.respondents == 3
    assert results.elements[0].nrr == Decimal("2.67")
    assert results.ikm_exact == Fraction(84, 27)
    assert results.ikm_konversi == Decimal("77.78")
    assert results.grade.grade == "B"


def test_unknown_population_leaves_sample_adequacy_unknown():
    """Population 0 (not stated) is not "minimum sample 0 reached"."""
    results = skm.compute_from_totals(0, [0] * 9, population=0)
    assert results.sample_min is None
    assert results.sample_enough is None
    assert results.as_json()["sample_enough"] is None
