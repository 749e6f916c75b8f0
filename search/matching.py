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
    if kept:
        first = groups(kept, params.locale)
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
    match.kind_weights = kind_weights(match.stems())
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


def kind_weights(stems: list[str]) -> dict[str, float]:
    """`KIND_WEIGHTS`, but a kind the query names ("konsultasi", "inovasi",
    "survei") is not weighed down: the reader asks for that kind."""
    named = {kind for kind, own in kind_stems().items() if own.intersection(stems)}
    return {
        kind: 1.0 if kind in named else weight for kind, weight in KIND_WEIGHTS.items()
    }
