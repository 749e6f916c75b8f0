"""The unit a page belongs to, found the same way everywhere.

A unit's content (`UnitOwnedPage`: standards, consultations, surveys,
innovation entries) names its unit in its `unit` foreign key, kept right on
save and on move. Other pages (content pages under a unit) belong to the
deepest unit above them; a unit belongs to itself. Search documents, the API
and open data all ask `units_for` with the units they may show (every unit,
or only live and public ones) and read each page's unit from the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import Page

from .models import UnitPage


class UnitsOfPages:
    """Units loaded once; `unit_of(page)` then costs no query."""

    def __init__(self, units: Iterable[UnitPage]) -> None:
        units = list(units)
        self.by_pk = {unit.pk: unit for unit in units}
        self.by_path = {unit.path: unit for unit in units}

    def unit_of(self, page: Any) -> UnitPage | None:
        """`page`'s unit among the loaded ones (None when it is not among them)."""
        if isinstance(page, UnitPage):
            return page
        unit_id = getattr(page, "unit_id", None)
        if unit_id is not None:
            return self.by_pk.get(unit_id)
        step = Page.steplen
        for end in range(len(page.path) - step, 0, -step):
            if page.path[:end] in self.by_path:
                return self.by_path[page.path[:end]]
        return None


def units_for(pages: Iterable[Any], units: QuerySet) -> UnitsOfPages:
    """The units of `pages` among `units` (a `UnitPage` queryset), in one query."""
    ids: set[int] = set()
    paths: set[str] = set()
    step = Page.steplen
    for page in pages:
        unit_id = getattr(page, "unit_id", None)
        if unit_id is not None:
            ids.add(unit_id)
        elif not isinstance(page, UnitPage):
            paths.update(page.path[:end] for end in range(step, len(page.path), step))
    if not (ids or paths):
        return UnitsOfPages([])
    return UnitsOfPages(units.filter(Q(pk__in=ids) | Q(path__in=paths)))
