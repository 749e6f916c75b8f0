"""What changed between two published versions of a service standard.

Compares the structured component data (see `standards.structure`) component
by component. List components match their items by a natural key (a
requirement by its description, a fee by its label, ...), so a changed fee
amount shows as one changed item, not as a removal and an addition.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .choices import (
    ActorChoices,
    ApplicantChoices,
    ComplaintChannelChoices,
    DocumentFormChoices,
    InstrumentTypeChoices,
)
from .components import components, label_for
from .formatting import format_duration, format_money, free_of_charge_label

LIST_KEYS = {
    "persyaratan": lambda item: item.get("description", "").casefold(),
    "prosedur": lambda item: item.get("description", "").casefold(),
    "produk": lambda item: item.get("name", "").casefold(),
    "pengaduan": lambda item: (item.get("channel"), item.get("address", "").casefold()),
    "dasar_hukum": lambda item: (
        item.get("type"),
        str(item.get("number", "")).casefold(),
        item.get("year"),
    ),
}
FEE_KEY = "biaya"


@dataclass
class ComponentChange:
    """The differences of one component between two versions."""

    key: str
    label: str
    group: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def is_fee(self) -> bool:
        return self.key == FEE_KEY


def _choice_label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


def describe_requirement(item: dict) -> str:
    text = item.get("description", "")
    details = [_choice_label(DocumentFormChoices.choices, item.get("document_form"))]
    applies = [
        _choice_label(ApplicantChoices.choices, v) for v in item.get("applies_to", [])
    ]
    if applies:
        details.append(_("for %(applicants)s") % {"applicants": ", ".join(applies)})
    text = f"{text} ({'; '.join(d for d in details if d)})"
    if item.get("note"):
        text = f"{text} — {item['note']}"
    return text


def describe_step(item: dict) -> str:
    actor = _choice_label(ActorChoices.choices, item.get("actor"))
    text = f"{item.get('description', '')} ({actor}"
    duration = item.get("duration")
    if duration:
        text += f", {format_duration(duration.get('value'), duration.get('unit'))}"
    return text + ")"


def describe_fee(item: dict) -> str:
    money = format_money(item.get("amount"), item.get("currency", ""))
    on_top = "+ " if item.get("added") else ""
    return f"{item.get('label', '')}: {on_top}{money}"


def describe_product(item: dict) -> str:
    if item.get("description"):
        return f"{item.get('name', '')} — {item['description']}"
    return item.get("name", "")


def describe_channel(item: dict) -> str:
    text = (
        f"{_choice_label(ComplaintChannelChoices.choices, item.get('channel'))}: "
        f"{item.get('address', '')}"
    )
    return f"{text} — {item['note']}" if item.get("note") else text


def describe_instrument(item: dict) -> str:
    return _("%(type)s No. %(number)s of %(year)s on %(title)s") % {
        "type": _choice_label(InstrumentTypeChoices.choices, item.get("type")),
        "number": item.get("number", ""),
        "year": item.get("year", ""),
        "title": item.get("title", ""),
    }


def describe_time(value: dict | None) -> str:
    if not value:
        return _("(not set)")
    text = format_duration(value.get("value"), value.get("unit"))
    return f"{text} — {value['note']}" if value.get("note") else text


DESCRIBE: dict[str, Any] = {
    "persyaratan": describe_requirement,
    "prosedur": describe_step,
    "produk": describe_product,
    "pengaduan": describe_channel,
    "dasar_hukum": describe_instrument,
}


def describe_component(key: str, value: Any) -> str:
    """Component `key`'s structured value as one readable paragraph, every
    code by its label in the active language (never `hari_kerja`, `SGD`…)."""
    if key in DESCRIBE:
        return "; ".join(DESCRIBE[key](item) for item in value or [] if item)
    if key == FEE_KEY:
        if not value:
            return ""
        return free_of_charge_label() if value.get("free") else _fee_text(value)
    if key == "jangka_waktu":
        return describe_time(value) if value else ""
    return str(value or "")


def _fee_text(value: dict) -> str:
    text = "; ".join(describe_fee(item) for item in value.get("items", []))
    if value.get("legal_basis"):
        text = f"{text} — {value['legal_basis']}" if text else value["legal_basis"]
    return text


def _diff_list(change: ComponentChange, before: list, after: list, keyfunc, describe):
    old = {keyfunc(item): item for item in before or []}
    new = {keyfunc(item): item for item in after or []}
    for key, item in new.items():
        if key not in old:
            change.added.append(describe(item))
        elif _comparable(old[key]) != _comparable(item):
            change.changed.append((describe(old[key]), describe(item)))
    for key, item in old.items():
        if key not in new:
            change.removed.append(describe(item))


def _diff_order(change: ComponentChange, before: list, after: list, keyfunc):
    """Steps that are the same but in another order are a changed procedure."""
    if [keyfunc(item) for item in before] != [keyfunc(item) for item in after]:
        change.changed.append(
            (
                " → ".join(item.get("description", "") for item in before),
                " → ".join(item.get("description", "") for item in after),
            )
        )


def _comparable(item: dict) -> dict:
    # A step's position alone is not a change of the step; a fee not charged
    # on top reads the same as one recorded before the flag existed.
    return {
        k: v for k, v in item.items() if k != "step" and not (k == "added" and not v)
    }


def _diff_fees(change: ComponentChange, before: dict, after: dict) -> None:
    before = before or {"free": False, "items": [], "legal_basis": ""}
    after = after or {"free": False, "items": [], "legal_basis": ""}
    if before.get("free") != after.get("free"):
        free = free_of_charge_label()
        old = free if before.get("free") else _fee_summary(before)
        new = free if after.get("free") else _fee_summary(after)
        change.changed.append((old, new))
        return
    _diff_list(
        change,
        before.get("items"),
        after.get("items"),
        lambda item: item.get("label", "").casefold(),
        describe_fee,
    )
    if before.get("legal_basis") != after.get("legal_basis"):
        change.changed.append(
            (before.get("legal_basis") or "—", after.get("legal_basis") or "—")
        )


def _fee_summary(value: dict) -> str:
    return "; ".join(describe_fee(item) for item in value.get("items", [])) or "—"


def compare_components(before: dict[str, Any], after: dict[str, Any]) -> list:
    """One `ComponentChange` per component, in the regulation's order."""
    changes = []
    for entry in components():
        key = entry.key
        change = ComponentChange(key=key, label=label_for(key), group=entry.group)
        old, new = before.get(key), after.get(key)
        if key in LIST_KEYS:
            _diff_list(change, old, new, LIST_KEYS[key], DESCRIBE[key])
            if key == "prosedur" and not change.has_changes:
                _diff_order(change, old or [], new or [], LIST_KEYS[key])
        elif key == FEE_KEY:
            _diff_fees(change, old, new)
        elif key == "jangka_waktu":
            if (old or None) != (new or None):
                change.changed.append((describe_time(old), describe_time(new)))
        elif (old or "") != (new or ""):
            if not old:
                change.added.append(new)
            elif not new:
                change.removed.append(old)
            else:
                change.changed.append((old, new))
        changes.append(change)
    return changes


def fee_changed(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether the fee component differs between two snapshots."""
    return comparable_fees((before or {}).get(FEE_KEY)) != comparable_fees(
        (after or {}).get(FEE_KEY)
    )


def comparable_fees(value: dict | None) -> dict | None:
    """The fee component as compared: items without a false `added` (data
    recorded before the flag existed has none)."""
    if not value:
        return value
    return {**value, "items": [_comparable(i) for i in value.get("items", [])]}
