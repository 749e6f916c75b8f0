"""The 14 components of a service standard, read from the regulation data.

A *Standar Pelayanan* (service standard) is the benchmark a public-service unit
publishes for each service it delivers (UU No. 25/2009 on Public Services,
Article 21; PermenPANRB No. 15/2014). It has 14 components in a fixed order: six
service-delivery components that must be published to citizens and eight
management components. Their keys, order, grouping and Indonesian/English
labels come from `data/standar-pelayanan.yaml`, never from code.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.functional import lazy
from django.utils.translation import get_language

from cms.core.data import load_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "standar-pelayanan.yaml"
DELIVERY = "delivery"
MANAGEMENT = "management"


@dataclass(frozen=True)
class Component:
    """One component of a service standard as the regulation defines it."""

    key: str
    no: int
    group: str
    public: bool
    label_id: str
    label_en: str
    help_id: str

    @property
    def label(self) -> str:
        """The label in the active language (English when none is active)."""
        return label_for(self.key)

    @property
    def is_delivery(self) -> bool:
        return self.group == DELIVERY


@cache
def components() -> tuple[Component, ...]:
    """All components in the regulation's order."""
    rows = load_yaml(DATA_FILE)["components"]
    return tuple(
        Component(
            key=row["key"],
            no=_number(row),
            group=row["group"],
            public=row["public"],
            label_id=row["id"],
            label_en=row["en"],
            help_id=row["help_id"],
        )
        for row in sorted(rows, key=_number)
    )


def _number(row: dict) -> int:
    # YAML 1.1 reads the bare key `no` as the boolean False.
    return int(row["no"] if "no" in row else row[False])


@cache
def components_by_key() -> dict[str, Component]:
    return {c.key: c for c in components()}


def component(key: str) -> Component:
    """The component with `key`; KeyError for an unknown key."""
    return components_by_key()[key]


def label_or_key(key: str) -> str:
    """The label of component `key`, or the key itself when it is unknown."""
    return label_for(key) if key in components_by_key() else str(key)


def delivery_components() -> tuple[Component, ...]:
    """The six service-delivery components that must be filled to publish."""
    return tuple(c for c in components() if c.group == DELIVERY)


def management_components() -> tuple[Component, ...]:
    return tuple(c for c in components() if c.group == MANAGEMENT)


def label_for(key: str, language: str | None = None) -> str:
    """The label of component `key` in `language` (default: the active one).

    Indonesian for `id`; the English gloss otherwise, including when no
    language is active (management commands), so migrations stay stable.
    """
    language = language or get_language() or "en"
    entry = component(key)
    return entry.label_id if language.split("-")[0] == "id" else entry.label_en


def help_for(key: str) -> str:
    """The regulation's explanation of component `key` (Indonesian)."""
    return component(key).help_id


label_lazy = lazy(label_for, str)
