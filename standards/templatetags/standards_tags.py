"""Template filters for service standards: amounts, durations, choice labels."""

from django import template

from ..choices import (
    ActorChoices,
    ApplicantChoices,
    ComplaintChannelChoices,
    DocumentFormChoices,
    InstrumentTypeChoices,
    TimeUnitChoices,
)
from ..components import label_or_key
from ..formatting import format_duration, format_money

register = template.Library()

CHOICES = {
    "actor": ActorChoices,
    "applicant": ApplicantChoices,
    "complaint_channel": ComplaintChannelChoices,
    "document_form": DocumentFormChoices,
    "instrument_type": InstrumentTypeChoices,
    "time_unit": TimeUnitChoices,
}


@register.filter
def money(amount, currency: str = "") -> str:
    """`{{ amount|money:"SGD" }}` → "SGD 70" (en) / "SGD 70" (id)."""
    return format_money(amount, currency or "")


@register.filter
def lowest_fee(fees) -> dict | None:
    """The cheapest of a standard's fee items in the first item's currency
    (`{"amount", "currency"}`), None without items. A card says "from" it when
    there are several: the items may be alternatives (an electronic or an
    ordinary passport) or charges added on top, and the first item's amount
    with "and more" showed the dearer alternative as the least one pays."""
    items = [block.value for block in fees or ()]
    if not items:
        return None
    currency = items[0].get("currency") or ""
    amounts = [
        item["amount"]
        for item in items
        if (item.get("currency") or "") == currency and item.get("amount") is not None
    ]
    return {"amount": min(amounts), "currency": currency} if amounts else None


@register.filter
def duration(value, unit: str = "") -> str:
    """`{{ 3|duration:"hari_kerja" }}` → "3 working days" / "3 hari kerja"."""
    return format_duration(value, unit)


@register.filter
def choice_label(value, vocabulary: str) -> str:
    """The translated label of a stored choice, e.g. `{{ v|choice_label:"actor" }}`."""
    choices = CHOICES.get(vocabulary)
    if choices is None:
        return str(value)
    return str(dict(choices.choices).get(value, value))


@register.filter
def component_label(key) -> str:
    """`{{ "jangka_waktu"|component_label }}` → "Service completion time"."""
    return label_or_key(key)
