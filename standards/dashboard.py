"""The standards' part of a unit's dashboard: what keeps a standard current.

A standard needs work when components are still empty, when neither its
effective date nor its last publication is within a year (standards are
evaluated periodically), or when its English translation lags the source.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.dashboard import Block, Line, Workplace, edit_url, unit_admin_url
from cms.core.translation_dashboard import TRANSLATION_LANGUAGE, lagging_line
from cms.core.translation_sync import lagging_translation_keys

from .components import components
from .models import ServiceStandardPage

#: A standard older than this was not evaluated within the period.
EVALUATION_PERIOD = datetime.timedelta(days=365)


def unit_standards(workplace: Workplace) -> dict[int, Block]:
    """Incomplete, unevaluated and lagging standards per unit (four queries)."""
    standards = list(
        ServiceStandardPage.objects.filter(
            unit_id__in=workplace.unit_ids,
            locale__language_code=settings.LANGUAGE_CODE,
        ).only(
            "title",
            "unit_id",
            "translation_key",
            "completeness",
            "effective_date",
            "last_published_at",
        )
    )
    found: dict[int, dict[str, list[Line]]] = defaultdict(lambda: defaultdict(list))
    total = len(components())
    cutoff = timezone.now() - EVALUATION_PERIOD
    for page in standards:
        lines = found[page.unit_id]
        if page.completeness < total:
            lines["incomplete"].append(incomplete_line(page, total))
        if not evaluated_since(page, cutoff):
            lines["old"].append(old_line(page))
    for page in lagging_translations(standards):
        found[page.unit_id]["lagging"].append(lagging_line(page, page.lagging_why))
    return {unit_id: block_of(unit_id, kinds) for unit_id, kinds in found.items()}


def evaluated_since(page: ServiceStandardPage, cutoff: datetime.datetime) -> bool:
    """Whether the effective date or the last publication is after `cutoff`;
    a draft never published and not yet in effect is being written, not old."""
    if not page.effective_date and not page.last_published_at:
        return True
    if page.effective_date and page.effective_date >= cutoff.date():
        return True
    return bool(page.last_published_at and page.last_published_at >= cutoff)


def lagging_translations(
    standards: list[ServiceStandardPage],
) -> list[ServiceStandardPage]:
    """The English pages of `standards` whose translation lags (three queries)."""
    sources = {page.translation_key: page for page in standards}
    lagging = lagging_translation_keys(sources, TRANSLATION_LANGUAGE)
    if not lagging:
        return []
    translations = ServiceStandardPage.objects.filter(
        translation_key__in=lagging,
        locale__language_code=TRANSLATION_LANGUAGE,
    ).only("title", "translation_key")
    for page in translations:
        page.unit_id = sources[page.translation_key].unit_id
        page.lagging_why = lagging[page.translation_key]
    return list(translations)


def incomplete_line(page: ServiceStandardPage, total: int) -> Line:
    return Line(
        _("%(title)s: %(filled)s of %(total)s components filled in")
        % {"title": page.title, "filled": page.completeness, "total": total},
        edit_url(page),
        attention=True,
    )


def old_line(page: ServiceStandardPage) -> Line:
    return Line(
        _("%(title)s: not evaluated for more than a year") % {"title": page.title},
        edit_url(page),
        attention=True,
    )


def block_of(unit_id: int, kinds: dict[str, list[Line]]) -> Block:
    block = Block(_("Service standards"), order=20)
    more = unit_admin_url(unit_id)
    for kind in ("incomplete", "old", "lagging"):
        block.add_items(kinds.get(kind, []), more)
    return block
