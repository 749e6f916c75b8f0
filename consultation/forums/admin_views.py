"""Admin views of a consultation: the route of its responses' export and the
moderation of the comments on its components.

Access follows Wagtail's page permissions: whoever may edit a consultation
may export its responses; whoever may publish it (the unit's moderators)
moderates its comments.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy

from cms.core.page_access import page_for

from ..moderation import ModerationView
from .models import ConsultationPage
from .records import ComponentComment


def export_responses(request: HttpRequest, page_id: int, fmt: str) -> HttpResponse:
    """`responses.csv` and `responses.xlsx`: the export of the consultation's
    submissions screen (`submissions_admin`), the one export of its responses
    (names and e-mail addresses only with the personal-data permission)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    page = page_for(request, ConsultationPage, page_id)
    return page.serve_submissions_list_view(request, page_id=page_id, fmt=fmt)


class CommentModerationView(ModerationView):
    """Approve or hide (with a reason) comments on components."""

    page_model = ConsultationPage
    template_name = "consultation/admin/comments.html"
    page_context_name = "consultation"
    item_field = "comment"
    moderator_field = "moderated_by"
    header_title = gettext_lazy("Comments to moderate")
    choose_message = gettext_lazy("Choose a comment and a decision.")
    reason_message = gettext_lazy("Give the reason for hiding the comment.")

    def get_items(self, page: ConsultationPage) -> QuerySet[ComponentComment]:
        return ComponentComment.objects.filter(consultation_id=page.source.pk)


moderate_comments = CommentModerationView.as_view()
