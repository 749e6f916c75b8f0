"""Open data of satisfaction surveys: SKM results per unit and period.

The figures are aggregated by the database (two GROUP BY queries: each
survey's own period and each quarter), never computed from loaded answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import F, Max
from django.db.models.functions import TruncQuarter
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.core.api.base import published
from cms.core.open_data import CHUNK, Dataset, PageRows, iso, last_published, latest

from . import skm
from .models import SatisfactionSurveyPage
from .records import SurveyResponse
from .results import publicly_counted

SKM_COLUMNS = (
    "unit_id",
    "unit",
    "survey_id",
    "survey",
    "period",
    "period_start",
    "period_end",
    "respondents",
    *(f"nrr_{code}" for code in skm.ELEMENT_FIELDS),
    "ikm",
    "ikm_konversi",
    "grade",
    "sample_min",
    "sample_enough",
)


def _element_label(element: skm.Element) -> str:
    """`nrr_u1`…: the element's name in the active language."""
    return gettext("Average score %(code)s: %(element)s") % {
        "code": element.code,
        "element": element.name,
    }


element_label = lazy(_element_label, str)


def _number(value) -> str:
    return "" if value is None else str(value)


# The minimum sample is judged for a survey's own period only; a quarter is
# a part of it (the API's `sample_enough` is null there too).
NOT_JUDGED = "not_judged"


def _skm_row(
    survey, unit, period: skm.Period, row: dict, whole: bool = True
) -> dict[str, Any]:
    results = skm.results_from_row(row, survey.population)
    grade = results.grade
    judged = {True: "yes", False: "no", None: "unknown"}[results.sample_enough]
    return {
        "unit_id": unit.pk if unit else "",
        "unit": unit.title if unit else "",
        "survey_id": survey.pk,
        "survey": survey.title,
        "period": period.key,
        "period_start": iso(period.start),
        "period_end": iso(period.end),
        "respondents": results.respondents,
        **{f"nrr_{e.element.field_name}": _number(e.nrr) for e in results.elements},
        "ikm": _number(results.ikm),
        "ikm_konversi": _number(results.ikm_konversi),
        "grade": grade.grade if grade else "",
        "sample_min": results.sample_min,
        "sample_enough": judged if whole else NOT_JUDGED,
    }


def _surveys(helper: PageRows) -> dict[int, SatisfactionSurveyPage]:
    """Published surveys in the default language (answers are stored there)."""
    return {
        survey.pk: survey
        for survey in published(SatisfactionSurveyPage.objects.all())
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .only(
            "id", "path", "depth", "title", "population", "period_start", "period_end"
        )
        if helper.visible(survey)
    }


def skm_rows(request) -> Iterator[dict[str, Any]]:
    helper = PageRows(request)
    surveys = _surveys(helper)
    if not surveys:
        return
    responses = SurveyResponse.objects.filter(survey_id__in=list(surveys))
    own_periods = responses.filter(
        survey_date__gte=F("survey__period_start"),
        survey_date__lte=F("survey__period_end"),
    )
    own = (
        publicly_counted(own_periods, "survey_id")
        .order_by()
        .values("survey_id")
        .annotate(**skm.aggregate_expressions())
    )
    found = {row["survey_id"]: row for row in own.iterator(chunk_size=CHUNK)}
    for survey in sorted(surveys.values(), key=lambda s: (s.period_start, s.pk)):
        yield _skm_row(
            survey, helper.unit_of(survey), survey.own_period, found.get(survey.pk, {})
        )
    quarters = (
        publicly_counted(responses, "survey_id", TruncQuarter("survey_date"))
        .annotate(quarter=TruncQuarter("survey_date"))
        .order_by()
        .values("survey_id", "quarter")
        .annotate(**skm.aggregate_expressions())
        .order_by("survey_id", "quarter")
    )
    for row in quarters.iterator(chunk_size=CHUNK):
        quarter = row["quarter"]
        if quarter is None:
            continue
        key = f"{quarter.year}-Q{(quarter.month - 1) // 3 + 1}"
        survey = surveys[row["survey_id"]]
        period = skm.parse_period(key)
        yield _skm_row(survey, helper.unit_of(survey), period, row, whole=False)


def skm_last_modified() -> datetime | None:
    latest_answer = SurveyResponse.objects.aggregate(t=Max("submitted_at"))["t"]
    return latest(
        [latest_answer, last_published(SatisfactionSurveyPage.objects.all())()]
    )


DATASETS = [
    Dataset(
        name="skm",
        title=_("Satisfaction survey (SKM) results"),
        description=_(
            "The index (IKM), its grade and the average of each element per unit "
            "and period: each survey's own period and each quarter."
        ),
        columns=SKM_COLUMNS,
        rows=skm_rows,
        last_modified=skm_last_modified,
        column_labels={
            "survey_id": _("Survey identifier"),
            "survey": _("Survey"),
            "period": _("Period"),
            "period_start": _("Start of the period"),
            "period_end": _("End of the period"),
            "respondents": _("Respondents"),
            **{
                f"nrr_{element.field_name}": element_label(element)
                for element in skm.elements()
            },
            "ikm": _("Satisfaction index (1–4)"),
            "ikm_konversi": _("Satisfaction index (25–100)"),
            "grade": _("Grade"),
            "sample_min": _("Minimum sample"),
            "sample_enough": _("Sample large enough"),
        },
    ),
]
