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
