"""Admin hooks of the site core: sending a translation to moderation."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import translation_access


@hooks.register("register_admin_urls")
def translation_moderation_urls():
    return [
        path(
            "translations/<int:page_id>/submit/",
            translation_access.submit_for_moderation,
            name="translation_submit_for_moderation",
        )
    ]


def submit_translation_button(page, user, view_name=None, next_url=None):
    """ "Send translation to moderation" on translated copies an editor may send."""
    if page.is_root() or not translation_access.may_submit_for_moderation(user, page):
        return
    if translation_access.enabled_translation_of(page) is None:
        return
    yield Button(
        _("Send translation to moderation"),
        reverse("translation_submit_for_moderation", args=[page.pk]),
        icon_name="resubmit",
        priority=61,
    )


hooks.register("register_page_listing_more_buttons", submit_translation_button)
hooks.register("register_page_header_buttons", submit_translation_button)
