"""What every engine returns, and the interface it implements."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.html import escape

from ..query import SearchParams
from ..registry import ITEM_SEPARATOR

FRAGMENT_SIZE = 160
# How much a match counts by kind of content (multiplies the text score on
# every engine): people mostly ask for a service or a unit, so standards and
# units come before consultations, survey results, innovation entries and the
# units' pledges (alike in every unit) that mention the same words. Kinds not
# listed count 1.
KIND_WEIGHTS = {
    "standard": 1.0,
    "unit": 1.0,
    "page": 0.8,
    "consultation": 0.6,
    "satisfaction_survey": 0.6,
    "innovation": 0.5,
    "pledge": 0.5,
}


class EngineUnavailable(RuntimeError):
    """The engine cannot answer now (cluster down); the service falls back."""


# What a hit is made of (`hit_from_row`), as both engines read it for the
# requested page of results.
HIT_FIELDS = (
    "page_id",
    "title",
    "url",
    "kind",
    "unit",
    "locale",
    "year",
    "summary",
    "body",
)


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    unit: str
    locale: str
    highlight: str
    year: int | None = None
    page_id: int | None = None

    def as_json(self) -> dict[str, str]:
        return {
            "title": self.title,
            "url": self.url,
            "kind": self.kind,
            "unit": self.unit,
            "locale": self.locale,
            "highlight": self.highlight,
        }


@dataclass
class FacetValue:
    value: str
    count: int


@dataclass
class Suggestion:
    text: str
    url: str


@dataclass
class SearchResult:
    """One page of results with facet counts, as the page and the API show it."""

    total: int
    page: int
    page_size: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    engine: str
    degraded: bool = False
    any_word: bool = False
    took_ms: float | None = None
    corrected_words: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


class SearchEngine(Protocol):
    name: str

    def search(self, params: SearchParams) -> SearchResult: ...

    def suggest(self, q: str, locale: str | None, limit: int) -> list[Suggestion]: ...


def hit_from_row(row: Mapping[str, Any], terms: list[str]) -> Hit:
    """A stored page as a hit, highlighted in its summary and body.

    When only the title matched, the snippet is the start of the summary (the
    title is shown above it already); the title only for a page with no text.

    Both engines highlight the same way, in Python and only for the rows of the
    requested page.
    """
    text = " ".join(filter(None, [row.get("summary"), row.get("body")]))
    return Hit(
        title=row["title"],
        url=row["url"],
        kind=row["kind"],
        unit=row.get("unit") or "",
        locale=row["locale"],
        year=row.get("year"),
        page_id=row.get("page_id"),
        highlight=highlight_text(text, terms)
        if text
        else highlight_text(row["title"], terms),
    )


# The characters of the separator the index puts between a StreamField's items.
SEPARATOR_MARKS = ITEM_SEPARATOR + " "


def highlight_text(text: str, terms: list[str], size: int = FRAGMENT_SIZE) -> str:
    """An escaped fragment of `text` around the first term, terms in <mark>.

    A term matches a word that starts with it ("paspor" marks "paspornya").
    Without a match: the start of `text`.
    """
    if not text:
        return ""
    words = [re.escape(t) for t in terms if t]
    if not words:
        return escape(text[:size])
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(words) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        cut = text[:size]
        return escape(cut) + ("…" if len(text) > size else "")
    start = max(0, first.start() - size // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    # Neither end shows a bare item separator ("… · Pemohon", "kerja · …").
    while start < first.start() and text[start] in SEPARATOR_MARKS:
        start += 1
    fragment = text[start : start + size].rstrip(SEPARATOR_MARKS)
    out, last = [], 0
    for m in pattern.finditer(fragment):
        out += [escape(fragment[last : m.start()]), f"<mark>{escape(m.group())}</mark>"]
        last = m.end()
    out.append(escape(fragment[last:]))
    prefix = "…" if start else ""
    suffix = "…" if start + size < len(text) else ""
    return prefix + "".join(out) + suffix
