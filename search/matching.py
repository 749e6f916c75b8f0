"""What a search matches, as stems, the same for every engine.

`text_match(params, words)` turns the query's words (with their synonyms),
phrases and excluded words (`-word`) into stems (`search/stemming.py`); each
engine writes it in its own query language (FTS5 MATCH, a PostgreSQL
tsquery, an Elasticsearch bool query), so the engines match the same pages.

- `options`: the query's words, or a synonym's replacement of some of them;
  a page matches one of them. Each option is a list of word groups that must
  all match, a group being the stems one word may take. With `any_word` (the
  fallback when every word together found nothing) each word of the query is
  an option of its own, and so is each synonym's replacement (all its words),
  so a page matches any of the words as typed or as a synonym says them.
- `phrases`: stems that must follow each other.
- `excluded`: groups of stems a page must not contain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.encoding import force_str

from .engines.base import KIND_WEIGHTS
from .query import SearchParams, content_words
from .registry import registry
from .stemming import analyze, query_stems
from .synonyms import expand

Group = list[str]


@dataclass
class TextMatch:
    options: list[list[Group]] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[Group] = field(default_factory=list)
    any_word: bool = False
    kind_weights: dict[str, float] = field(default_factory=lambda: dict(KIND_WEIGHTS))

    def __bool__(self) -> bool:
        return bool(self.options or self.phrases)

    def stems(self) -> list[str]:
        """Every stem that counts for ranking (the words', synonyms', phrases')."""
        found = [s for option in self.options for group in option for s in group]
        found += [s for phrase in self.phrases for s in phrase]
        return list(dict.fromkeys(found))


def groups(words: list[str], locale: str | None) -> list[Group]:
    return [g for g in (query_stems(w, locale) for w in words) if g]


def text_match(params: SearchParams, words: list[str]) -> TextMatch:
    """The stems of `words` (the query's, maybe corrected) and of `params`."""
    match = TextMatch(any_word=params.match_any)
    kept = content_words(words) if words else []
    typed: list[Group] = []
    if kept:
        first = typed = groups(kept, params.locale)
        alternatives = [groups(alt, params.locale) for alt in expand(_tokens(kept))]
        if params.match_any:
            options = [[g] for g in first]
            options += [[g for g in alt if g not in first] for alt in alternatives]
        else:
            options = [first, *alternatives]
        for option in options:
            if option and option not in match.options:
                match.options.append(option)
    for phrase in params.phrases:
        stems = [g[0] for g in groups(phrase.split(), params.locale)]
        if stems:
            match.phrases.append(stems)
    match.excluded = groups(list(params.excluded), params.locale)
    match.kind_weights = kind_weights(match.stems(), typed)
    return match


def _tokens(words: list[str]) -> list[str]:
    return [t for w in words for t in w.split()]


@cache
def kind_stems() -> dict[str, frozenset[str]]:
    """kind -> stems of its name in every language ("konsultasi", "publik")."""
    found: dict[str, set[str]] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for kind, label in registry.kinds().items():
                words = analyze(force_str(label), code)
                found.setdefault(kind, set()).update(w for w in words if len(w) > 3)
    return {kind: frozenset(stems) for kind, stems in found.items()}


@cache
def section_stems() -> dict[str, frozenset[str]]:
    """kind -> stems of its sections' headings in every language ("syarat",
    "biaya", "requirement", "fee" for standards: `keyword_fields`)."""
    found: dict[str, set[str]] = {}
    for doc_type in registry.types():
        own = found.setdefault(doc_type.kind, set())
        for heading in doc_type.headings():
            for code, _name in settings.LANGUAGES:
                own.update(w for w in analyze(heading, code) if len(w) > 3)
    return {kind: frozenset(stems) for kind, stems in found.items()}


# How much less a kind about something else counts when the query is only
# the names of another kind's sections: "syarat" or "requirements" alone asks
# for what services require, which standards state, while consultations that
# mention reviewing "persyaratan" in their summaries came first.
OTHER_KIND_FACTOR = 0.3
# The kinds about something other than a service or a unit (their own weight
# is below a general page's, which stays: the complaints page answers
# "pengaduan", a standard's section too).
SIDE_KINDS = frozenset(k for k, w in KIND_WEIGHTS.items() if w < KIND_WEIGHTS["page"])


def kind_weights(
    stems: list[str], typed: list[Group] | None = None
) -> dict[str, float]:
    """`KIND_WEIGHTS`, but a kind the query names ("konsultasi", "inovasi",
    "survei") is not weighed down: the reader asks for that kind; and when
    every word typed (`typed`, the stems of each) names a section of one
    kind, the side kinds (`SIDE_KINDS`) weigh less still."""
    named = {kind for kind, own in kind_stems().items() if own.intersection(stems)}
    sections = {
        kind
        for kind, own in section_stems().items()
        if typed and all(own.intersection(group) for group in typed)
    }
    weights = {}
    for kind, weight in KIND_WEIGHTS.items():
        if kind in named:
            weight = 1.0
        elif sections and kind in SIDE_KINDS - sections:
            weight *= OTHER_KIND_FACTOR
        weights[kind] = weight
    return weights
