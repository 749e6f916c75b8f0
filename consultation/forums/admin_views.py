"""Admin views of a consultation: the route of its responses' export and the
moderation of the comments on its components (a `FeedbackViewSet`).

Access follows Wagtail's page permissions: whoever may edit a consultation
may export its responses; whoever may publish it (the unit's moderators)
moderates its comments.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy

from cms.core.page_access import page_for

from ..moderation_admin import FeedbackPermissionPolicy, FeedbackViewSet
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


#: Comments of the consultations in the units the user moderates.
comment_policy = FeedbackPermissionPolicy(ComponentComment, "consultation")


class CommentViewSet(FeedbackViewSet):
    """Comments on components: the listing, export and moderation of each."""

    model = ComponentComment
    page_model = ConsultationPage
    name = "consultation_comments"
    url_prefix = "consultation/comments"
    menu_label = gettext_lazy("Comments on components")
    item_field = "comment"
    moderator_field = "moderated_by"
    choose_message = gettext_lazy("Choose a comment and a decision.")
    reason_message = gettext_lazy("Give the reason for hiding the comment.")
    records_prefetch = ("consultation", "standard", "consultation__unit")
    list_display = ["text", "consultation", "standard", "component", "status"]
    list_export = [
        "id",
        "consultation",
        "standard",
        "component",
        "text",
        "status",
        "moderation_reason",
        "created_at",
    ]
    export_filename = "comments"
