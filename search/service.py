"""The one search service the page and the API use.

`search(params)` and `suggest(q, locale)` pick the engine: `elasticsearch`
when `ELASTICSEARCH_URL` is set, else `database`. When the cluster does not
answer, both fall back to the database engine and mark the result `degraded`
(the page then says results may be less precise).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from .client import is_configured
from .engines.base import EngineUnavailable, SearchEngine, SearchResult, Suggestion
from .engines.database import DatabaseEngine, correct
from .engines.elasticsearch import ElasticsearchEngine
from .query import SearchParams, content_words

logger = logging.getLogger(__name__)
SUGGESTION_LIMIT = 8


def primary_engine() -> SearchEngine:
    if is_configured():
        return ElasticsearchEngine()
    return DatabaseEngine()


def search(params: SearchParams) -> SearchResult:
    """Search with the configured engine, or the database when it is down.

    Every word must match; when that finds nothing, the words are corrected
    against the indexed vocabulary (words of five letters or more, never
    numbers) and, if that changes them, searched again ("did you mean", the
    same on every engine: `result.corrected_words`); failing that, pages
    matching any of the words as typed are shown instead (`result.any_word`),
    or, if none, any of the corrected words.
    """
    result = _search(params)
    if result.total or not params.words:
        return with_chosen_facets(result, params)
    fixed = correct(list(params.words), params.locale)
    corrected = params.with_words(fixed) if fixed != list(params.words) else None
    if corrected:
        retry = _search(corrected)
        if retry.total:
            retry.corrected_words = fixed
            return with_chosen_facets(retry, corrected)
    if len(content_words(params.words)) > 1:
        # The words as typed first: a word found only in pages' bodies is
        # unknown to the correction's vocabulary and would be "corrected" away.
        for words, fixed_words in ((params, []), (corrected, fixed)):
            if words is None:
                continue
            any_word = replace(words, match_any=True)
            retry = _search(any_word)
            if retry.total:
                retry.any_word = True
                retry.corrected_words = fixed_words
                if result.took_ms is not None and retry.took_ms is not None:
                    retry.took_ms += result.took_ms  # the cluster's time for both
                return with_chosen_facets(retry, any_word)
    return with_chosen_facets(result, params)


def with_chosen_facets(result: SearchResult, params: SearchParams) -> SearchResult:
    """`result` with each facet that has chosen values counted without them.

    Within a facet the values are alternatives (OR) and facets combine (AND):
    the counts of a facet's values are those of the search with every other
    facet's choice, so that the reader can add or switch a value and sees
    what each would give. One more search (no hits) per facet with a choice.
    """
    for name in params.chosen():
        counted = _search(params.counting(name))
        result.facets[name] = counted.facets.get(name, [])
        result.degraded = result.degraded or counted.degraded
    return result


def _search(params: SearchParams) -> SearchResult:
    engine = primary_engine()
    try:
        return engine.search(params)
    except EngineUnavailable:
        result = DatabaseEngine().search(params)
        result.degraded = True
        return result


def suggest(
    q: str, locale: str | None = None, limit: int = SUGGESTION_LIMIT
) -> tuple[list[Suggestion], str]:
    """Suggestions for what the user has typed so far, and the engine used."""
    engine = primary_engine()
    try:
        return engine.suggest(q, locale, limit), engine.name
    except EngineUnavailable:
        database = DatabaseEngine()
        return database.suggest(q, locale, limit), database.name
