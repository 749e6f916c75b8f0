"""The dashboard's list of translations that lag their source, per unit.

When an Indonesian page changes, its English translation is synced at once
(`cms.core.translation_sync`), but a changed sentence has no English words yet
and is shown in Indonesian. The editors of the unit see here every page of the
unit whose English translation lags: the unit page itself, consultations,
surveys, polls, pledges, innovation entries and any other page below it. Service
standards are listed in the standards' own block (`standards.dashboard`).
"""

from __future__ import annotations

from collections import defaultdict
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page

from .dashboard import Block, Line, Workplace, edit_url, unit_admin_url
from .translation_sync import UNFOLLOWED, lagging_translation_keys

TRANSLATION_LANGUAGE = "en"
#: Listed by the standards' block already (app label, model).
LISTED_ELSEWHERE = ("standards", "servicestandardpage")


def unit_translations(workplace: Workplace) -> dict[int, Block]:
    """Lagging English translations of each unit's pages (at most four queries)."""
    if not workplace.units:
        return {}
    sources = source_pages(workplace)
    lagging = lagging_translation_keys(sources, TRANSLATION_LANGUAGE)
    if not lagging:
        return {}
    lines: dict[int, list[Line]] = defaultdict(list)
    translations = Page.objects.filter(
        translation_key__in=lagging, locale__language_code=TRANSLATION_LANGUAGE
    ).only("title", "translation_key")
    for page in translations.order_by("title"):
        unit_id = sources[page.translation_key]
        lines[unit_id].append(lagging_line(page, lagging[page.translation_key]))
    return {unit_id: block_of(unit_id, found) for unit_id, found in lines.items()}


def source_pages(workplace: Workplace) -> dict:
    """translation_key -> unit pk of every default-language page of the units
    (the units included), service standards left out."""
    paths = {unit.path: unit.pk for unit in workplace.units}
    under = reduce(or_, (Q(path__startswith=path) for path in paths))
    pages = (
        Page.objects.filter(under, locale__language_code=settings.LANGUAGE_CODE)
        .exclude(
            content_type__app_label=LISTED_ELSEWHERE[0],
            content_type__model=LISTED_ELSEWHERE[1],
        )
        .values_list("translation_key", "path")
    )
    found = {}
    for key, path in pages:
        unit_path = next(p for p in paths if path.startswith(p))
        found[key] = paths[unit_path]
    return found


def lagging_line(page: Page, why: str) -> Line:
    """A lagging translation's line; one that no longer follows its source
    asks for attention, as its facts may be out of date."""
    if why == UNFOLLOWED:
        text = _(
            "%(title)s: the English translation no longer follows the Indonesian"
            " page, which has changed since"
        )
        return Line(text % {"title": page.title}, edit_url(page), attention=True)
    return Line(
        _("%(title)s: the English translation has text not yet translated")
        % {"title": page.title},
        edit_url(page),
    )


def block_of(unit_id: int, lines: list[Line]) -> Block:
    block = Block(_("Translations"), order=90)
    block.add_items(lines, unit_admin_url(unit_id))
    return block
