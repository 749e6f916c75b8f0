"""A service standard's components as plain structured data.

The same structure is served by the API, stored in every published version and
compared between versions, keyed by the component keys of the regulation data:

    persyaratan   [{description, document_form, applies_to[], note}]
    prosedur      [{step, description, actor, duration: {value, unit} | null}]
    jangka_waktu  {value, unit, note} | null
    biaya         {free, items: [{label, amount: "70.00", currency: "SGD"}],
                   legal_basis}
    produk        [{name, description}]
    pengaduan     [{channel, address, note}]
    dasar_hukum   [{type, number, year, title, url}]
    the seven other management components: text
"""

from decimal import Decimal
from typing import Any

from .components import components
from .formatting import to_decimal

CENT = Decimal("0.01")


def amount_string(value) -> str | None:
    """A fee amount as a decimal string with two places ("70.00")."""
    number = to_decimal(value)
    return None if number is None else str(number.quantize(CENT))


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str) else ""


def requirements_data(page) -> list[dict[str, Any]]:
    return [
        {
            "description": _text(item.value.get("description")),
            "document_form": item.value.get("document_form") or "",
            "applies_to": list(item.value.get("applies_to") or []),
            "note": _text(item.value.get("note")),
        }
        for item in page.requirements
    ]


def procedure_data(page) -> list[dict[str, Any]]:
    steps = []
    for number, item in enumerate(page.procedure, start=1):
        value = item.value.get("duration_value")
        unit = item.value.get("duration_unit")
        steps.append(
            {
                "step": number,
                "description": _text(item.value.get("description")),
                "actor": item.value.get("actor") or "",
                "duration": {"value": int(value), "unit": unit}
                if value and unit
                else None,
            }
        )
    return steps


def completion_time_data(page) -> dict[str, Any] | None:
    if not (page.completion_time_value and page.completion_time_unit):
        return None
    return {
        "value": int(page.completion_time_value),
        "unit": page.completion_time_unit,
        "note": _text(page.completion_time_note),
    }


def fees_data(page, default_currency: str = "") -> dict[str, Any]:
    return {
        "free": bool(page.is_free),
        "items": [
            {
                "label": _text(item.value.get("label")),
                "amount": amount_string(item.value.get("amount")),
                "currency": (item.value.get("currency") or default_currency).upper(),
                "added": bool(item.value.get("added")),
            }
            for item in page.fees
        ],
        "legal_basis": _text(page.fee_legal_basis),
    }


def products_data(page) -> list[dict[str, Any]]:
    return [
        {
            "name": _text(item.value.get("name")),
            "description": _text(item.value.get("description")),
        }
        for item in page.products
    ]


def complaint_channels_data(page) -> list[dict[str, Any]]:
    return [
        {
            "channel": item.value.get("channel") or "",
            "address": _text(item.value.get("address")),
            "note": _text(item.value.get("note")),
        }
        for item in page.complaint_channels
    ]


def legal_basis_data(page) -> list[dict[str, Any]]:
    return [
        {
            "type": item.value.get("instrument_type") or "",
            "number": _text(item.value.get("number")),
            "year": item.value.get("year"),
            "title": _text(item.value.get("title")),
            "url": item.value.get("url") or "",
        }
        for item in page.legal_basis
    ]


TEXT_COMPONENTS = {
    "sarana_prasarana": "facilities",
    "kompetensi_pelaksana": "staff_competence",
    "pengawasan_internal": "internal_supervision",
    "jumlah_pelaksana": "number_of_staff",
    "jaminan_pelayanan": "service_guarantee",
    "jaminan_keamanan": "security_guarantee",
    "evaluasi_kinerja": "performance_evaluation",
}

# Each component under its name in the APIs (the Wagtail API's `api_fields`
# and `standards.api`), in the regulation's order: the structured components,
# then the text ones, named after their model fields.
COMPONENT_FIELDS = {
    "requirements": "persyaratan",
    "procedure": "prosedur",
    "completion_time": "jangka_waktu",
    "fees": "biaya",
    "products": "produk",
    "complaint_channels": "pengaduan",
    "legal_basis": "dasar_hukum",
    **{field: key for key, field in TEXT_COMPONENTS.items()},
}


def component_value(page, key: str, default_currency: str = "") -> Any:
    """The structured value of component `key` of `page`."""
    if key == "persyaratan":
        return requirements_data(page)
    if key == "prosedur":
        return procedure_data(page)
    if key == "jangka_waktu":
        return completion_time_data(page)
    if key == "biaya":
        return fees_data(page, default_currency)
    if key == "produk":
        return products_data(page)
    if key == "pengaduan":
        return complaint_channels_data(page)
    if key == "dasar_hukum":
        return legal_basis_data(page)
    return _text(getattr(page, TEXT_COMPONENTS[key]))


def components_data(page, default_currency: str = "") -> dict[str, Any]:
    """Every component of `page` in the regulation's order."""
    return {c.key: component_value(page, c.key, default_currency) for c in components()}
