"""The one admin screen over both features: what waits for moderation.

It lists the consultations whose comments and the surveys whose suggestions
wait for a decision, among the records the user may moderate (each package's
`FeedbackPermissionPolicy`: the units the user moderates), linking to each
page's screen of the moderation ViewSets and to their full listings. Its
`ModerationQueueViewSet` is the first item of the "Public feedback" menu
(`PublicFeedbackMenu`, a ViewSet group), whose other items are the packages'
moderation listings.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.models import Page

from .forums.admin_views import comment_policy
from .moderation import ModerationStatus
from .moderation_admin import MENU_HOOK, FeedbackPermissionPolicy
from .surveys.admin_views import suggestion_policy


def waiting_by_page(
    policy: FeedbackPermissionPolicy, status_field: str, user: Any
) -> dict[int, int]:
    """Page pk -> how many of its records the user may moderate are waiting."""
    records: QuerySet = policy.instances_user_has_permission_for(user, "change")
    return dict(
        records.filter(**{status_field: ModerationStatus.PENDING})
        .values(policy.page_field)
        .annotate(n=Count("pk"))
        .values_list(policy.page_field, "n")
    )


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    """Pages with comments or suggestions waiting, across the user's units."""

    template_name = "consultation/admin/moderation_queue.html"
    page_title = _("Moderation of public feedback")
    header_icon = "comment"

    def kinds(self) -> list[tuple[FeedbackPermissionPolicy, str, str, Any]]:
        """(policy, status field, per-page URL name, label) of each kind."""
        return [
            (
                suggestion_policy,
                "suggestion_status",
                "consultation_survey:suggestions",
                _("Suggestions"),
            ),
            (
                comment_policy,
                "status",
                "consultation_fkp:comments",
                _("Comments on the components"),
            ),
        ]

    def rows(self) -> list[dict[str, Any]]:
        rows = []
        for policy, status_field, url_name, kind in self.kinds():
            waiting = waiting_by_page(policy, status_field, self.request.user)
            pages = Page.objects.filter(pk__in=list(waiting))
            for page in pages.order_by("title"):
                rows.append(
                    {
                        "page": page,
                        "count": waiting[page.pk],
                        "url": reverse(url_name, args=[page.pk]),
                        "kind": kind,
                    }
                )
        return rows

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rows"] = self.rows()
        user = self.request.user
        context["may_moderate"] = any(
            policy.user_has_permission(user, "change")
            for policy, *_rest in self.kinds()
        )
        context["listings"] = [
            (label, reverse(url_name))
            for policy, url_name, label in (
                (
                    comment_policy,
                    "consultation_comments:index",
                    _("All comments on components"),
                ),
                (
                    suggestion_policy,
                    "consultation_suggestions:index",
                    _("All suggestions"),
                ),
            )
            if policy.user_has_permission(user, "change")
        ]
        return context


class ModerationQueueViewSet(ViewSet):
    """The queue at /admin/consultation/moderation/, first item of the "Public
    feedback" menu (`PublicFeedbackMenu`), shown to every admin user: it lists
    only what the user may moderate."""

    name = "consultation_moderation"
    url_prefix = "consultation/moderation"
    icon = "comment"
    menu_label = _("Waiting for moderation")
    menu_order = 100

    def get_urlpatterns(self) -> list:
        return [path("", self.construct_view(ModerationQueueView), name="index")]


class PublicFeedbackMenu(ViewSetGroup):
    """The "Public feedback" menu: the queue, then each package's moderation
    listing (a `FeedbackViewSet` whose `menu_hook` is `MENU_HOOK`)."""

    items = (ModerationQueueViewSet,)
    submenu_hook = MENU_HOOK
    menu_label = _("Public feedback")
    menu_name = "public-feedback"
    menu_icon = "comment"
    menu_order = 450
