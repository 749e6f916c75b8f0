"""Admin views of a satisfaction survey: export, results report, moderation.

The export of the answers is Wagtail's `SpreadsheetExportMixin` (CSV and XLSX
as every admin listing writes them); the results report is a laid-out sheet
of figures, not a listing, so it is written with openpyxl.

Access follows Wagtail's page permissions: whoever may edit a survey page may
export its answers and read its report; whoever may publish it (the unit's
moderators) moderates its suggestions.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from openpyxl import Workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from cms.core.page_access import page_for
from cms.core.spreadsheets import SafeSpreadsheetExportMixin, safe_row

from ..moderation_admin import FeedbackPermissionPolicy, FeedbackViewSet
from . import skm
from .models import SatisfactionSurveyPage
from .records import SurveyResponse
from .results import resolve_period, results_report

EXPORT_FIELDS = (
    ["id", "survey_date", "submitted_at", "channel", "service_id", "service_date"]
    + list(skm.ELEMENT_FIELDS)
    + ["age_band", "sex", "education", "occupation", "suggestion", "suggestion_status"]
)


def iso_text(value: datetime.date) -> str:
    """A date or time as ISO 8601 text, in both formats (as the export
    always gave them, for the scripts that read it)."""
    return value.isoformat()


class SurveyResponsesExportView(
    SafeSpreadsheetExportMixin, SpreadsheetExportMixin, View
):
    """All answers of a survey as CSV (streamed) or XLSX: Wagtail's spreadsheet
    export, headed with the field names, with formula text quoted."""

    list_export = EXPORT_FIELDS
    export_headings = {name: name for name in EXPORT_FIELDS}
    custom_value_preprocess = {
        datetime.date: {
            SpreadsheetExportMixin.FORMAT_CSV: iso_text,
            SpreadsheetExportMixin.FORMAT_XLSX: iso_text,
        },
    }

    def get(self, request: HttpRequest, page_id: int, fmt: str) -> HttpResponse:
        if fmt not in self.FORMATS:
            raise Http404
        self.survey = page_for(request, SatisfactionSurveyPage, page_id)
        return self.as_spreadsheet(self.responses(), fmt)

    def responses(self) -> Iterator[dict]:
        """The survey's answers in every language (stored against its source)."""
        return (
            SurveyResponse.objects.filter(survey_id=self.survey.source.pk)
            .order_by("pk")
            .values(*EXPORT_FIELDS)
            .iterator(chunk_size=2000)
        )

    def get_filename(self) -> str:
        return f"skm-{slugify(self.survey.title)}-{self.survey.pk}"


export_responses = SurveyResponsesExportView.as_view()


def results_report_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """The results figures for a chosen period, on screen or as XLSX."""
    survey = page_for(request, SatisfactionSurveyPage, page_id)
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


class SuggestionPermissionPolicy(FeedbackPermissionPolicy):
    """Suggestions (answers with one) of the surveys in the units the user
    moderates; answers without a suggestion are not moderated."""

    def records(self) -> QuerySet[SurveyResponse]:
        return super().records().exclude(suggestion="")


suggestion_policy = SuggestionPermissionPolicy(SurveyResponse, "survey")


class SuggestionViewSet(FeedbackViewSet):
    """SKM suggestions: the listing, export and moderation of each."""

    model = SurveyResponse
    page_model = SatisfactionSurveyPage
    name = "consultation_suggestions"
    url_prefix = "consultation/suggestions"
    menu_label = gettext_lazy("Suggestions")
    item_field = "response"
    status_field = "suggestion_status"
    text_field = "suggestion"
    choose_message = gettext_lazy("Choose a suggestion and a decision.")
    reason_message = gettext_lazy("Give the reason for hiding the suggestion.")
    records_prefetch = ("survey", "survey__unit")
    list_display = ["suggestion", "survey", "survey_date", "suggestion_status"]
    list_export = [
        "id",
        "survey",
        "survey_date",
        "suggestion",
        "suggestion_status",
        "moderation_reason",
    ]
    export_filename = "suggestions"


def sample_adequacy(results) -> str:
    """Yes, no, or unknown when the survey states no population."""
    if results.sample_enough is None:
        return _("unknown")
    return _("yes") if results.sample_enough else _("no")
