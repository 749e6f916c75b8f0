"""Search documents of the core's page types: units and content pages.

The search app indexes them itself, so that the core never imports `search`.
"""

from django.conf import settings
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.text import capfirst

from cms.core.documents import attach_units, unit_fields
from cms.core.models import ContentPage, UnitOpeningHours, UnitPage

from .registry import IndexDocument, html_to_text, register


def opening_hours_text(page: UnitPage) -> str:
    """The unit's opening-hours table as its page shows it, in the page's
    language: the heading ("Jam layanan"), each day with its hours, the notes.
    Nothing for a unit without hours (its page has no such table)."""
    hours = list(page.opening_hours.all())
    if not hours:
        return ""
    rows = [
        f"{h.get_weekday_display()} {h.opens:%H:%M}–{h.closes:%H:%M}" for h in hours
    ]
    notes = dict.fromkeys(h.note for h in hours if h.note)
    return " ".join([opening_hours_heading(), *rows, *notes])


def opening_hours_heading() -> str:
    return force_str(UnitOpeningHours._meta.verbose_name_plural)


def opening_hours_headings() -> str:
    """The table's heading in every language of the site ("jam layanan
    opening hours"): words a unit with opening hours is found by, as a
    standard is by its sections' headings (`keyword_fields`)."""
    found = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.append(opening_hours_heading())
    return " ".join(dict.fromkeys(found))


def contact_labels(page: UnitPage) -> str:
    """The names of the unit's contact details it has, in every language of
    the site ("kontak contact alamat address telepon telephone"): what a
    citizen asks for ("alamat kbri singapura" found a standard, not the unit)."""
    fields = [name for name in ("address", "phone", "email") if getattr(page, name)]
    if not fields:
        return ""
    found = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.append(translation.gettext("Contact"))
            found += [
                force_str(UnitPage._meta.get_field(name).verbose_name)
                for name in fields
            ]
    return " ".join(dict.fromkeys(found))


@register(
    "core.UnitPage",
    kind="unit",
    api_url_name="api_unit",
    label=capfirst(UnitPage._meta.verbose_name),
    prefetch_related=("opening_hours",),
)
def unit_page_document(page: UnitPage) -> IndexDocument:
    hours = opening_hours_text(page)
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
        keywords=" ".join(
            filter(
                None, [opening_hours_headings() if hours else "", contact_labels(page)]
            )
        ),
        **unit_fields(page),
    )


@register(
    "core.ContentPage",
    kind="page",
    label=capfirst(ContentPage._meta.verbose_name),
    prefetch=attach_units,
)
def content_page_document(page: ContentPage) -> IndexDocument:
    return IndexDocument.from_page(
        page,
        summary=page.intro,
        body=html_to_text(page.body),
        **unit_fields(page),
    )
