"""Words every document is found by without showing them (`IndexDocument.keywords`).

Added by the indexing pipeline to the documents of every app, so that no app's
`documents.py` has to: the names of the page's unit (full name, short name or
acronym), its city and country and its type; and the name of the page's kind
of content in both languages ("Konsultasi publik", "Public consultation"),
which the registry knows (`Registry.kind_words`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.utils import translation
from django.utils.encoding import force_str

from cms.core.models import UnitPage


class KeywordedDocument(Protocol):
    """What `add_keywords` reads and writes of a document
    (`search.registry.IndexDocument`)."""

    unit: str
    locale: str
    kind: str
    keywords: str


def unit_words() -> dict[tuple[str, str], str]:
    """(short name, language) -> the words of that unit (one query)."""
    words: dict[tuple[str, str], str] = {}
    units = UnitPage.objects.live().select_related("locale")
    fields = ("title", "short_name", "city", "country", "unit_type", "locale")
    for unit in units.only(*fields):
        language = unit.locale.language_code
        with translation.override(language):
            parts = [
                unit.title,
                unit.short_name,
                unit.city,
                force_str(unit.country.name) if unit.country else "",
                force_str(unit.get_unit_type_display()),
            ]
        words[(unit.short_name, language)] = " ".join(p for p in parts if p)
    return words


def add_keywords(
    docs: Iterable[KeywordedDocument],
    units: dict[tuple[str, str], str],
    kinds: dict[str, str],
) -> None:
    """Fill each document's `keywords` with its unit's words (`unit_words`) and
    its kind's (`Registry.kind_words`)."""
    for doc in docs:
        parts = [units.get((doc.unit, doc.locale), ""), kinds.get(doc.kind, "")]
        doc.keywords = " ".join(p for p in (doc.keywords, *parts) if p)
