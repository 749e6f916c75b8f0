"""Wagtail hooks of the app, found by Wagtail in the app's top-level module.

Each feature registers its own hooks in its package (`forums.wagtail_hooks`,
`surveys.wagtail_hooks`, each with its moderation ViewSet and the ViewSet of
its pages' own screens), imported here so Wagtail finds them; this module adds
only what spans both: the moderation queue in the "Public feedback" menu (the
queue and both listings, `admin_views.PublicFeedbackMenu`) and how a
moderation decision reads in a page's history.
"""

from wagtail import hooks

from . import admin_views, moderation
from .forums import wagtail_hooks as forums_hooks
from .surveys import wagtail_hooks as surveys_hooks

FEATURE_HOOKS = (forums_hooks, surveys_hooks)


@hooks.register("register_log_actions")
def moderation_log_actions(actions):
    actions.register_action(moderation.LOG_ACTION)(moderation.ModerationFormatter)


@hooks.register("register_admin_viewset")
def register_public_feedback_menu():
    return admin_views.PublicFeedbackMenu()
