"""Search documents of service standards (see `search.registry`)."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.core.documents import attach_units, unit_fields
from cms.core.models import UnitPage
from search.registry import (
    ITEM_SEPARATOR,
    IndexDocument,
    choice_label,
    html_to_text,
    register,
)

from .cards import attach_card_summaries
from .choices import ServiceCategory
from .models import ServicePledgePage, ServiceStandardPage
from .structure import TEXT_COMPONENTS

COMPONENT_STREAMS = (
    "requirements",
    "procedure",
    "fees",
    "products",
    "complaint_channels",
    "legal_basis",
)
# The words people search a free service with, in the page's language.
FREE_WORDS = pgettext_lazy(
    "words a free service is found by in search", "free of charge, no fee, free"
)
COMPONENT_TEXTS = ("completion_time_note", "fee_legal_basis", *TEXT_COMPONENTS.values())


def components_text(page: ServiceStandardPage) -> str:
    """The text of the 14 components, in the regulation's order."""
    parts = [html_to_text(getattr(page, name)) for name in COMPONENT_STREAMS]
    parts += [getattr(page, name) or "" for name in COMPONENT_TEXTS]
    if page.completion_time_value:  # "3 hari kerja", in the page's language
        unit = page.get_completion_time_unit_display()
        parts.append(f"{page.completion_time_value} {unit}")
    return ITEM_SEPARATOR.join(p for p in parts if p)


def standard_facts(page_ids: list[int]) -> dict[int, str]:
    """A standard's fee and time under its search result, as its card says
    them (in force today): "berapa biaya paspor" answered in the results."""
    standards = list(
        ServiceStandardPage.objects.live()
        .filter(pk__in=page_ids)
        .select_related("unit")
        .only(*ServiceStandardPage.card_fields, "unit", "unit__time_zone")
    )
    attach_card_summaries(standards, lambda standard: standard.unit.time_zone)
    template = "standards/includes/fee_summary.html"
    return {s.pk: render_to_string(template, {"standard": s}) for s in standards}


@register(
    "standards.ServiceStandardPage",
    kind="standard",
    api_url_name="api_standard",
    label=_("Service standard"),
    facet_choices={"category": ServiceCategory.choices},
    # The unit's facet values only: a whole UnitPage per standard cost seconds.
    prefetch_related=(
        Prefetch("unit", queryset=UnitPage.objects.only("short_name", "unit_type")),
    ),
    prefetch=attach_units,
    # The components' headings ("Persyaratan", "Biaya", "Waktu penyelesaian"…).
    keyword_fields=(*COMPONENT_STREAMS, *COMPONENT_TEXTS, "completion_time_value"),
    facts=standard_facts,
)
def service_standard_document(page: ServiceStandardPage) -> IndexDocument:
    category = choice_label(page, "category", page.locale.language_code)
    effective = page.effective_date
    fields = {}
    if effective:
        fields["year"] = effective.year
    return IndexDocument.from_page(
        page,
        summary=page.summary,
        body=components_text(page),
        # Found by "free"/"gratis", never shown in its snippet (the body is).
        keywords=str(FREE_WORDS) if page.is_free else "",
        category=category,
        suggest=[page.title],
        **unit_fields(page, page.unit),
        **fields,
    )


@register(
    "standards.ServicePledgePage",
    kind="pledge",
    api_url_name="api_pledge",
    label=_("Service pledge (Maklumat Pelayanan)"),
    prefetch=attach_units,
)
def service_pledge_document(page: ServicePledgePage) -> IndexDocument:
    """The pledge's text with who signed it, where and when."""
    signed = " ".join(
        filter(None, [page.signatory_name, page.signatory_title, page.place])
    )
    return IndexDocument.from_page(
        page,
        summary=html_to_text(page.text),
        body=signed,
        year=page.signed_on.year if page.signed_on else None,
        **unit_fields(page),
    )
