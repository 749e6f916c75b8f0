"""Admin views of a satisfaction survey: export, results report, moderation.

Access follows Wagtail's page permissions: whoever may edit a survey page may
export its answers and read its report; whoever may publish it (the unit's
moderators) moderates its suggestions.
"""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from cms.core.spreadsheets import safe_row

from ..moderation import ModerationView
from . import skm
from .models import SatisfactionSurveyPage
from .records import SurveyResponse
from .results import resolve_period, results_report

EXPORT_FIELDS = (
    ["id", "survey_date", "submitted_at", "channel", "service_id", "service_date"]
    + list(skm.ELEMENT_FIELDS)
    + ["age_band", "sex", "education", "occupation", "suggestion", "suggestion_status"]
)


def _survey_for(request: HttpRequest, page_id: int, action: str = "edit"):
    survey = get_object_or_404(SatisfactionSurveyPage, pk=page_id)
    permissions = survey.permissions_for_user(request.user)
    allowed = (
        permissions.can_publish() if action == "publish" else permissions.can_edit()
    )
    if not allowed:
        raise PermissionDenied
    return survey


class _Echo:
    def write(self, value):
        return value


def _rows(survey: SatisfactionSurveyPage):
    responses = (
        SurveyResponse.objects.filter(survey_id=survey.source.pk)
        .order_by("pk")
        .values_list(*EXPORT_FIELDS)
    )
    yield EXPORT_FIELDS
    for row in responses.iterator(chunk_size=2000):
        yield safe_row(
            value.isoformat() if hasattr(value, "isoformat") else value for value in row
        )


def export_responses(request: HttpRequest, page_id: int, fmt: str) -> HttpResponse:
    """All answers of a survey as CSV (streamed) or XLSX (write-only)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    survey = _survey_for(request, page_id)
    name = f"skm-{slugify(survey.title)}-{survey.pk}"
    if fmt == "csv":
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in _rows(survey)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Responses"))
    for row in _rows(survey):
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def results_report_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """The results figures for a chosen period, on screen or as XLSX."""
    survey = _survey_for(request, page_id)
    try:
        period = resolve_period(survey, request.GET.get("period"))
    except skm.PeriodError:
        period = survey.own_period
    report = results_report(survey, period)
    if request.GET.get("format") == "xlsx":
        return _report_xlsx(survey, report)
    return TemplateResponse(
        request,
        "consultation/admin/survey_report.html",
        {
            "survey": survey,
            "periods": skm.periods_between(survey.period_start, survey.period_end),
            "header_title": _("Results report"),
            **report,
        },
    )


def _report_rows(survey, report) -> list[list]:
    results = report["results"]
    grade = results.grade
    rows = [
        [_("Survey"), survey.title],
        [_("Period"), report["period"].label],
        [_("Respondents"), results.respondents],
        [_("Minimum sample"), results.sample_min or _("unknown")],
        [_("Minimum sample reached"), sample_adequacy(results)],
        [],
        [_("Element"), _("Total of answers"), _("Answers"), "NRR"],
    ]
    for item in results.elements:
        rows.append(
            [
                f"{item.element.code} {item.element.name}",
                item.total,
                item.answered,
                float(item.nrr) if item.nrr is not None else None,
            ]
        )
    rows.append([])
    rows.append(["IKM", float(results.ikm) if results.ikm is not None else None])
    rows.append(
        [
            _("Converted index"),
            float(results.ikm_konversi) if results.ikm_konversi is not None else None,
        ]
    )
    rows.append([_("Grade"), f"{grade.grade} {grade.label}" if grade else ""])
    for row in report["per_service"]:
        rows.append(
            [
                row["service"].title,
                row["results"].respondents,
                float(row["results"].ikm_konversi or 0),
            ]
        )
    return rows


def _report_xlsx(survey, report) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Results")
    for row in _report_rows(survey, report):
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
    )
    name = f"skm-report-{slugify(survey.title)}-{report['period'].key}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


class SuggestionModerationView(ModerationView):
    """Approve or hide (with a reason) the suggestions waiting for moderation."""

    page_model = SatisfactionSurveyPage
    template_name = "consultation/admin/suggestions.html"
    page_context_name = "survey"
    item_field = "response"
    status_field = "suggestion_status"
    header_title = gettext_lazy("Suggestions to moderate")
    choose_message = gettext_lazy("Choose a suggestion and a decision.")
    reason_message = gettext_lazy("Give the reason for hiding the suggestion.")

    def get_items(self, page: SatisfactionSurveyPage) -> QuerySet[SurveyResponse]:
        return SurveyResponse.objects.filter(survey_id=page.source.pk).exclude(
            suggestion=""
        )


moderate_suggestions = SuggestionModerationView.as_view()


def sample_adequacy(results) -> str:
    """Yes, no, or unknown when the survey states no population."""
    if results.sample_enough is None:
        return _("unknown")
    return _("yes") if results.sample_enough else _("no")
