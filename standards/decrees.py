"""A change of a standard's facts needs a decree, or a recorded correction.

Fees, completion time, requirements, procedure and products are set by the
unit head's decree. Publishing a change to any of them with the decree of the
current version would make the history claim the new facts have applied since
the old decree; so the editor either gives the new decree's number and
effective date, or records the publication as a correction of the current
version, with its reason.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.core.translation import source_translation

from .components import label_for
from .diff import comparable_fees
from .structure import component_value

# The components a decree sets, in the regulation's order.
DECREED = ("persyaratan", "prosedur", "jangka_waktu", "biaya", "produk")


def changed_components(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Keys of the decreed components that differ between two snapshots."""
    return [
        key
        for key in DECREED
        if comparable(key, (before or {}).get(key))
        != comparable(key, (after or {}).get(key))
    ]


def comparable(key: str, value: Any) -> Any:
    return comparable_fees(value) if key == "biaya" else value


def decree_errors(
    latest,
    after: dict[str, Any],
    decree_number: str,
    effective_date: date | None,
    reason: str,
) -> dict[str, ValidationError]:
    """Field name -> error when `after` changes decreed components of the
    `latest` published version without a new decree or a correction reason."""
    changed = changed_components(latest.data, after)
    if not changed:
        return {}
    same_number = (decree_number or "").strip() == (latest.decree_number or "").strip()
    same_date = effective_date == latest.effective_date
    reason = (reason or "").strip()
    reused = bool(reason) and reason == (latest.correction_reason or "").strip()
    if (not same_number and not same_date) or (reason and not reused):
        return {}
    components = ", ".join(label_for(key) for key in changed)
    errors: dict[str, ValidationError] = {}
    if same_number:
        errors["decree_number"] = ValidationError(
            _(
                "%(components)s changed: enter the number of the new decree, or "
                "give below the reason for correcting the current version."
            ),
            code="decree_unchanged",
            params={"components": components},
        )
    if same_date:
        errors["effective_date"] = ValidationError(
            _(
                "Enter the date from which the new decree applies, or give the "
                "reason for correcting the current version."
            ),
            code="effective_date_unchanged",
        )
    errors["correction_reason"] = ValidationError(
        _(
            "This reason was recorded for the previous correction: write the "
            "reason for this one."
        )
        if reused
        else _(
            "Without a new decree, say what this publication corrects in the "
            "current version and why."
        ),
        code="correction_reason_missing",
    )
    return errors


def undecreed_change(candidate) -> list[str]:
    """Why `candidate` may not be approved as it is: decreed components
    changed without a new decree or a correction reason (`standards.decrees`).
    A translation's facts are its source's, checked when the source is."""
    latest = candidate.versions.order_by("-number").first()
    if latest is None or source_translation(candidate).pk != candidate.pk:
        return []
    currency = candidate.unit.currency if candidate.unit_id else ""
    errors = decree_errors(
        latest,
        {key: component_value(candidate, key, currency) for key in DECREED},
        candidate.decree_number,
        candidate.effective_date,
        candidate.correction_reason,
    )
    return [message for error in errors.values() for message in error.messages]
