"""The database engine: `IndexedPage` and its own full-text index.

SQLite FTS5 on the default set-up, PostgreSQL full-text search (with the
`indonesian` configuration) in production without a cluster; both kept by
`search/fulltext.py`. Synonyms are expanded in the query; typos are corrected
against the indexed vocabulary.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from cms.core import generations

from .. import fulltext
from ..matching import TextMatch, text_match
from ..models import IndexedPage
from ..query import FACETS, SearchParams, content_words, highlight_terms
from ..synonyms import expand
from . import postgres
from .base import KIND_WEIGHTS, FacetValue, SearchResult, Suggestion, hit_from_row

ID_CHUNK = 2000
# Typos are corrected in words of this many letters or more, never in numbers.
MIN_FUZZY_LENGTH = 5
TITLE_WEIGHT = 4
SUMMARY_WEIGHT = 2
VOCABULARY_KEY = "search:vocabulary:{generation}:{locale}"
GENERATION_KEY = "search:store-generation"
_TOKEN_RE = re.compile(r"\w+")


def store_changed() -> None:
    """Forget cached vocabularies after `IndexedPage` rows change."""
    generations.bump(GENERATION_KEY)


def vocabulary(locale: str | None) -> dict[str, list[str]]:
    """Words of the indexed titles, summaries and keywords by first letter
    (typo correction).

    Numbers are left out (a mistyped number is not corrected); like the
    cluster's fuzzy query (`prefix_length=1`), a correction keeps the first
    letter, so only words with that letter are compared.
    """
    generation = generations.read(GENERATION_KEY)
    key = VOCABULARY_KEY.format(generation=generation, locale=locale or "all")
    words = cache.get(key)
    if words is None:
        rows = IndexedPage.objects.all()
        if locale:
            rows = rows.filter(locale=locale)
        found: set[str] = set()
        texts = rows.values_list("title", "summary", "keywords").iterator()
        for title, summary, keywords in texts:
            found.update(
                w.lower() for w in _TOKEN_RE.findall(f"{title} {summary} {keywords}")
            )
        words = {}
        for word in sorted(found):
            if len(word) > 2 and not word.isdigit():
                words.setdefault(word[0], []).append(word)
        cache.set(key, words, 3600)
    return words


def correct(words: list[str], locale: str | None) -> list[str]:
    """Each unknown word replaced by the closest indexed word, if any.

    Used by the search service for every engine alike (`service.search`), only
    when the words as typed find nothing: a correction never outranks an
    exact match, and the page says what was searched for instead.

    A word of the default language's vocabulary is kept in a search in
    another: an English reader typing "Sarawak" for a page published in
    Indonesian only was told the results for "sarana" instead, while the
    search's "available in Indonesian only" list had the page.
    """
    known = vocabulary(locale)
    default = settings.LANGUAGE_CODE
    source = vocabulary(default) if locale and locale != default else {}
    corrected = []
    for word in words:
        lower = word.lower()
        candidates = known.get(lower[:1], [])
        if (
            len(lower) < MIN_FUZZY_LENGTH
            or not lower.isalpha()
            or lower in candidates
            or lower in source.get(lower[:1], ())
        ):
            corrected.append(word)
            continue
        match = difflib.get_close_matches(lower, candidates, n=1, cutoff=0.75)
        corrected.append(match[0] if match else word)
    return corrected


def _tokens(words: list[str] | tuple[str, ...]) -> list[str]:
    return [t for w in words for t in _TOKEN_RE.findall(w)]


class DatabaseEngine:
    """Searches `IndexedPage` with its own full-text index."""

    name = "database"

    def filtered(self, params: SearchParams):
        return postgres.filtered(params)

    def match_scores(self, params: SearchParams, words: list[str]) -> dict[int, float]:
        """Ids of every matching row and their text score (one full-text query).

        SQLite looks the rowids up in the FTS5 table first (milliseconds on
        10,000 pages), then applies the filters to them.
        """
        match = text_match(params, words)
        if not match:
            return {}
        if not fulltext.fts_available():
            rows = self.filtered(params).filter(contains_query(match))
            return dict.fromkeys(rows.values_list("id", flat=True), 1.0)
        return fulltext.match_scores(fts_expression(match))

    def search(self, params: SearchParams) -> SearchResult:
        if connection.vendor == "postgresql":
            return self.postgres_search(params)
        words = list(params.words)
        match = text_match(params, words)
        scores = self.match_scores(params, words)
        terms = self.terms(params, words)
        rows = _rows(
            self.filtered(params),
            list(scores),
            ["id", "title", "published", *FACETS],
        )
        ranked = rank(rows, scores, match.kind_weights)
        start = params.offset
        page_ids = [row["id"] for row in ranked[start : start + params.page_size]]
        by_id = IndexedPage.objects.in_bulk(page_ids)
        facets = {}
        for name in FACETS:
            counts = Counter(row[name] for row in rows if row[name] not in (None, ""))
            facets[name] = sorted_facet(counts.items())
        return SearchResult(
            total=len(rows),
            page=params.page,
            page_size=params.page_size,
            hits=[
                hit_from_row(vars(by_id[page_id]), terms)
                for page_id in page_ids
                if page_id in by_id
            ],
            facets=facets,
            engine=self.name,
        )

    def terms(self, params: SearchParams, words: list[str]) -> list[str]:
        """Words to highlight: the query's (maybe corrected) and their synonyms."""
        tokens = _tokens(content_words(words)) if words else []
        return highlight_terms(params.with_words(words), expand(tokens))

    def postgres_search(self, params: SearchParams) -> SearchResult:
        """Counts, facets and the ranked page computed by PostgreSQL (one query)."""
        words = list(params.words)
        match = text_match(params, words)
        query = postgres.text_query(match)
        found = (
            postgres.search(query, params, match.kind_weights)
            if query
            else postgres.Matches(0, {}, [])
        )
        terms = self.terms(params, words)
        return SearchResult(
            total=found.total,
            page=params.page,
            page_size=params.page_size,
            hits=[hit_from_row(row, terms) for row in found.rows],
            facets={name: sorted_facet(found.counts.get(name, [])) for name in FACETS},
            engine=self.name,
        )

    def suggest(self, q: str, locale: str | None, limit: int) -> list[Suggestion]:
        tokens = _tokens([q])
        if not tokens or not any(ch.isalpha() for ch in q):
            return []
        found = unit_suggestions(q, locale)
        if connection.vendor == "postgresql":
            found += postgres.suggestions(tokens, locale, limit * 2)
        else:
            rows = IndexedPage.objects.all()
            if locale:
                rows = rows.filter(locale=locale)
            condition = Q()
            for token in tokens:
                condition &= Q(title__istartswith=token) | Q(
                    title__icontains=f" {token}"
                )
            titles = rows.filter(condition).order_by("title")
            found += list(titles.values_list("title", "url")[: limit * 2])
        suggestions: list[Suggestion] = []
        for title, url in found:
            if all(s.url != url for s in suggestions):
                suggestions.append(Suggestion(title, url))
        return suggestions[:limit]


def unit_suggestions(q: str, locale: str | None) -> list[tuple[str, str]]:
    """Units whose short name starts with `q` ("kem" -> Kementerian Luar Negeri)."""
    rows = IndexedPage.objects.filter(kind="unit", suggest__icontains=q.strip())
    if locale:
        rows = rows.filter(locale=locale)
    lowered = q.strip().lower()
    return [
        (title, url)
        for title, url, suggest in rows.values_list("title", "url", "suggest")
        if any(line.lower().startswith(lowered) for line in suggest.splitlines())
    ]


def sorted_facet(counts) -> list[FacetValue]:
    """Facet values by count, then value (as both engines list them)."""
    return [
        FacetValue(str(value), count)
        for value, count in sorted(counts, key=lambda item: (-item[1], str(item[0])))
    ]


def _rows(queryset, ids: list[int], fields: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        rows += queryset.filter(id__in=chunk).values(*fields)
    return rows


def _fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fts_group(group: list[str]) -> str:
    return "(" + " OR ".join(_fts_quote(s) for s in group) + ")"


def fts_expression(match: TextMatch) -> str:
    """The FTS5 MATCH expression of a search's stems (see `search.matching`)."""
    parts = []
    if match.options:
        options = [" AND ".join(_fts_group(g) for g in o) for o in match.options]
        parts.append("(" + " OR ".join(f"({o})" for o in options) + ")")
    parts += [_fts_quote(" ".join(phrase)) for phrase in match.phrases]
    expression = " AND ".join(parts)
    if match.excluded:
        excluded = " OR ".join(_fts_group(g) for g in match.excluded)
        expression = f"({expression}) NOT ({excluded})"
    return expression


def contains_query(match: TextMatch) -> Q:
    """About the same match with `icontains` on stems, for SQLite without FTS5."""
    condition = Q()
    if match.options:
        either = Q()
        for option in match.options:
            either |= _all_of([_any_of(g) for g in option])
        condition &= either
    for phrase in match.phrases:
        condition &= _mentions(" ".join(phrase))
    for group in match.excluded:
        condition &= ~_any_of(group)
    return condition if condition else Q(pk__in=[])


def _mentions(text: str) -> Q:
    return (
        Q(title__icontains=text)
        | Q(summary__icontains=text)
        | Q(body__icontains=text)
        | Q(keywords__icontains=text)
    )


def _any_of(group: list[str]) -> Q:
    condition = Q()
    for stem in group:
        condition |= _mentions(stem)
    return condition


def _all_of(conditions: list[Q]) -> Q:
    result = conditions[0]
    for condition in conditions[1:]:
        result &= condition
    return result


def rank(
    rows: list[dict[str, Any]],
    scores: dict[int, float],
    weights: dict[str, float] = KIND_WEIGHTS,
) -> list[dict[str, Any]]:
    """By text score times the kind's weight (`KIND_WEIGHTS`); newest first on a tie."""

    def key(row: dict[str, Any]) -> tuple:
        weight = weights.get(row["kind"], 1.0)
        published = row["published"]
        return (
            -scores.get(row["id"], 0.0) * weight,
            -(published.timestamp() if published else 0),
            row["title"],
        )

    return sorted(rows, key=key)
