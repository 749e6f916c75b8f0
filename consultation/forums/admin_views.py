"""Admin views of a consultation: export of its responses and moderation of
the comments on its components.

Access follows Wagtail's page permissions: whoever may edit a consultation
may export its responses; whoever may publish it (the unit's moderators)
moderates its comments.
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

from cms.core.spreadsheets import safe_row

from ..moderation import ModerationStatus
from .models import ConsultationPage
from .records import ComponentComment, ConsultationSubmission


class _Echo:
    def write(self, value):
        return value


PERSONAL_DATA_PERMISSION = "consultation.view_personal_data"


def _consultation_for(request: HttpRequest, page_id: int, action: str = "edit"):
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


def moderate_comments(request: HttpRequest, page_id: int) -> HttpResponse:
    """Approve or hide (with a reason) comments on components."""
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
