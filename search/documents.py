"""Search documents of the core's page types: units and content pages.

The search app indexes them itself, so that the core never imports `search`.
"""

from cms.core.documents import attach_units, unit_fields
from cms.core.models import ContentPage, UnitPage

from .registry import IndexDocument, html_to_text, register


@register(
    "core.UnitPage",
    kind="unit",
    label=UnitPage._meta.verbose_name,
    prefetch_related=("opening_hours",),
)
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


@register(
    "core.ContentPage",
    kind="page",
    label=ContentPage._meta.verbose_name,
    prefetch=attach_units,
)
def content_page_document(page: ContentPage) -> IndexDocument:
    return IndexDocument.from_page(
        page,
        summary=page.intro,
        body=html_to_text(page.body),
        **unit_fields(page),
    )
