"""Admin views of a satisfaction survey: export, results report, moderation,
and the one `SurveyAdminViewSet` that routes a survey's screens.

The export of the answers is Wagtail's `SpreadsheetExportMixin` (CSV and XLSX
as every admin listing writes them); the results report is a laid-out sheet
of figures, not a listing, so it is written with openpyxl.

Access follows Wagtail's page permissions, checked by one mixin
(`PageAccessMixin`) before a view does anything: whoever may edit a survey
page may export its answers, read its report and manage its kiosk tablets;
whoever may publish it (the unit's moderators) moderates its suggestions.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from openpyxl import Workbook
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet

from cms.core import converters  # noqa: F401 (registers <id:...>)
from cms.core.local_time import local_second
from cms.core.page_access import PageAccessMixin
from cms.core.spreadsheets import SafeSpreadsheetExportMixin, safe_row

from ..forums.records import PERSONAL_DATA_PERMISSION
from ..moderation_admin import FeedbackPermissionPolicy, FeedbackViewSet
from . import kiosk_admin, skm
from .models import SatisfactionSurveyPage
from .records import SurveyResponse
from .results import resolve_period, results_report

EXPORT_FIELDS = (
    [
        "id",
        "survey_date",
        "submitted_at",
        "channel",
        "service_id",
        "service_title",
        "service_date",
    ]
    + list(skm.ELEMENT_FIELDS)
    + ["age_band", "sex", "education", "occupation", "suggestion", "suggestion_status"]
)


# Columns that describe a respondent or carry their own words: exported only
# with the personal-data permission (UU 27/2022), as a consultation's names and
# e-mail addresses are. An age band, sex, education and occupation with the
# minute of the answer can point at the one person at a consulate's counter, and
# a suggestion may hold a telephone number (moderators read suggestions in
# "Public feedback").
PERSONAL_EXPORT_FIELDS = frozenset(
    {
        "submitted_at",
        "age_band",
        "sex",
        "education",
        "occupation",
        "suggestion",
        "suggestion_status",
    }
)


def export_fields(user) -> list[str]:
    """The export's columns for `user`."""
    if user.has_perm(PERSONAL_DATA_PERMISSION):
        return list(EXPORT_FIELDS)
    return [name for name in EXPORT_FIELDS if name not in PERSONAL_EXPORT_FIELDS]


def iso_text(value: datetime.date) -> str:
    """A date or time as ISO 8601 text, in both formats (as the export
    always gave them, for the scripts that read it)."""
    return value.isoformat()


class SurveyResponsesExportView(
    PageAccessMixin, SafeSpreadsheetExportMixin, SpreadsheetExportMixin, View
):
    """All answers of a survey as CSV (streamed) or XLSX: Wagtail's spreadsheet
    export, headed with the field names, with formula text quoted."""

    page_model = SatisfactionSurveyPage

    list_export = EXPORT_FIELDS
    export_headings = {name: name for name in EXPORT_FIELDS}
    # A moment in the admin's time zone to the second, as the consultation's
    # export and the feedback listings write it (it was UTC with microseconds).
    custom_value_preprocess = {
        datetime.datetime: dict.fromkeys(SpreadsheetExportMixin.FORMATS, local_second),
        datetime.date: {
            SpreadsheetExportMixin.FORMAT_CSV: iso_text,
            SpreadsheetExportMixin.FORMAT_XLSX: iso_text,
        },
    }

    def get(self, request: HttpRequest, page_id: int, fmt: str) -> HttpResponse:
        if fmt not in self.FORMATS:
            raise Http404
        self.list_export = export_fields(request.user)
        return self.as_spreadsheet(self.responses(), fmt)

    def responses(self) -> Iterator[dict]:
        """The survey's answers in every language (stored against its source),
        the service named beside its id; a response without a suggestion has
        no suggestion status (it read "pending", as if one waited)."""
        rows = (
            SurveyResponse.objects.filter(survey_id=self.page.source.pk)
            .annotate(service_title=F("service__title"))
            .order_by("pk")
            .values(*self.list_export)
            .iterator(chunk_size=2000)
        )
        for row in rows:
            if "suggestion_status" in row and not row["suggestion"]:
                row["suggestion_status"] = ""
            yield row

    def get_filename(self) -> str:
        return f"skm-{slugify(self.page.title)}-{self.page.pk}"


class SurveyReportView(PageAccessMixin, WagtailAdminTemplateMixin, View):
    """The results figures for a chosen period, on screen or as XLSX."""

    page_model = SatisfactionSurveyPage
    template_name = "consultation/admin/survey_report.html"
    page_title = gettext_lazy("Results report")

    def get(self, request: HttpRequest, page_id: int) -> HttpResponse:
        survey = self.page
        try:
            period = resolve_period(survey, request.GET.get("period"))
        except skm.PeriodError:
            period = survey.own_period
        report = results_report(survey, period, public=False)
        if request.GET.get("format") == "xlsx":
            return _report_xlsx(survey, report)
        periods = skm.periods_between(survey.period_start, survey.period_end)
        return self.render_to_response(
            self.get_context_data(survey=survey, periods=periods, **report)
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
        [_("Element"), _("Sum of scores"), _("Answers"), "NRR"],
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
    # To four places, as the report screen and the regulation's worked example.
    ikm = results.ikm
    rows.append(["IKM", float(ikm) if ikm is not None else None])
    rows.append(
        [
            _("Converted index"),
            float(results.ikm_konversi) if results.ikm_konversi is not None else None,
        ]
    )
    rows.append([_("Grade"), f"{grade.grade} {grade.label}" if grade else ""])
    if report["per_service"]:
        rows += [[], [_("Service"), _("Respondents"), _("Converted index"), _("Grade")]]
    for row in report["per_service"]:
        rows.append(service_row(row["service"].title, row["results"]))
    return rows


def service_row(title: str, results: skm.SurveyResults) -> list:
    """One service's line of the report: no index (not 0) without answers."""
    index, grade = results.ikm_konversi, results.grade
    return [
        title,
        results.respondents,
        float(index) if index is not None else None,
        f"{grade.grade} {grade.label}" if grade else "",
    ]


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
    menu_order = 300
    item_field = "response"
    status_field = "suggestion_status"
    text_field = "suggestion"
    choose_message = gettext_lazy("Choose a suggestion and a decision.")
    reason_message = gettext_lazy("Give the reason for hiding the suggestion.")
    records_prefetch = ("survey", "survey__unit")
    list_display = [
        "suggestion",
        "language",
        "survey",
        "survey_date",
        "suggestion_status",
    ]
    list_export = [
        "id",
        "survey",
        "survey_date",
        "suggestion",
        "language",
        "suggestion_status",
        "moderation_reason",
    ]
    export_filename = "suggestions"


def sample_adequacy(results) -> str:
    """Yes, no, or unknown when the survey states no population."""
    if results.sample_enough is None:
        return _("unknown")
    return _("yes") if results.sample_enough else _("no")


class SurveyAdminViewSet(ViewSet):
    """A survey's screens beside the page editor, under
    /admin/consultation/surveys/<page id>/ and reached from its header
    buttons: the results report, the answers' export, the moderation of its
    suggestions (the `SuggestionViewSet`'s page listing) and its kiosk tablets.

    Every view checks the survey of its URL first (`PageAccessMixin`), so
    another unit's staff get Wagtail's "permission denied" on each of them.
    """

    name = "consultation_survey"
    url_prefix = "consultation/surveys"
    suggestions: SuggestionViewSet

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_common_view_kwargs(
            index_url_name=self.get_url_name("kiosks"),
            detail_url_name=self.get_url_name("kiosk"),
            **kwargs,
        )

    def get_urlpatterns(self) -> list:
        return [
            path(
                "<id:page_id>/responses.<str:fmt>",
                self.construct_view(SurveyResponsesExportView),
                name="export",
            ),
            path(
                "<id:page_id>/report/",
                self.construct_view(SurveyReportView),
                name="report",
            ),
            path(
                "<id:page_id>/suggestions/",
                self.suggestions.page_view,
                name="suggestions",
            ),
            path(
                "<id:page_id>/kiosks/",
                self.construct_view(kiosk_admin.KioskEnrolmentIndexView),
                name="kiosks",
            ),
            path(
                "<id:page_id>/kiosks/<id:enrolment_id>/",
                self.construct_view(kiosk_admin.KioskEnrolmentDetailView),
                name="kiosk",
            ),
            path(
                "<id:page_id>/kiosks/<id:enrolment_id>/revoke/",
                self.construct_view(kiosk_admin.KioskEnrolmentRevokeView),
                name="kiosk_revoke",
            ),
        ]
