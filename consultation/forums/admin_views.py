"""Admin views of a consultation: the route of its responses' export and the
moderation of the comments on its components.

Access follows Wagtail's page permissions: whoever may edit a consultation
may export its responses; whoever may publish it (the unit's moderators)
moderates its comments.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..moderation import ModerationStatus
from .models import ConsultationPage
from .records import ComponentComment


def _consultation_for(request: HttpRequest, page_id: int, action: str = "edit"):
    page = get_object_or_404(ConsultationPage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    allowed = (
        permissions.can_publish() if action == "publish" else permissions.can_edit()
    )
    if not allowed:
        raise PermissionDenied
    return page


def export_responses(request: HttpRequest, page_id: int, fmt: str) -> HttpResponse:
    """`responses.csv` and `responses.xlsx`: the export of the consultation's
    submissions screen (`submissions_admin`), the one export of its responses
    (names and e-mail addresses only with the personal-data permission)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    page = _consultation_for(request, page_id)
    return page.serve_submissions_list_view(request, page_id=page_id, fmt=fmt)


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
