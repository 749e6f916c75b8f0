"""Wagtail API v2 representation of service standards.

`/api/v2/pages/?type=standards.ServiceStandardPage&fields=*` returns every
component as structured JSON (see `standards.structure`), the unit, the decree
and the effective date. The API only ever lists live pages.
"""

from typing import Any

from django.db import models
from django.utils import translation
from rest_framework import serializers

from cms.core.labels import choice_label, choice_labels

from .components import components, label_for
from .labels import labelled_component
from .structure import component_value


class PageAttributeField(serializers.Field):
    """A read-only field computed from the whole page."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class ComponentField(PageAttributeField):
    """One component of the standard as structured data."""

    def __init__(self, key: str, **kwargs):
        self.key = key
        super().__init__(**kwargs)

    def to_representation(self, page) -> Any:
        with translation.override(page.locale.language_code):
            return labelled_component(self.key, component_value(page, self.key))


class UnitField(PageAttributeField):
    def to_representation(self, page) -> dict[str, Any] | None:
        unit = page.unit
        if unit is None:
            return None
        return {
            "id": unit.pk,
            "title": unit.title,
            "short_name": unit.short_name,
            "unit_type": unit.unit_type,
            "country": str(unit.country),
            "currency": unit.currency,
        }


class DecreeField(PageAttributeField):
    def to_representation(self, page) -> dict[str, Any]:
        return {
            "number": page.decree_number,
            "date": page.decree_date.isoformat() if page.decree_date else None,
        }


class CompletenessField(PageAttributeField):
    def to_representation(self, page) -> dict[str, Any]:
        return {
            "filled": page.compute_completeness(),
            "total": len(components()),
            "missing": [
                {"key": c.key, "label": label_for(c.key), "group": c.group}
                for c in components()
                if not page.component_is_filled(c.key)
            ],
        }


class ListField(PageAttributeField):
    def __init__(self, attribute: str, **kwargs):
        self.attribute = attribute
        super().__init__(**kwargs)

    def to_representation(self, page) -> list[str]:
        return [str(value) for value in getattr(page, self.attribute)]


class LabelField(PageAttributeField):
    """The label of the code in `attribute`, in the page's language."""

    def __init__(self, attribute: str, choices: type[models.Choices], **kwargs):
        self.attribute = attribute
        self.choices = choices
        super().__init__(**kwargs)

    def to_representation(self, page) -> str:
        with translation.override(page.locale.language_code):
            return choice_label(self.choices, getattr(page, self.attribute))


class LabelsField(LabelField):
    """The labels of the codes in `attribute`, in their order."""

    def to_representation(self, page) -> list[str]:
        with translation.override(page.locale.language_code):
            return choice_labels(self.choices, getattr(page, self.attribute))
