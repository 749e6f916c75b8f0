"""Names in the e-mails the admin sends: the page and its unit in the
recipient's language (Wagtail renders each e-mail with the recipient's
language active), and the admin screen where the work is done."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from wagtail.models import Locale, Page

from cms.core.models import UnitPage

register = template.Library()


def in_active_language(page: Page) -> Page:
    """`page`'s translation in the active language, else `page`."""
    return page.get_translation_or_none(Locale.get_active()) or page


def unit_of(page: Page) -> UnitPage | None:
    """The closest unit at or above `page`."""
    unit = getattr(page, "unit", None)
    if unit is not None:
        return unit
    return UnitPage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()


@register.simple_tag
def notification_names(item: Any) -> dict[str, str]:
    """`title`, `unit` (empty outside a unit) and `edit_url` (admin path) of
    the page or object an e-mail is about."""
    if not isinstance(item, Page):
        return {
            "title": str(item),
            "unit": "",
            "edit_url": reverse("wagtailadmin_home"),
        }
    page = item.specific_deferred
    unit = unit_of(page)
    return {
        "title": in_active_language(page).title,
        "unit": in_active_language(unit).title if unit else "",
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }
