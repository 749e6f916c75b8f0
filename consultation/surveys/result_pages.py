"""The public results of a survey: the page with its charts and tables for a
period and service, and the same results as JSON (`results.json`). An unknown
period or service is answered with a message and status 400, never a 500."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..charts import bar_chart
from . import skm
from .results import (
    PUBLIC_PROFILE_MIN_RESPONDENTS,
    ServiceError,
    covers_whole_survey,
    period_responses,
    public_profile_shown,
    public_results_json,
    published_step,
    quarterly_trend,
    resolve_period,
    resolve_service,
    results_report,
    survey_results,
)


def _fmt(value) -> str:
    return "–" if value is None else number_format(value, 2)


def _period_error(value) -> str:
    return _(
        "Unknown period. Use a year (2025), a semester (2025-S1) or a quarter "
        "(2025-Q3)."
    )


def results_page(survey, request: HttpRequest) -> HttpResponse:
    """The public results with charts and tables, for a period and service."""
    error = ""
    try:
        period = resolve_period(survey, request.GET.get("period"))
    except skm.PeriodError:
        period, error = survey.own_period, _period_error(request.GET.get("period"))
    try:
        service_id = resolve_service(survey, request.GET.get("service"))
    except ServiceError:
        service_id, error = None, _("Unknown service. Choose one from the list.")
    report = results_report(survey, period, service_id)
    step = published_step()
    received = (
        period_responses(survey, period, service_id).count()
        if step > 1
        else report["results"].respondents
    )
    periods = skm.periods_between(survey.period_start, survey.period_end)
    actions = [
        a
        for a in survey.follow_up_actions.all()
        if a.period in {p.key for p in periods}
    ]
    trend = quarterly_trend(survey, service_id)
    results = report["results"]
    services = survey.covered_services()
    context = {
        "page": survey,
        "unit": survey.unit,
        "error": error,
        "nrr_chart": bar_chart(
            "nrr-chart",
            _("Average score (NRR) per element, %(period)s")
            % {"period": report["period"].label},
            _("Bars from 0 to 4; the same numbers are in the table below."),
            [
                (f"{e.element.code} {e.element.name}", e.nrr, _fmt(e.nrr))
                for e in results.elements
            ],
            4,
        ),
        "trend_chart": bar_chart(
            "trend-chart",
            _("Converted index (IKM) per quarter"),
            _("Bars from 0 to 100; the same numbers are in the table below."),
            [
                (p.period, p.results.ikm_konversi, _fmt(p.results.ikm_konversi))
                for p in trend
            ],
            100,
        ),
        "periods": periods,
        "period_groups": skm.grouped_periods(periods),
        "services": services,
        "trend": trend,
        "actions": actions,
        "elements": skm.elements(),
        "grades": skm.grades(),
        "whole_survey": covers_whole_survey(survey, period, service_id),
        # Answers count on the unit's local day they arrive: a period that
        # has ended takes no more.
        "figures_final": report["period"].end < survey.local_today(),
        "published_step": step,
        "received": received,
        **report,
    }
    if not public_profile_shown(survey, period, service_id, results.respondents):
        context.update(
            profile=[],
            profile_withheld=bool(report["profile"]),
            profile_minimum=PUBLIC_PROFILE_MIN_RESPONDENTS,
        )
    return TemplateResponse(
        request,
        "consultation/survey_results.html",
        context,
        status=400 if error else 200,
    )


def results_json(survey, request: HttpRequest) -> JsonResponse:
    """`results.json?period=YYYY|YYYY-S1|YYYY-Q3&service=<id>`."""
    try:
        period = resolve_period(survey, request.GET.get("period"))
    except skm.PeriodError:
        return JsonResponse({"error": _period_error(None)}, status=400)
    try:
        service_id = resolve_service(survey, request.GET.get("service"))
    except ServiceError:
        return JsonResponse(
            {"error": _("Unknown service: use the id of a covered service.")},
            status=400,
        )
    results = survey_results(survey, period, service_id)
    whole = covers_whole_survey(survey, period, service_id)
    response = JsonResponse(public_results_json(results, whole))
    response["Cache-Control"] = "public, max-age=60"
    return response
