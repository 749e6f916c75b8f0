"""Admin views of a consultation: the route of its responses' export, the
moderation of the comments on its components (a `FeedbackViewSet`) and the
`ConsultationAdminViewSet` that routes a consultation's own screens.

Access follows Wagtail's page permissions, checked first by one mixin
(`PageAccessMixin`): whoever may edit a consultation may export its
responses; whoever may publish it (the unit's moderators) moderates its
comments.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.viewsets.base import ViewSet

from cms.core import converters  # noqa: F401 (registers <id:...>)
from cms.core.page_access import PageAccessMixin

from ..moderation_admin import FeedbackPermissionPolicy, FeedbackViewSet
from .models import ConsultationPage
from .records import ComponentComment


class ConsultationResponsesExportView(PageAccessMixin, View):
    """`responses.csv` and `responses.xlsx`: the export of the consultation's
    submissions screen (`submissions_admin`), the one export of its responses
    (names and e-mail addresses only with the personal-data permission)."""

    page_model = ConsultationPage

    def get(self, request: HttpRequest, page_id: int, fmt: str) -> HttpResponse:
        if fmt not in ("csv", "xlsx"):
            raise Http404
        return self.page.serve_submissions_list_view(request, page_id=page_id, fmt=fmt)


#: Comments of the consultations in the units the user moderates.
comment_policy = FeedbackPermissionPolicy(ComponentComment, "consultation")


class CommentViewSet(FeedbackViewSet):
    """Comments on components: the listing, export and moderation of each."""

    model = ComponentComment
    page_model = ConsultationPage
    name = "consultation_comments"
    url_prefix = "consultation/comments"
    menu_label = gettext_lazy("Comments on components")
    menu_order = 200
    item_field = "comment"
    moderator_field = "moderated_by"
    choose_message = gettext_lazy("Choose a comment and a decision.")
    reason_message = gettext_lazy("Give the reason for hiding the comment.")
    records_prefetch = ("consultation", "standard", "consultation__unit")
    list_display = [
        "text",
        "language",
        "consultation",
        "standard",
        "component_label",
        "status",
    ]
    list_export = [
        "id",
        "consultation",
        "standard",
        "component_label",
        "text",
        "language",
        "status",
        "moderation_reason",
        "created_at",
    ]
    export_filename = "comments"


class ConsultationAdminViewSet(ViewSet):
    """A consultation's screens beside the page editor, under
    /admin/consultation/consultations/<page id>/ and reached from its header
    buttons: the export of its responses and the moderation of its comments
    (the `CommentViewSet`'s page listing). Each checks the page of its URL
    first, so another unit's staff get Wagtail's "permission denied"."""

    name = "consultation_fkp"
    url_prefix = "consultation/consultations"
    comments: CommentViewSet

    def get_urlpatterns(self) -> list:
        return [
            path(
                "<id:page_id>/responses.<str:fmt>",
                self.construct_view(ConsultationResponsesExportView),
                name="export",
            ),
            path("<id:page_id>/comments/", self.comments.page_view, name="comments"),
        ]
