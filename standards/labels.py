"""A standard's structured components with the label of each code beside it.

`standards.structure` gives codes only (what versions store and compare); the
APIs (`standards.api`, the Wagtail API's `standards.serializers`) add, next to
each code field, `<field>_label` (or `<field>_labels` for a list of codes) in
the active language.
"""

from __future__ import annotations

from typing import Any

from cms.core.labels import choice_label, choice_labels

from .choices import (
    ActorChoices,
    ApplicantChoices,
    ComplaintChannelChoices,
    DocumentFormChoices,
    InstrumentTypeChoices,
    TimeUnitChoices,
)
from .structure import COMPONENT_FIELDS

# Component key (persyaratan…) -> its API name (requirements…).
API_NAMES = {key: name for name, key in COMPONENT_FIELDS.items()}


def _duration(duration: dict[str, Any] | None) -> dict[str, Any] | None:
    if duration is None:
        return None
    return {**duration, "unit_label": choice_label(TimeUnitChoices, duration["unit"])}


def labelled(name: str, value: Any) -> Any:
    """The structured component `name` (`standards.structure`) with the label
    of each code beside it, in the active language."""
    if name == "completion_time":
        return _duration(value)
    if name == "requirements":
        return [
            {
                **item,
                "document_form_label": choice_label(
                    DocumentFormChoices, item["document_form"]
                ),
                "applies_to_labels": choice_labels(
                    ApplicantChoices, item["applies_to"]
                ),
            }
            for item in value
        ]
    if name == "procedure":
        return [
            {
                **step,
                "actor_label": choice_label(ActorChoices, step["actor"]),
                "duration": _duration(step["duration"]),
            }
            for step in value
        ]
    if name == "complaint_channels":
        return [
            {
                **item,
                "channel_label": choice_label(ComplaintChannelChoices, item["channel"]),
            }
            for item in value
        ]
    if name == "legal_basis":
        return [
            {**item, "type_label": choice_label(InstrumentTypeChoices, item["type"])}
            for item in value
        ]
    return value


def labelled_component(key: str, value: Any) -> Any:
    """Component `key` (its regulation key, e.g. persyaratan) with labels."""
    return labelled(API_NAMES.get(key, key), value)
