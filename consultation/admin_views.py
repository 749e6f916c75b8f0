"""Admin views for a unit's editors: exports, results report, moderation.

Access follows Wagtail's page permissions: whoever may edit a survey page may
export its answers and read its report; whoever may publish it (the unit's
moderators) moderates its suggestions.
"""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from wagtail.contrib.forms.views import SubmissionsListView

from cms.core.spreadsheets import SafeSpreadsheetExportMixin, safe_row

from . import skm
from .models import ModerationStatus, SatisfactionSurveyPage, SurveyResponse
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
        [_("Minimum sample"), results.sample_min],
        [_("Minimum sample reached"), _("yes") if results.sample_enough else _("no")],
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


def moderate_suggestions(request: HttpRequest, page_id: int) -> HttpResponse:
    """Approve or hide (with a reason) the suggestions waiting for moderation."""
    survey = _survey_for(request, page_id, action="publish")
    responses = SurveyResponse.objects.filter(survey_id=survey.source.pk).exclude(
        suggestion=""
    )
    error = ""
    if request.method == "POST":
        try:
            response_id = int(request.POST.get("response", ""))
        except ValueError:
            response_id = 0
        target = responses.filter(pk=response_id).first()
        decision = request.POST.get("decision")
        reason = request.POST.get("reason", "").strip()[:300]
        if target is None or decision not in ("approve", "hide"):
            error = _("Choose a suggestion and a decision.")
        elif decision == "hide" and not reason:
            error = _("Give the reason for hiding the suggestion.")
        else:
            target.suggestion_status = (
                ModerationStatus.APPROVED
                if decision == "approve"
                else ModerationStatus.HIDDEN
            )
            target.moderation_reason = reason if decision == "hide" else ""
            target.save(update_fields=["suggestion_status", "moderation_reason"])
            return redirect(request.path)
    pending = responses.filter(suggestion_status=ModerationStatus.PENDING).order_by(
        "pk"
    )[:50]
    return TemplateResponse(
        request,
        "consultation/admin/suggestions.html",
        {
            "survey": survey,
            "pending": pending,
            "error": error,
            "header_title": _("Suggestions to moderate"),
        },
        status=400 if error else 200,
    )


# Consultations (FKP) ---------------------------------------------------------


PERSONAL_DATA_PERMISSION = "consultation.view_personal_data"


def _consultation_for(request: HttpRequest, page_id: int, action: str = "edit"):
    from .models import ConsultationPage

    page = get_object_or_404(ConsultationPage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    allowed = (
        permissions.can_publish() if action == "publish" else permissions.can_edit()
    )
    if not allowed:
        raise PermissionDenied
    return page


def consultation_rows(page, with_personal_data: bool):
    """Header and rows of a consultation's responses (all, counted or not)."""
    from .models import ConsultationSubmission

    questions = [f.clean_name for f in page.source.get_form_fields()]
    header = ["id", "submit_time", "counted", "respondent_category"]
    if with_personal_data:
        header += ["name", "email"]
    yield safe_row(header + questions)
    submissions = ConsultationSubmission.objects.filter(
        page_id=page.source.pk
    ).order_by("pk")
    for submission in submissions.iterator(chunk_size=1000):
        row = [
            submission.pk,
            submission.submit_time.isoformat(),
            submission.confirmed,
            submission.respondent_category,
        ]
        if with_personal_data:
            row += [submission.name, submission.email]
        for name in questions:
            value = submission.form_data.get(name, "")
            row.append(", ".join(map(str, value)) if isinstance(value, list) else value)
        yield safe_row(row)


def export_consultation(request: HttpRequest, page_id: int, fmt: str) -> HttpResponse:
    """Responses as CSV or XLSX; names and e-mails only with the permission."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    page = _consultation_for(request, page_id)
    personal = request.user.has_perm(PERSONAL_DATA_PERMISSION)
    rows = consultation_rows(page, personal)
    name = f"fkp-{slugify(page.title)}-{page.pk}"
    if fmt == "csv":
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in rows),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Responses"))
    for row in rows:
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


class ConsultationSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's form-submissions list of a consultation (`/admin/forms/
    submissions/<id>/`); its CSV and XLSX exports quote formula text."""


def moderate_comments(request: HttpRequest, page_id: int) -> HttpResponse:
    """Approve or hide (with a reason) comments on components."""
    from .models import ComponentComment

    page = _consultation_for(request, page_id, action="publish")
    comments = ComponentComment.objects.filter(consultation_id=page.source.pk)
    error = ""
    if request.method == "POST":
        try:
            comment_id = int(request.POST.get("comment", ""))
        except ValueError:
            comment_id = 0
        target = comments.filter(pk=comment_id).first()
        decision = request.POST.get("decision")
        reason = request.POST.get("reason", "").strip()[:300]
        if target is None or decision not in ("approve", "hide"):
            error = _("Choose a comment and a decision.")
        elif decision == "hide" and not reason:
            error = _("Give the reason for hiding the comment.")
        else:
            target.status = (
                ModerationStatus.APPROVED
                if decision == "approve"
                else ModerationStatus.HIDDEN
            )
            target.moderation_reason = reason if decision == "hide" else ""
            target.moderated_by = request.user
            target.save(update_fields=["status", "moderation_reason", "moderated_by"])
            return redirect(request.path)
    pending = comments.filter(status=ModerationStatus.PENDING).order_by("pk")[:50]
    return TemplateResponse(
        request,
        "consultation/admin/comments.html",
        {
            "consultation": page,
            "pending": pending,
            "error": error,
            "header_title": _("Comments to moderate"),
        },
        status=400 if error else 200,
    )


def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Surveys and consultations the user moderates, with what is waiting."""
    from django.conf import settings
    from django.db.models import Count

    from .models import ComponentComment, ConsultationPage

    pending_suggestions = dict(
        SurveyResponse.objects.filter(suggestion_status=ModerationStatus.PENDING)
        .exclude(suggestion="")
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    pending_comments = dict(
        ComponentComment.objects.filter(status=ModerationStatus.PENDING)
        .values("consultation_id")
        .annotate(n=Count("pk"))
        .values_list("consultation_id", "n")
    )
    rows = []
    default = {"locale__language_code": settings.LANGUAGE_CODE}
    for page in SatisfactionSurveyPage.objects.filter(
        pk__in=list(pending_suggestions), **default
    ):
        if page.permissions_for_user(request.user).can_publish():
            rows.append(
                {
                    "page": page,
                    "count": pending_suggestions[page.pk],
                    "url_name": "consultation_survey_suggestions",
                    "kind": _("Suggestions"),
                }
            )
    for page in ConsultationPage.objects.filter(
        pk__in=list(pending_comments), **default
    ):
        if page.permissions_for_user(request.user).can_publish():
            rows.append(
                {
                    "page": page,
                    "count": pending_comments[page.pk],
                    "url_name": "consultation_fkp_comments",
                    "kind": _("Comments on the components"),
                }
            )
    return TemplateResponse(
        request,
        "consultation/admin/moderation_queue.html",
        {"rows": rows, "header_title": _("Moderation of public feedback")},
    )
