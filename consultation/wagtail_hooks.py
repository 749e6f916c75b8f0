"""Wagtail hooks of the app, found by Wagtail in the app's top-level module.

Each feature registers its own hooks in its package (`forums.wagtail_hooks`,
`surveys.wagtail_hooks`), imported here so Wagtail finds them; this module
adds only what spans both: the moderation queue and its menu item.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .forums import wagtail_hooks as forums_hooks
from .surveys import wagtail_hooks as surveys_hooks

FEATURE_HOOKS = (forums_hooks, surveys_hooks)


@hooks.register("register_admin_urls")
def moderation_admin_urls():
    return [
        path(
            "consultation/moderation/",
            admin_views.moderation_queue,
            name="consultation_moderation",
        ),
    ]


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return MenuItem(
        gettext_lazy("Public feedback"),
        reverse("consultation_moderation"),
        icon_name="comment",
        order=450,
    )
