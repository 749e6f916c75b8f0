"""SKM results for pages, JSON, reports and the national overview.

Every figure is aggregated by the database (`consultation.surveys.skm`); this
module only chooses the responses (survey, period, service) and shapes the
output.
The number of queries per call is fixed, whatever the number of responses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import Mod, RowNumber, TruncQuarter
from wagtail.models import Page

from cms.core.locales import with_locales
from cms.core.queries import is_integer
from cms.core.visibility import public_pages

from ..charts import percent_of, rounded_off
from ..moderation import ModerationStatus
from . import skm
from .choices import PROFILE_FIELDS
from .records import SurveyResponse


class ServiceError(ValueError):
    """The service parameter is not one of the survey's covered services."""


def resolve_period(survey: Page, value: str | None) -> skm.Period:
    """The period named by `value`; the survey's own period when empty."""
    if not value or value == "survey":
        return survey.own_period
    return skm.parse_period(value)


def resolve_service(survey: Page, value: str | None) -> int | None:
    """The id of a covered service, None for all; ServiceError otherwise.

    Answers store the default language's ids; the id of a covered service's
    translation (an English survey lists its services by their English ids)
    names the same service."""
    if value in (None, ""):
        return None
    if not is_integer(str(value)):
        raise ServiceError(value)
    covered = {s.pk for s in survey.covered_services()}
    if int(value) in covered:
        return int(value)
    key = Page.objects.filter(pk=int(value)).values_list("translation_key")[:1]
    source = (
        Page.objects.filter(pk__in=covered, translation_key__in=key)
        .values_list("pk", flat=True)
        .first()
    )
    if source is None:
        raise ServiceError(value)
    return source


def covers_whole_survey(
    survey: Page, period: skm.Period, service_id: int | None = None
) -> bool:
    """Whether figures for `period` and `service_id` are the whole survey's.

    The minimum sample is set for every service over the survey's dates, so a
    part of it (a year, a quarter, one of several services) is not judged
    against it; a survey of one service viewed with that service is whole.
    """
    if (period.start, period.end) != (survey.period_start, survey.period_end):
        return False
    return service_id is None or len(survey.covered_services()) <= 1


def public_results_json(results: skm.SurveyResults, whole: bool) -> dict[str, Any]:
    """The public JSON of `results`: `sample_enough` judged for the whole
    survey only (null for a part), and `whole_survey` saying which it is."""
    data = results.as_json()
    if not whole:
        data["sample_enough"] = None
    return {**data, "whole_survey": whole}


def period_responses(
    survey: Page, period: skm.Period, service_id: int | None = None
) -> QuerySet:
    """The responses of `survey` in `period` (and for one service)."""
    responses = SurveyResponse.objects.filter(
        survey_id=survey.source.pk,
        survey_date__gte=period.start,
        survey_date__lte=period.end,
    )
    if service_id is not None:
        responses = responses.filter(service_id=service_id)
    return responses


def published_step() -> int:
    """How many answers the public figures take in at a time (`publicly_counted`)."""
    return max(1, int(getattr(settings, "SKM_PUBLISHED_STEP", 10)))


def publicly_counted(responses: QuerySet, *groups: Any) -> QuerySet:
    """The answers among `responses` that the public figures count: in each
    group (of the `groups` expressions, e.g. a service or a quarter), the
    first answers by arrival, in whole steps of `published_step()`.

    Figures that moved with every answer gave one person's answers away: a
    counter's officer who handed a citizen the kiosk read the nine scores
    from the results of that service before and after (the outside probe
    did, exactly). Figures that take answers in steps of ten differ, before
    and after any answer, by ten answers at least. The last answers of a
    group wait for the next step; the unit's own report in the admin counts
    every answer. One query, the window computed by the database.
    """
    step = published_step()
    if step == 1:
        return responses
    partition = list(groups) or None
    ranked = responses.annotate(
        arrival=Window(RowNumber(), partition_by=partition, order_by=F("pk").asc()),
        received=Window(Count("pk"), partition_by=partition),
    ).filter(arrival__lte=F("received") - Mod(F("received"), step))
    return responses.model.objects.filter(pk__in=ranked.values("pk"))


def survey_results(
    survey: Page, period: skm.Period, service_id: int | None = None
) -> skm.SurveyResults:
    """The published figures for one period (one aggregate query)."""
    return skm.compute_results(
        publicly_counted(period_responses(survey, period, service_id)),
        survey.population,
    )


@dataclass(frozen=True)
class TrendPoint:
    """The index of one quarter, for the trend chart."""

    period: str
    results: skm.SurveyResults


def quarterly_trend(survey: Page, service_id: int | None = None):
    """IKM per quarter over every answer of the survey (one GROUP BY query)."""
    responses = SurveyResponse.objects.filter(survey_id=survey.source.pk)
    if service_id is not None:
        responses = responses.filter(service_id=service_id)
    counted = publicly_counted(responses, TruncQuarter("survey_date"))
    grouped = skm.grouped_results(
        counted.annotate(quarter=TruncQuarter("survey_date")), "quarter"
    )
    points = []
    for quarter, results in grouped.items():
        if quarter is None:
            continue
        key = f"{quarter.year}-Q{(quarter.month - 1) // 3 + 1}"
        points.append(TrendPoint(skm.parse_period(key).shown_label, results))
    return points


def profile_breakdown(responses: QuerySet) -> list[dict[str, Any]]:
    """Respondents per answer of each profile question, with labels."""
    counts = skm.profile_counts(responses, list(PROFILE_FIELDS))
    total = sum(counts[next(iter(PROFILE_FIELDS))].values())

    def percent(count: int):
        """Of every respondent, those who gave no answer included, so that
        each table adds up to 100."""
        return percent_of(count, total)

    breakdown = []
    for name, choices in PROFILE_FIELDS.items():
        field = SurveyResponse._meta.get_field(name)
        rows = [
            {
                "label": label,
                "count": counts[name].get(value, 0),
                "percent": percent(counts[name].get(value, 0)),
            }
            for value, label in choices.choices
        ]
        missing = counts[name].get("", 0)
        missing_percent = percent(missing)
        breakdown.append(
            {
                "name": name,
                "label": field.verbose_name,
                "rows": rows,
                "missing": missing,
                "missing_percent": missing_percent,
                "rounded_off": rounded_off(
                    [*(row["percent"] for row in rows), missing_percent]
                ),
            }
        )
    return breakdown


# The public page's "Who answered" (age, sex, education, occupation) is shown
# for whole calendar years that have ended, for all services together, with at
# least this many respondents. A live profile compared before and after one
# answer, a cell of two at a small consulate's counter, or two overlapping
# selections subtracted (a semester minus its second quarter gives the first)
# would each pick out people (UU 27/2022); years do not overlap. The admin's
# report shows every selection.
PUBLIC_PROFILE_MIN_RESPONDENTS = 10


def public_profile_shown(
    survey: Page, period: skm.Period, service_id: int | None, respondents: int
) -> bool:
    """Whether the public results may show the profile of this selection."""
    whole_year = period.key.isdigit()
    ended = period.end < survey.local_today()
    return (
        whole_year
        and ended
        and service_id is None
        and respondents >= PUBLIC_PROFILE_MIN_RESPONDENTS
    )


def approved_suggestions(responses: QuerySet, limit: int = 50) -> list[SurveyResponse]:
    return list(
        responses.filter(suggestion_status=ModerationStatus.APPROVED)
        .exclude(suggestion="")
        .order_by("-survey_date", "-pk")
        .only("suggestion", "language", "survey_date")[:limit]
    )


def results_report(
    survey: Page,
    period: skm.Period,
    service_id: int | None = None,
    public: bool = True,
) -> dict[str, Any]:
    """Everything the results page and, not `public`, the admin report (every
    answer, see `publicly_counted`) show for a period."""
    responses = period_responses(survey, period, service_id)
    counted = publicly_counted(responses) if public else responses
    results = skm.compute_results(counted, survey.population)
    services = {s.pk: s for s in survey.covered_services()}
    per_service = []
    if service_id is None and services:
        by_service = publicly_counted(responses, "service_id") if public else responses
        grouped = skm.grouped_results(by_service, "service_id", survey.population)
        for pk, service in services.items():
            if pk in grouped:
                per_service.append({"service": service, "results": grouped[pk]})
    return {
        "period": period,
        "service_id": service_id,
        "service": services.get(service_id),
        "results": results,
        "per_service": per_service,
        "profile": profile_breakdown(responses) if results.respondents else [],
        "suggestions": approved_suggestions(responses),
    }


def latest_unit_indexes(
    pages: QuerySet, sort: str = "-ikm", within: Page | None = None
) -> tuple[list[dict[str, Any]], str]:
    """Each unit's latest public survey among `pages` (the surveys of one
    locale) with its index for the survey's own period (restrictions on
    `within` and above count as passed).

    One query for the surveys with their units, one GROUP BY for the figures.
    """
    surveys = with_locales(
        public_pages(pages, within)
        .filter(unit__isnull=False)
        .order_by("-period_start")
        .select_related("unit")
    )
    latest: dict[int, Page] = {}
    for survey in surveys:
        latest.setdefault(survey.unit_id, survey)
    sources = source_ids(pages.model, list(latest.values()))
    source_of = {survey.pk: source_id for source_id, survey in sources.items()}
    rows_by_survey: dict[int, dict] = {}
    if sources:
        own_periods = SurveyResponse.objects.filter(
            survey_id__in=list(sources),
            survey_date__gte=F("survey__period_start"),
            survey_date__lte=F("survey__period_end"),
        )
        rows = (
            publicly_counted(own_periods, "survey_id")
            .order_by()
            .values("survey_id")
            .annotate(**skm.aggregate_expressions())
        )
        rows_by_survey = {row["survey_id"]: row for row in rows}
    rows_out = []
    for survey in latest.values():
        unit = survey.unit
        row = rows_by_survey.get(source_of.get(survey.pk, survey.pk), {})
        results = skm.results_from_row(row, survey.population)
        rows_out.append({"unit": unit, "survey": survey, "results": results})
    keys = {
        "name": lambda r: r["unit"].short_name.lower(),
        "ikm": lambda r: r["results"].ikm_exact or 0,
        "respondents": lambda r: r["results"].respondents,
    }
    field = sort.lstrip("-")
    if field not in keys:
        sort, field = "-ikm", "ikm"
    reverse = sort.startswith("-")
    rows_out.sort(key=keys[field], reverse=reverse)
    return rows_out, sort


def source_ids(model: type[Page], surveys: list[Page]) -> dict[int, Page]:
    """Map the default-language survey id to each given survey (one query)."""
    if not surveys:
        return {}
    keys = {s.translation_key: s for s in surveys}
    sources = model.objects.filter(
        translation_key__in=list(keys), locale__language_code=settings.LANGUAGE_CODE
    ).values_list("pk", "translation_key")
    mapping = {pk: keys[key] for pk, key in sources}
    for survey in surveys:
        if survey not in mapping.values():
            mapping[survey.pk] = survey
    return mapping
