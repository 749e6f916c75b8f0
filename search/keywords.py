"""Words every document is found by without showing them (`IndexDocument.keywords`).

Added by the indexing pipeline to the documents of every app, so that no app's
`documents.py` has to: the names of the page's unit (full name, short name or
acronym), its city and country and its type; and the name of the page's kind
of content in both languages ("Konsultasi publik", "Public consultation").
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import translation
from django.utils.encoding import force_str

from cms.core.models import UnitPage

from .registry import IndexDocument, registry


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


def kind_words() -> dict[str, str]:
    """kind -> its label in every language of the site, and the headings of
    its sections (`keyword_fields` of its registration)."""
    found: dict[str, list[str]] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for kind, label in registry.kinds().items():
                found.setdefault(kind, []).append(force_str(label))
    for doc_type in registry.types():
        found.setdefault(doc_type.kind, []).extend(doc_type.headings())
    return {kind: " ".join(dict.fromkeys(labels)) for kind, labels in found.items()}


def add_keywords(
    docs: Iterable[IndexDocument],
    units: dict[tuple[str, str], str] | None = None,
    kinds: dict[str, str] | None = None,
) -> None:
    """Fill each document's `keywords` with its unit's and its kind's words."""
    units = unit_words() if units is None else units
    kinds = kind_words() if kinds is None else kinds
    for doc in docs:
        parts = [units.get((doc.unit, doc.locale), ""), kinds.get(doc.kind, "")]
        doc.keywords = " ".join(p for p in (doc.keywords, *parts) if p)
