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

from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from cms.core import shared_state

from .. import fulltext
from ..models import IndexedPage
from ..query import FACETS, SearchParams, content_words, highlight_terms
from ..synonyms import expand
from . import postgres
from .base import FacetValue, SearchResult, Suggestion, hit_from_row

ID_CHUNK = 2000
TITLE_WEIGHT = 4
SUMMARY_WEIGHT = 2
VOCABULARY_KEY = "search:vocabulary:{generation}:{locale}"
GENERATION_KEY = "search:store-generation"
_TOKEN_RE = re.compile(r"\w+")


def store_changed() -> None:
    """Forget cached vocabularies after `IndexedPage` rows change."""
    shared_state.bump_counter(GENERATION_KEY)


def vocabulary(locale: str | None) -> dict[str, list[str]]:
    """Words of the indexed titles and summaries by first letter (typo correction).

    Numbers are left out (a mistyped number is not corrected); like the
    cluster's fuzzy query (`prefix_length=1`), a correction keeps the first
    letter, so only words with that letter are compared.
    """
    generation = shared_state.read_counter(GENERATION_KEY)
    key = VOCABULARY_KEY.format(generation=generation, locale=locale or "all")
    words = cache.get(key)
    if words is None:
        rows = IndexedPage.objects.all()
        if locale:
            rows = rows.filter(locale=locale)
        found: set[str] = set()
        for title, summary in rows.values_list("title", "summary").iterator():
            found.update(w.lower() for w in _TOKEN_RE.findall(f"{title} {summary}"))
        words = {}
        for word in sorted(found):
            if len(word) > 2 and not word.isdigit():
                words.setdefault(word[0], []).append(word)
        cache.set(key, words, 3600)
    return words


def correct(words: list[str], locale: str | None) -> list[str]:
    """Each unknown word replaced by the closest indexed word, if any."""
    known = vocabulary(locale)
    corrected = []
    for word in words:
        lower = word.lower()
        candidates = known.get(lower[:1], [])
        if len(lower) < 4 or lower.isdigit() or lower in candidates:
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

    def match_ids(self, params: SearchParams, words: list[str]) -> list[int]:
        """Ids of every matching row: one full-text query, no ranking in SQL.

        SQLite looks the rowids up in the FTS5 table first (milliseconds on
        10,000 pages), then applies the filters to them.
        """
        if not fulltext.fts_available():
            return list(
                self.filtered(params)
                .filter(contains_query(params, words))
                .values_list("id", flat=True)
            )
        expression = fts_expression(params, words)
        if not expression:
            return []
        return fulltext.match_ids(expression)

    def search(self, params: SearchParams) -> SearchResult:
        if connection.vendor == "postgresql":
            return self.postgres_search(params)
        words = list(params.words)
        ids = self.match_ids(params, words)
        corrected: list[str] = []
        if not ids and words:
            fixed = correct(words, params.locale)
            if fixed != words:
                ids = self.match_ids(params, fixed)
                if ids:
                    corrected, words = fixed, fixed
        terms = self.terms(params, words)
        rows = _rows(
            self.filtered(params), ids, ["id", "title", "summary", "published", *FACETS]
        )
        ranked = rank(rows, terms)
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
            corrected_words=corrected,
        )

    def terms(self, params: SearchParams, words: list[str]) -> list[str]:
        """Words to highlight: the query's (maybe corrected) and their synonyms."""
        tokens = _tokens(content_words(words)) if words else []
        return highlight_terms(params.with_words(words), expand(tokens))

    def postgres_search(self, params: SearchParams) -> SearchResult:
        """Counts, facets and the ranked page computed by PostgreSQL (one query)."""
        words = list(params.words)
        query = postgres.text_query(params, words, _tokens)
        found = postgres.search(query, params) if query else postgres.Matches(0, {}, [])
        corrected: list[str] = []
        if not found.total and words:
            fixed = correct(words, params.locale)
            fixed_query = postgres.text_query(params, fixed, _tokens)
            if fixed != words and fixed_query is not None:
                retry = postgres.search(fixed_query, params)
                if retry.total:
                    found, corrected, words = retry, fixed, fixed
        terms = self.terms(params, words)
        return SearchResult(
            total=found.total,
            page=params.page,
            page_size=params.page_size,
            hits=[hit_from_row(row, terms) for row in found.rows],
            facets={name: sorted_facet(found.counts.get(name, [])) for name in FACETS},
            engine=self.name,
            corrected_words=corrected,
        )

    def suggest(self, q: str, locale: str | None, limit: int) -> list[Suggestion]:
        tokens = _tokens([q])
        if not tokens:
            return []
        if connection.vendor == "postgresql":
            found = postgres.suggestions(tokens, locale, limit * 2)
        else:
            rows = IndexedPage.objects.all()
            if locale:
                rows = rows.filter(locale=locale)
            condition = Q()
            for token in tokens:
                condition &= Q(title__istartswith=token) | Q(
                    title__icontains=f" {token}"
                )
            found = rows.filter(condition).order_by("title").values_list("title", "url")
            found = found[: limit * 2]
        suggestions: list[Suggestion] = []
        for title, url in found:
            if all(s.url != url for s in suggestions):
                suggestions.append(Suggestion(title, url))
        return suggestions[:limit]


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


def fts_expression(params: SearchParams, words: list[str]) -> str:
    """The FTS5 MATCH expression of the query (words, synonyms, phrases)."""
    parts = []
    tokens = _tokens(content_words(words)) if words else []
    joiner = " OR " if params.match_any else " AND "
    if tokens:
        options = [joiner.join(_fts_quote(t) for t in tokens)]
        options += [
            " AND ".join(_fts_quote(t) for t in _tokens(alt)) for alt in expand(tokens)
        ]
        parts.append("(" + " OR ".join(f"({o})" for o in options) + ")")
    for phrase in params.phrases:
        phrase_tokens = _tokens([phrase])
        if phrase_tokens:
            parts.append(_fts_quote(" ".join(phrase_tokens)))
    return " AND ".join(parts)


def contains_query(params: SearchParams, words: list[str]) -> Q:
    """The same match as `fts_expression` with `icontains`, for SQLite without FTS5."""
    tokens = _tokens(content_words(words)) if words else []
    condition = Q()
    if tokens:
        combine = Q.__or__ if params.match_any else Q.__and__
        options = [_all_of(tokens, combine)]
        options += [_all_of(_tokens(alt), Q.__and__) for alt in expand(tokens)]
        either = Q()
        for option in options:
            either |= option
        condition &= either
    for phrase in params.phrases:
        phrase_tokens = _tokens([phrase])
        if phrase_tokens:
            condition &= _mentions(" ".join(phrase_tokens))
    return condition if condition else Q(pk__in=[])


def _mentions(text: str) -> Q:
    return (
        Q(title__icontains=text) | Q(summary__icontains=text) | Q(body__icontains=text)
    )


def _all_of(tokens: list[str], combine) -> Q:
    condition = _mentions(tokens[0])
    for token in tokens[1:]:
        condition = combine(condition, _mentions(token))
    return condition


def rank(rows: list[dict[str, Any]], terms: list[str]) -> list[dict[str, Any]]:
    """Title matches above summary matches above body-only matches; newest first."""
    if terms:
        pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + ")",
            re.IGNORECASE,
        )
    else:
        pattern = None

    def score(row: dict[str, Any]) -> tuple:
        points = 0
        if pattern is not None:
            points = TITLE_WEIGHT * len(pattern.findall(row["title"]))
            points += SUMMARY_WEIGHT * len(pattern.findall(row["summary"]))
        published = row["published"]
        return (-points, -(published.timestamp() if published else 0), row["title"])

    return sorted(rows, key=score)
