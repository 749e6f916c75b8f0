"""The SKM index: elements, grades, periods and the results computation.

SKM (Survei Kepuasan Masyarakat) is the community satisfaction survey every
public-service unit must run at least once a year (PermenPANRB 14/2017). Its
index is the IKM (Indeks Kepuasan Masyarakat): the mean of the nine NRR values
(Nilai Rata-Rata, the average answer per element U1..U9 on the 1..4 scale),
published also converted to 25..100 (IKM x 25) with a grade A..D.

Everything that comes from the regulation (elements, questions, answer labels,
grade table, sample-size constants) is read from `data/skm.yaml`; nothing is
retyped here. Sums and counts are computed by the database (one aggregate query
per figure set); the arithmetic on those few numbers is exact (`Fraction`), and
only what is published is rounded, half-up, to two decimals.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.core.data import load_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "skm.yaml"
ELEMENT_FIELDS = tuple(f"u{i}" for i in range(1, 10))
SCALE = (1, 2, 3, 4)


@dataclass(frozen=True)
class Element:
    """One of the nine SKM elements (unsur), with its wording in both languages."""

    code: str
    key: str
    name_id: str
    name_en: str
    question_id: str
    question_en: str
    answers_id: tuple[str, ...]
    answers_en: tuple[str, ...]

    @property
    def field_name(self) -> str:
        return self.code.lower()

    @property
    def name(self) -> str:
        return self.name_en if _is_english() else self.name_id

    @property
    def question(self) -> str:
        return self.question_en if _is_english() else self.question_id

    @property
    def answers(self) -> tuple[str, ...]:
        return self.answers_en if _is_english() else self.answers_id

    def answer_choices(self) -> list[tuple[int, str]]:
        """(value, label) pairs of the 1..4 scale in the active language."""
        return list(zip(SCALE, self.answers, strict=True))


@dataclass(frozen=True)
class Grade:
    """A band of the grade table (mutu pelayanan)."""

    grade: str
    min: Decimal
    max: Decimal
    label_id: str
    label_en: str

    @property
    def label(self) -> str:
        return self.label_en if _is_english() else self.label_id


@dataclass(frozen=True)
class SampleConstants:
    """Krejcie-Morgan constants: chi-square, proportion and margin of error."""

    chi_square: Fraction
    proportion: Fraction
    margin: Fraction


def _is_english() -> bool:
    return (get_language() or "id").startswith("en")


@cache
def skm_data() -> dict[str, Any]:
    """The parsed `skm.yaml` (loaded once per process)."""
    return load_yaml(DATA_FILE)


@cache
def elements() -> tuple[Element, ...]:
    """The nine elements U1..U9, keyed by code, in code order."""
    items = []
    for raw in skm_data()["elements"]:
        items.append(
            Element(
                code=raw["code"],
                key=raw["key"],
                name_id=raw["id"],
                name_en=raw["en"],
                question_id=raw["question_id"],
                question_en=raw["question_en"],
                answers_id=tuple(raw["answers_id"]),
                answers_en=tuple(raw["answers_en"]),
            )
        )
    return tuple(sorted(items, key=lambda e: int(e.code[1:])))


def element(code: str) -> Element:
    """The element with `code` ("U1".."U9")."""
    for item in elements():
        if item.code == code.upper():
            return item
    raise KeyError(code)


@cache
def grades() -> tuple[Grade, ...]:
    """The grade table, lowest band first."""
    bands = [
        Grade(
            grade=raw["grade"],
            min=Decimal(str(raw["min"])).quantize(Decimal("0.01")),
            max=Decimal(str(raw["max"])).quantize(Decimal("0.01")),
            label_id=raw["id"],
            label_en=raw["en"],
        )
        for raw in skm_data()["grades"]
    ]
    return tuple(sorted(bands, key=lambda g: g.min))


def grade_for(ikm_konversi: Decimal) -> Grade:
    """The band whose minimum the (published, 2-decimal) converted index reaches."""
    chosen = grades()[0]
    for band in grades():
        if ikm_konversi >= band.min:
            chosen = band
    return chosen


_SAMPLE_RE = re.compile(
    r"X\^2\s*=\s*(?P<chi>[0-9.]+),\s*P\s*=\s*(?P<p>[0-9.]+),\s*d\s*=\s*(?P<d>[0-9.]+)"
)


@cache
def sample_constants() -> SampleConstants:
    """The Krejcie-Morgan constants as stated in `skm.yaml`'s comment."""
    text = DATA_FILE.read_text(encoding="utf-8")
    match = _SAMPLE_RE.search(text)
    if match is None:
        raise ValueError("skm.yaml does not state the sample-size constants")
    return SampleConstants(
        chi_square=Fraction(match["chi"]),
        proportion=Fraction(match["p"]),
        margin=Fraction(match["d"]),
    )


def minimum_sample(population: int) -> int:
    """Krejcie-Morgan minimum number of respondents for `population` users."""
    if population <= 0:
        return 0
    c = sample_constants()
    pq = c.proportion * (1 - c.proportion)
    value = (c.chi_square * population * pq) / (
        c.margin**2 * (population - 1) + c.chi_square * pq
    )
    return math.ceil(value)


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """Round an exact value half-up to `places` decimals (for publication)."""
    scale = 10**places
    scaled = value * scale
    rounded = math.floor(scaled + Fraction(1, 2))
    return Decimal(rounded).scaleb(-places).quantize(Decimal(1).scaleb(-places))


# Periods ---------------------------------------------------------------------

# The date format of the public pages (`{{ date|date:"j M Y" }}`).
DATE = "j M Y"


@dataclass(frozen=True)
class Period:
    """A reporting period: a year, semester, quarter or a survey's own dates."""

    key: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        """The period as readers see it, in the active language: a survey's
        dates in the site's date format (`j M Y`, as the survey and overview
        pages), a semester or quarter by its months ("January–March 2025",
        where "2025-Q1" means nothing to most readers), a year as itself."""
        if self.key == "survey":
            return f"{date_format(self.start, DATE)}–{date_format(self.end, DATE)}"
        if "-" in self.key:
            return f"{date_format(self.start, 'F')}–{date_format(self.end, 'F Y')}"
        return self.key

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def kind(self) -> str:
        """ "year", "semester", "quarter" or "survey" (its own dates)."""
        if self.key == "survey":
            return "survey"
        return {"S": "semester", "Q": "quarter"}.get(self.key[5:6], "year")

    @property
    def in_progress(self) -> bool:
        """Whether the period has not ended: its figures are provisional."""
        return self.contains(timezone.localdate())

    @property
    def shown_label(self) -> str:
        """The label, marked while the period runs ("Oktober–Desember 2026
        (berjalan)"): a running quarter read as a finished one."""
        if self.in_progress:
            return _("%(period)s (in progress)") % {"period": self.label}
        return self.label


_PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[SQ])(?P<n>\d))?$", re.ASCII)
MIN_YEAR, MAX_YEAR = 2000, 2100


class PeriodError(ValueError):
    """The period parameter is not a valid YYYY, YYYY-S1/S2 or YYYY-Q1..Q4."""


def parse_period(value: str) -> Period:
    """Parse `YYYY`, `YYYY-S1`, `YYYY-S2` or `YYYY-Q1` .. `YYYY-Q4`."""
    match = _PERIOD_RE.match((value or "").strip().upper())
    if match is None:
        raise PeriodError(value)
    year = int(match["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(value)
    kind, n = match["kind"], int(match["n"] or 0)
    if kind is None:
        return Period(f"{year}", datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    if kind == "S" and n in (1, 2):
        first_month = 1 if n == 1 else 7
        months = 6
    elif kind == "Q" and 1 <= n <= 4:
        first_month = 3 * (n - 1) + 1
        months = 3
    else:
        raise PeriodError(value)
    start = datetime.date(year, first_month, 1)
    end_month = first_month + months
    end = (
        datetime.date(year + 1, 1, 1)
        if end_month > 12
        else datetime.date(year, end_month, 1)
    ) - datetime.timedelta(days=1)
    return Period(f"{year}-{kind}{n}", start, end)


def grouped_periods(periods: list[Period]) -> list[tuple[str, list[Period]]]:
    """`periods` by kind (years, semesters, quarters), for a grouped list."""
    names = {"year": _("Years"), "semester": _("Semesters"), "quarter": _("Quarters")}
    return [
        (name, [p for p in periods if p.kind == kind])
        for kind, name in names.items()
        if any(p.kind == kind for p in periods)
    ]


def periods_between(start: datetime.date, end: datetime.date) -> list[Period]:
    """Every year, semester and quarter that overlaps [start, end], newest
    first, within the years a period can name (a survey saved with a date
    outside them still shows its results)."""
    result: list[Period] = []
    for year in range(min(end.year, MAX_YEAR), max(start.year, MIN_YEAR) - 1, -1):
        candidates = [f"{year}"] + [f"{year}-S{s}" for s in (2, 1)]
        candidates += [f"{year}-Q{q}" for q in (4, 3, 2, 1)]
        for key in candidates:
            period = parse_period(key)
            if period.start <= end and period.end >= start:
                result.append(period)
    return result


# Results ---------------------------------------------------------------------


@dataclass(frozen=True)
class ElementResult:
    """Sum, count and NRR of one element."""

    element: Element
    total: int
    answered: int

    @property
    def nrr_exact(self) -> Fraction | None:
        return Fraction(self.total, self.answered) if self.answered else None

    @property
    def nrr(self) -> Decimal | None:
        exact = self.nrr_exact
        return round_half_up(exact) if exact is not None else None

    @property
    def percent(self) -> Decimal | None:
        """NRR as a share of the maximum 4, for bar lengths."""
        exact = self.nrr_exact
        return round_half_up(exact * 25, 1) if exact is not None else None


@dataclass(frozen=True)
class SurveyResults:
    """The published figures of a survey for one period (and maybe one service)."""

    respondents: int
    elements: tuple[ElementResult, ...]
    population: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ikm_exact(self) -> Fraction | None:
        values = [e.nrr_exact for e in self.elements]
        if not self.respondents or any(v is None for v in values):
            return None
        return sum(values, Fraction(0)) / len(values)

    @property
    def ikm(self) -> Decimal | None:
        """The index as the regulation's worked example writes it (3.6983),
        on the page, in `results.json`, the API and open data alike: its
        converted index (× 25, rounded from the exact value) then reads right
        against it, where 3.70 × 25 is not 92.45 (the downloads gave two
        places while the page gave four)."""
        exact = self.ikm_exact
        return round_half_up(exact, 4) if exact is not None else None

    @property
    def ikm_konversi(self) -> Decimal | None:
        exact = self.ikm_exact
        return round_half_up(exact * 25) if exact is not None else None

    @property
    def grade(self) -> Grade | None:
        value = self.ikm_konversi
        return grade_for(value) if value is not None else None

    @property
    def sample_min(self) -> int | None:
        """The minimum sample, or None when the unit has not stated how many
        people used the service in the period (population 0: unknown)."""
        return minimum_sample(self.population) if self.population > 0 else None

    @property
    def sample_enough(self) -> bool | None:
        """Whether the respondents reach the minimum sample; None when unknown."""
        if self.sample_min is None:
            return None
        return self.respondents >= self.sample_min

    @property
    def weakest(self) -> ElementResult | None:
        answered = [e for e in self.elements if e.answered]
        return min(answered, key=lambda e: e.nrr_exact) if answered else None

    def as_json(self) -> dict[str, Any]:
        """The public JSON shape of `results.json`."""
        grade = self.grade
        return {
            "respondents": self.respondents,
            "nrr": {
                e.element.code: float(e.nrr) if e.nrr is not None else None
                for e in self.elements
            },
            "ikm": float(self.ikm) if self.ikm is not None else None,
            "ikm_konversi": (
                float(self.ikm_konversi) if self.ikm_konversi is not None else None
            ),
            "grade": grade.grade if grade else None,
            "label_id": grade.label_id if grade else None,
            "label_en": grade.label_en if grade else None,
            "sample_min": self.sample_min,
            "sample_enough": self.sample_enough,
        }


def aggregate_expressions() -> dict[str, Any]:
    """Sum and Count of every element plus the number of respondents."""
    expressions: dict[str, Any] = {"respondents": Count("pk")}
    for name in ELEMENT_FIELDS:
        expressions[f"{name}_total"] = Sum(name)
        expressions[f"{name}_answered"] = Count(name)
    return expressions


def results_from_row(row: dict[str, Any], population: int = 0) -> SurveyResults:
    """Build `SurveyResults` from one row of `aggregate_expressions()`."""
    return SurveyResults(
        respondents=row.get("respondents") or 0,
        elements=tuple(
            ElementResult(
                element=item,
                total=row.get(f"{item.field_name}_total") or 0,
                answered=row.get(f"{item.field_name}_answered") or 0,
            )
            for item in elements()
        ),
        population=population,
    )


def compute_results(responses: QuerySet, population: int = 0) -> SurveyResults:
    """Aggregate `responses` (already filtered) in one database query."""
    return results_from_row(responses.aggregate(**aggregate_expressions()), population)


def compute_from_totals(
    respondents: int, totals: list[int], population: int = 0
) -> SurveyResults:
    """Results from known element totals (hand-computed checks, reports)."""
    row: dict[str, Any] = {"respondents": respondents}
    for name, total in zip(ELEMENT_FIELDS, totals, strict=True):
        row[f"{name}_total"] = total
        row[f"{name}_answered"] = respondents
    return results_from_row(row, population)


def grouped_results(
    responses: QuerySet, group_by: str, population: int = 0
) -> dict[Any, SurveyResults]:
    """Results per value of `group_by` (e.g. service or quarter) in one query."""
    rows = (
        responses.order_by()
        .values(group_by)
        .annotate(**aggregate_expressions())
        .order_by(group_by)
    )
    return {row[group_by]: results_from_row(row, population) for row in rows}


def profile_counts(responses: QuerySet, fields: list[str]) -> dict[str, dict]:
    """Count of respondents per value of each profile field (one query each)."""
    result: dict[str, dict] = {}
    for name in fields:
        rows = responses.order_by().values(name).annotate(n=Count("pk")).order_by(name)
        result[name] = {row[name]: row["n"] for row in rows}
    return result
