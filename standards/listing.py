"""Queries for lists of standards: by locale, by unit, the unit's pledge.

A standard not yet translated into the reader's language is still listed, in
its Indonesian version (marked with its language), so English readers see
every service a unit offers. Only public standards are listed: `within` is the
page showing the list, whose restrictions (and its ancestors') its visitors
have passed (`cms.core.visibility`).
"""

from collections import defaultdict

from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page

from cms.core.models import UnitPage
from cms.core.translation import source_translation
from cms.core.visibility import public_pages

from .choices import ServiceCategory
from .models import ServicePledgePage, ServiceStandardPage


def standards_for_locale(
    locale: Locale, within: Page | None = None
) -> QuerySet[ServiceStandardPage]:
    """Public standards in `locale`, plus default-language ones not translated."""
    live = public_pages(ServiceStandardPage.objects.all(), within)
    default = Locale.get_default()
    if locale.pk == default.pk:
        return live.filter(locale=locale)
    translated = live.filter(locale=locale)
    return live.filter(
        Q(locale=locale)
        | (
            Q(locale=default)
            & ~Q(translation_key__in=translated.values("translation_key"))
        )
    )


def standards_of_unit(unit: UnitPage) -> QuerySet[ServiceStandardPage]:
    """The unit's public standards for readers of the unit page's language."""
    return standards_for_locale(unit.locale, within=unit).filter(
        unit__translation_key=unit.translation_key
    )


def group_by_category(
    standards,
) -> list[tuple[str, str, list[ServiceStandardPage]]]:
    """(category key, label, standards) in the order of the categories."""
    groups: dict[str, list[ServiceStandardPage]] = defaultdict(list)
    for standard in standards:
        groups[standard.category].append(standard)
    return [
        (value, label, groups[value])
        for value, label in ServiceCategory.choices
        if groups.get(value)
    ]


def pledge_of_unit(unit: UnitPage) -> ServicePledgePage | None:
    """The unit's public pledge in the unit page's language, else in Indonesian
    (the unit's restrictions count as passed: it is shown on the unit's pages)."""
    own = (
        public_pages(ServicePledgePage.objects.child_of(unit), within=unit)
        .select_related("locale")
        .first()
    )
    if own is not None:
        return own
    source = source_translation(unit)
    if source.pk == unit.pk:
        return None
    return (
        public_pages(ServicePledgePage.objects.all(), within=unit)
        .filter(path__startswith=source.path, depth=unit.depth + 1)
        .select_related("locale")
        .first()
    )
