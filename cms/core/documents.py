"""The unit facets of search documents (see `search.registry`).

`unit_fields(page)` gives any app's document the unit facets of the page's
owning unit; apps import it from here, and register `attach_units` as their
`prefetch` so rebuilds find every page's unit with one query per chunk. The
core's own page types are indexed by `search/documents.py`: the core does not
depend on the search app.
"""

from typing import Any

from wagtail.models import Page

from .models import UnitPage

UNIT_ATTR = "_search_unit"
_UNIT_FIELDS = ("path", "short_name", "unit_type")


def unit_of(page: Any) -> UnitPage | None:
    """The unit whose subtree holds `page` (the page itself for a unit)."""
    if isinstance(page, UnitPage):
        return page
    if UNIT_ATTR in page.__dict__:
        return page.__dict__[UNIT_ATTR]
    return UnitPage.objects.ancestor_of(page).only(*_UNIT_FIELDS).last()


def attach_units(pages: list[Any]) -> None:
    """Give each page its `unit_of` from one query for all of them.

    The deepest unit among a page's ancestors, as `unit_of` finds it alone.
    """
    step = Page.steplen
    ancestors = {
        page.path[:end] for page in pages for end in range(step, len(page.path), step)
    }
    units = {
        unit.path: unit
        for unit in UnitPage.objects.filter(path__in=ancestors).only(*_UNIT_FIELDS)
    }
    for page in pages:
        ends = range(len(page.path) - step, 0, -step)
        found = (units[page.path[:end]] for end in ends if page.path[:end] in units)
        page.__dict__[UNIT_ATTR] = next(found, None)


def unit_fields(page: Any, unit: UnitPage | None = None) -> dict[str, str]:
    """The `unit` and `unit_type` facet values of `page` (or of `unit` if given)."""
    unit = unit or unit_of(page)
    if unit is None:
        return {"unit": "", "unit_type": ""}
    return {"unit": unit.short_name, "unit_type": unit.unit_type}
