"""The unit facets of search documents (see `search.registry`).

`unit_fields(page)` gives any app's document the unit facets of the page's
owning unit; apps import it from here, and register `attach_units` as their
`prefetch` so rebuilds find every page's unit with one query per chunk. The
core's own page types are indexed by `search/documents.py`: the core does not
depend on the search app.
"""

from typing import Any

from .models import UnitPage
from .page_units import units_for

# Where `attach_units` leaves each page's unit for `unit_of`.
UNIT_ATTR = "search_unit"
_UNIT_FIELDS = ("path", "short_name", "unit_type")


def unit_of(page: Any) -> UnitPage | None:
    """The unit `page` belongs to (`cms.core.page_units`)."""
    if UNIT_ATTR in page.__dict__:
        return page.__dict__[UNIT_ATTR]
    return units_for([page], UnitPage.objects.only(*_UNIT_FIELDS)).unit_of(page)


def attach_units(pages: list[Any]) -> None:
    """Give each page its `unit_of` from one query for all of them."""
    units = units_for(pages, UnitPage.objects.only(*_UNIT_FIELDS))
    for page in pages:
        page.__dict__[UNIT_ATTR] = units.unit_of(page)


def unit_fields(page: Any, unit: UnitPage | None = None) -> dict[str, str]:
    """The `unit` and `unit_type` facet values of `page` (or of `unit` if given)."""
    unit = unit or unit_of(page)
    if unit is None:
        return {"unit": "", "unit_type": ""}
    return {"unit": unit.short_name, "unit_type": unit.unit_type}
