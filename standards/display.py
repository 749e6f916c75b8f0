"""How a standard page shows its standard: components with their labels,
the table of contents, JSON-LD and the key of the cached body.

Used by `ServiceStandardPage.get_context` for the page and its sub-pages
(checklist, history, compare); it imports no model, so the page type imports it.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import get_language
from wagtail.models import Page

from cms.core.local_time import today_in
from cms.core.memo import remembered_fragment

from .cards import summary_of_version
from .choices import (
    ActorChoices,
    ApplicantChoices,
    Audience,
    ComplaintChannelChoices,
    DeliveryChannel,
    DocumentFormChoices,
    InstrumentTypeChoices,
)
from .components import components, label_for
from .formatting import format_duration, format_money, free_of_charge_label
from .jsonld import as_script_content, government_service
from .listing import PledgeQuerySet
from .structure import TEXT_COMPONENTS, components_data

# The rendered body of a standard page is cached this long (the key changes on
# every publication of the standard or its unit).
BODY_CACHE_SECONDS = 6 * 60 * 60


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


def contact_href(channel: str, address: str) -> str:
    """A link for a complaint channel's address, or "" when it has none."""
    address = address.strip()
    if address.startswith(("http://", "https://")):
        return address
    if channel == "surel" and "@" in address:
        return f"mailto:{address}"
    digits = "".join(ch for ch in address if ch.isdigit())
    if channel == "whatsapp" and digits:
        return f"https://wa.me/{digits}"
    if channel == "telepon" and digits:
        return f"tel:+{digits}" if address.startswith("+") else f"tel:{digits}"
    return ""


def display_components(page: Page, currency: str) -> dict[str, Any]:
    """The components of `page` ready for templates, labels resolved."""
    data = components_data(page, currency)
    requirements = [
        {
            **item,
            "form_label": _label(DocumentFormChoices.choices, item["document_form"]),
            "applies_labels": [
                _label(ApplicantChoices.choices, v) for v in item["applies_to"]
            ],
        }
        for item in data["persyaratan"]
    ]
    steps = [
        {
            **item,
            "actor_label": _label(ActorChoices.choices, item["actor"]),
            "duration_text": format_duration(
                item["duration"]["value"], item["duration"]["unit"]
            )
            if item["duration"]
            else "",
        }
        for item in data["prosedur"]
    ]
    time = data["jangka_waktu"]
    fees = data["biaya"]
    fee_items = [
        {**item, "money": format_money(item["amount"], item["currency"])}
        for item in fees["items"]
    ]
    channels = [
        {
            **item,
            "channel_label": _label(ComplaintChannelChoices.choices, item["channel"]),
            "href": contact_href(item["channel"], item["address"]),
        }
        for item in data["pengaduan"]
    ]
    instruments = [
        {**item, "type_label": _label(InstrumentTypeChoices.choices, item["type"])}
        for item in data["dasar_hukum"]
    ]
    return {
        "data": data,
        "requirements": requirements,
        "steps": steps,
        "time_text": format_duration(time["value"], time["unit"]) if time else "",
        "time_note": time["note"] if time else "",
        "fees_free": fees["free"],
        "fee_items": fee_items,
        "fees_added": any(item.get("added") for item in fee_items),
        "fee_legal_basis": fees["legal_basis"],
        "free_label": free_of_charge_label(),
        "products": data["produk"],
        "complaint_channels": channels,
        "instruments": instruments,
        "management_texts": [
            (key, {"label": label_for(key), "value": data[key]})
            for key in TEXT_COMPONENTS
        ],
    }


class StandardDisplay:
    """Everything the templates show of a standard, computed on first use.

    The standard page caches its rendered body, so on a cache hit none of
    this is computed.
    """

    def __init__(self, page, request: HttpRequest, unit):
        self.page = page
        self.request = request
        self.unit = unit

    @cached_property
    def components(self) -> dict[str, Any]:
        return display_components(self.page, self.unit.currency if self.unit else "")

    def __getattr__(self, name: str) -> Any:
        # requirements, steps, time_text, fee_items, ... from `components`.
        if name.startswith("_") or name == "components":
            raise AttributeError(name)
        try:
            return self.components[name]
        except KeyError:
            raise AttributeError(name) from None

    @cached_property
    def labels(self) -> dict[str, str]:
        return {c.key: label_for(c.key) for c in components()}

    @cached_property
    def toc(self) -> list[dict[str, Any]]:
        return [
            {
                "key": c.key,
                "no": c.no,
                "label": self.labels[c.key],
                "group": c.group,
                "filled": self.page.component_is_filled(c.key),
            }
            for c in components()
        ]

    @cached_property
    def filled_count(self) -> int:
        return sum(1 for c in self.toc if c["filled"])

    @property
    def total_count(self) -> int:
        return len(components())

    @cached_property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[a] for a in self.page.audiences]

    @cached_property
    def channel_labels(self) -> list[str]:
        labels = dict(DeliveryChannel.choices)
        return [labels[c] for c in self.page.channels]

    @cached_property
    def upcoming(self) -> dict[str, Any] | None:
        """When this version takes effect later (`upcoming_change`)."""
        return upcoming_change(self.page, self.unit)

    @cached_property
    def in_force_card(self) -> dict[str, Any] | None:
        """The fee and time of the version in force until this one takes
        effect, as a card says them (`fee_summary.html`); None otherwise."""
        change = self.upcoming
        if not change or not change["in_force"]:
            return None
        return {"card_summary": summary_of_version(change["in_force"], None)}

    @cached_property
    def jsonld(self) -> str:
        return as_script_content(government_service(self.page, self.request, self.unit))


def is_ahead(page, unit) -> bool:
    """Whether the standard takes effect on a day still to come."""
    effective = page.effective_date
    return effective is not None and effective > today_in(
        getattr(unit, "time_zone", None)
    )


def upcoming_change(page, unit) -> dict[str, Any] | None:
    """A standard published ahead of its effective date: the date, and the
    version still in force until then (None when none was published before).

    Without it the page showed next year's fees as if they applied today.
    No query unless the effective date is in the future."""
    if not is_ahead(page, unit):
        return None
    effective = page.effective_date
    today = today_in(getattr(unit, "time_zone", None))
    versions = list(page.versions.order_by("-number")[:20])
    in_force = next(
        (v for v in versions if v.effective_date is None or v.effective_date <= today),
        None,
    )
    return {
        "effective_date": effective,
        "in_force": in_force,
        "latest": versions[0] if versions else None,
    }


def body_cache_key(page, request: HttpRequest, unit) -> str | None:
    """Key of the standard page's cached body; None when it must not be cached.

    It changes whenever the standard or its unit is published again, so a
    publication is visible at once; previews are never cached.
    """
    if not settings.FRAGMENT_CACHE:
        return None
    if getattr(request, "is_preview", False) or not page.live:
        return None
    parts = [
        page.pk,
        page.live_revision_id,
        page.last_published_at.timestamp() if page.last_published_at else "",
        unit.pk if unit else "",
        unit.last_published_at.timestamp() if unit and unit.last_published_at else "",
        get_language(),
        # The body says which version applies until an effective date to come.
        "ahead" if is_ahead(page, unit) else "",
    ]
    return ":".join(str(part) for part in parts)


def standard_context(page, request: HttpRequest) -> dict[str, Any]:
    """Context of the standard page and its sub-pages (bounded queries)."""
    unit = page.unit
    return {"unit": unit, "std": StandardDisplay(page, request, unit)}


def standard_page_extras(
    page, request: HttpRequest, unit, pledges: PledgeQuerySet
) -> dict[str, Any]:
    """What only the main standard page shows: the unit's pledge (found among
    `pledges`, `PledgeQuerySet.shown_on_pages_of`) and the cache key."""
    return {
        "pledge": (
            remembered_fragment(
                ("pledge", unit.pk), lambda: pledges.shown_on_pages_of(unit)
            )
            if unit
            else None
        ),
        "body_cache_key": body_cache_key(page, request, unit),
        "body_cache_seconds": BODY_CACHE_SECONDS,
    }
