"""What every engine returns, and the interface it implements."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.html import escape

from ..query import SearchParams

FRAGMENT_SIZE = 160


class EngineUnavailable(RuntimeError):
    """The engine cannot answer now (cluster down); the service falls back."""


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    unit: str
    locale: str
    highlight: str
    year: int | None = None

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
    fragment = text[start : start + size]
    out, last = [], 0
    for m in pattern.finditer(fragment):
        out += [escape(fragment[last : m.start()]), f"<mark>{escape(m.group())}</mark>"]
        last = m.end()
    out.append(escape(fragment[last:]))
    prefix = "…" if start else ""
    suffix = "…" if start + size < len(text) else ""
    return prefix + "".join(out) + suffix
