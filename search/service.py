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
    matching any of the words are shown instead (`result.any_word`).
    """
    result = _search(params)
    if result.total == 0 and params.words:
        fixed = correct(list(params.words), params.locale)
        if fixed != list(params.words):
            retry = _search(params.with_words(fixed))
            if retry.total:
                retry.corrected_words = fixed
                return retry
    if result.total == 0 and len(content_words(params.words)) > 1:
        retry = _search(replace(params, match_any=True))
        if retry.total:
            retry.any_word = True
            if result.took_ms is not None and retry.took_ms is not None:
                retry.took_ms += result.took_ms  # the cluster's time for both
            return retry
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
