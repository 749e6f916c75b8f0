"""Wagtail hooks of the app, found by Wagtail in the app's top-level module.

Each feature registers its own hooks in its package (`forums.wagtail_hooks`,
`surveys.wagtail_hooks`, each with its moderation ViewSet), imported here so
Wagtail finds them; this module adds only what spans both: the moderation
queue, the "Public feedback" menu (the queue and both listings) and how a
moderation decision reads in a page's history.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views, moderation
from .forums import wagtail_hooks as forums_hooks
from .surveys import wagtail_hooks as surveys_hooks

FEATURE_HOOKS = (forums_hooks, surveys_hooks)


@hooks.register("register_log_actions")
def moderation_log_actions(actions):
    actions.register_action(moderation.LOG_ACTION)(moderation.ModerationFormatter)


@hooks.register("register_admin_urls")
def moderation_admin_urls():
    return [
        path(
            "consultation/moderation/",
            admin_views.moderation_queue,
            name="consultation_moderation",
        ),
    ]


class ModeratorsMenuItem(MenuItem):
    """A moderation ViewSet's listing, shown only to those who may moderate
    some of its records (its permission policy says who)."""

    def __init__(self, viewset, order: int) -> None:
        super().__init__(
            viewset.menu_label,
            reverse(viewset.get_url_name("index")),
            icon_name=viewset.icon,
            order=order,
        )
        self.policy = viewset.permission_policy

    def is_shown(self, request) -> bool:
        return self.policy.user_has_permission(request.user, "change")


def public_feedback_menu() -> Menu:
    return Menu(
        items=[
            MenuItem(
                gettext_lazy("Waiting for moderation"),
                reverse("consultation_moderation"),
                icon_name="comment",
                order=100,
            ),
            ModeratorsMenuItem(forums_hooks.comment_viewset, order=200),
            ModeratorsMenuItem(surveys_hooks.suggestion_viewset, order=300),
        ]
    )


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return SubmenuMenuItem(
        gettext_lazy("Public feedback"),
        public_feedback_menu(),
        icon_name="comment",
        order=450,
    )
