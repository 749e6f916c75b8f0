"""Amounts and durations written the way each language writes them.

Indonesian: "Rp650.000", "SGD 97,50", "3 hari kerja" (no plural forms).
English: "IDR 650,000", "SGD 97.50", "1 working day" / "3 working days".
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language, gettext, ngettext


def _language(language: str | None) -> str:
    return (language or get_language() or "id").split("-")[0]


def to_decimal(value) -> Decimal | None:
    """`value` as a Decimal, or None when it is not a number."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value: Decimal, places: int, language: str | None = None) -> str:
    """A number with grouped thousands: 650,000.50 (en) / 650.000,50 (id)."""
    text = f"{value:,.{places}f}"
    if _language(language) == "id":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text


def format_money(amount, currency: str, language: str | None = None) -> str:
    """An amount with its ISO 4217 currency for `language` (default: active).

    Whole amounts are written without minor units (Rp650.000, SGD 60); any
    other amount with two places as stored, whatever the currency: an official
    fee is never shown rounded (Rp1.234.567,50, not Rp1.234.568)."""
    value = to_decimal(amount)
    if value is None:
        return ""
    currency = (currency or "").upper()
    places = 0 if value == value.to_integral_value() else 2
    number = format_number(value, places, language)
    if currency == "IDR" and _language(language) == "id":
        return f"Rp{number}"
    return f"{currency} {number}".strip()


def free_of_charge_label() -> str:
    """'Tidak dipungut biaya' in Indonesian, 'Free of charge' in English."""
    return gettext("Free of charge")


def format_duration(value, unit: str) -> str:
    """A duration such as '3 working days' (pluralised in English)."""
    number = to_decimal(value)
    if number is None or not unit:
        return ""
    count = int(number)
    if unit == "menit":
        text = ngettext("%(count)s minute", "%(count)s minutes", count)
    elif unit == "jam":
        text = ngettext("%(count)s hour", "%(count)s hours", count)
    elif unit == "hari_kerja":
        text = ngettext("%(count)s working day", "%(count)s working days", count)
    elif unit == "hari_kalender":
        text = ngettext("%(count)s calendar day", "%(count)s calendar days", count)
    else:
        return f"{count} {unit}"
    return text % {"count": count}
