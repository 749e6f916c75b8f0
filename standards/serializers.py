"""Wagtail API v2 representation of service standards.

`/api/v2/pages/?type=standards.ServiceStandardPage&fields=*` returns every
component as structured JSON (see `standards.structure`), the unit, the decree
and the effective date. The API only ever lists live pages.
"""

from typing import Any

from rest_framework import serializers

from .components import components, label_for
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
        return component_value(page, self.key)


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
