"""Search documents of the core page types (see `search.registry`).

`unit_fields(page)` gives any app's document the unit facets of the page's
owning unit; apps import it from here.
"""

from typing import Any

from search.registry import IndexDocument, html_to_text, register

from .models import ContentPage, UnitPage


def unit_of(page: Any) -> UnitPage | None:
    """The unit whose subtree holds `page` (the page itself for a unit)."""
    if isinstance(page, UnitPage):
        return page
    return UnitPage.objects.ancestor_of(page).only("short_name", "unit_type").last()


def unit_fields(page: Any, unit: UnitPage | None = None) -> dict[str, str]:
    """The `unit` and `unit_type` facet values of `page` (or of `unit` if given)."""
    unit = unit or unit_of(page)
    if unit is None:
        return {"unit": "", "unit_type": ""}
    return {"unit": unit.short_name, "unit_type": unit.unit_type}


@register("core.UnitPage", kind="unit", label=UnitPage._meta.verbose_name)
def unit_page_document(page: UnitPage) -> IndexDocument:
    hours = " ".join(dict.fromkeys(h.note for h in page.opening_hours.all() if h.note))
    body = " ".join(
        filter(
            None,
            [
                page.city,
                page.country.name if page.country else "",
                page.address,
                page.head_of_unit_title,
                page.get_unit_type_display(),
                hours,
            ],
        )
    )
    return IndexDocument.from_page(
        page,
        summary=page.intro,
        body=body,
        suggest=[page.title, page.short_name],
        **unit_fields(page),
    )


@register("core.ContentPage", kind="page", label=ContentPage._meta.verbose_name)
def content_page_document(page: ContentPage) -> IndexDocument:
    return IndexDocument.from_page(
        page,
        summary=page.intro,
        body=html_to_text(page.body),
        **unit_fields(page),
    )
