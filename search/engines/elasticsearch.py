"""The Elasticsearch engine (elasticsearch-dsl) over the per-locale aliases."""

from __future__ import annotations

import logging
import time
from typing import Any

from elasticsearch import ApiError, TransportError
from elasticsearch_dsl import Q, Search

from ..client import alias_name, get_client, locales
from ..matching import TextMatch, text_match
from ..query import FACETS, SearchParams, highlight_terms
from ..synonyms import expand
from .base import (
    HIT_FIELDS,
    EngineUnavailable,
    FacetValue,
    SearchResult,
    Suggestion,
    hit_from_row,
)

logger = logging.getLogger(__name__)
FIELDS = ["title_stem^4", "summary_stem^2", "body_stem"]
# What a result needs from each hit: highlights are made from summary and body
# by `hit_from_row`, as the database engine makes them, for the page's hits only.
SOURCE = list(HIT_FIELDS)
FILTER_PATH = [
    "took",
    "hits.total.value",
    "hits.hits._source",
    "aggregations.*.buckets.key",
    "aggregations.*.buckets.doc_count",
]
RETRY_AFTER = 15.0
FACET_SIZE = 1000
_down_until: dict[str, float] = {}


def _group(group: list[str]) -> Q:
    """One word: any of its stems in any field."""
    return Q("multi_match", query=" ".join(group), fields=FIELDS, operator="or")


def _all_groups(groups: list[list[str]]) -> Q:
    return Q("bool", must=[_group(g) for g in groups])


class ElasticsearchEngine:
    """Full text with boosts, fuzziness, phrases, facets, highlights."""

    name = "elasticsearch"

    def __init__(self) -> None:
        self.client = get_client()
        self.url = str(self.client.transport.node_pool.get().base_url)

    def _indices(self, locale: str | None) -> str:
        return ",".join(
            alias_name(code) for code in ([locale] if locale else locales())
        )

    def _execute(
        self, index: str, body: dict[str, Any], filter_path: list[str] = FILTER_PATH
    ) -> dict[str, Any]:
        """One search request; the answer as plain JSON, trimmed to `FILTER_PATH`.

        The plain dict (not elasticsearch-dsl's `Response`, which wraps every
        value on access) and the server-side trimming keep the time spent
        around the cluster's own `took` small.
        """
        if _down_until.get(self.url, 0) > time.monotonic():
            raise EngineUnavailable("search cluster marked down")
        try:
            response = self.client.search(
                index=index, body=body, filter_path=filter_path
            )
        except (TransportError, ApiError) as error:
            _down_until[self.url] = time.monotonic() + RETRY_AFTER
            logger.warning("Search cluster unavailable: %s", error)
            raise EngineUnavailable(str(error)) from error
        return response.body

    def text_query(self, params: SearchParams, match: TextMatch) -> Q:
        """The search's stems (`search.matching`) on the `*_stem` fields.

        The same stems the database engine matches, on every profile: no
        fuzziness (typos are corrected by the service for every engine) and
        synonyms expanded in the query, so editing them needs no index change.
        """
        must: list[Q] = []
        if match.options:
            options = [_all_groups(o) for o in match.options]
            must.append(Q("bool", should=options, minimum_should_match=1))
        for phrase in match.phrases:
            must.append(
                Q("multi_match", query=" ".join(phrase), fields=FIELDS, type="phrase")
            )
        must_not = [_group(g) for g in match.excluded]
        return Q("bool", must=must, must_not=must_not)

    def filters(self, params: SearchParams) -> list[Q]:
        return [
            Q("terms", **{name: list(values)})
            for name, values in params.chosen().items()
        ]

    def search(self, params: SearchParams) -> SearchResult:
        match = text_match(params, list(params.words))
        matched = Q(
            "bool", must=[self.text_query(params, match)], filter=self.filters(params)
        )
        search = Search().query(
            Q(
                "function_score",
                query=matched,
                functions=[
                    {"filter": Q("term", kind=kind).to_dict(), "weight": weight}
                    for kind, weight in match.kind_weights.items()
                    if weight != 1.0
                ],
                score_mode="first",
                boost_mode="multiply",
            )
        )
        search = search.extra(track_total_hits=True).source(SOURCE)
        for name in FACETS:
            # Every value: the unit facet lists every unit (more than 50).
            search.aggs.bucket(name, "terms", field=name, size=FACET_SIZE)
        search = search[params.offset : params.offset + params.page_size]
        data = self._execute(self._indices(params.locale), search.to_dict())
        terms = highlight_terms(params, expand(list(params.words)))
        hits = data.get("hits", {})
        aggregations = data.get("aggregations", {})
        return SearchResult(
            total=hits.get("total", {}).get("value", 0),
            page=params.page,
            page_size=params.page_size,
            hits=[hit_from_row(hit["_source"], terms) for hit in hits.get("hits", [])],
            facets={
                name: [
                    FacetValue(str(bucket["key"]), bucket["doc_count"])
                    for bucket in aggregations.get(name, {}).get("buckets", [])
                    if str(bucket["key"]) != ""
                ]
                for name in FACETS
            },
            engine=self.name,
            took_ms=float(data.get("took", 0)),
        )

    def suggest(self, q: str, locale: str | None, limit: int) -> list[Suggestion]:
        search = Search().source(["title", "url"]).extra(size=0)
        search = search.suggest(
            "pages",
            q.lower(),
            completion={"field": "suggest", "skip_duplicates": True, "size": limit * 2},
        )
        data = self._execute(
            self._indices(locale),
            search.to_dict(),
            filter_path=["suggest.pages.options._source"],
        )
        suggestions: list[Suggestion] = []
        for entry in data.get("suggest", {}).get("pages", []):
            for option in entry.get("options", []):
                source = option["_source"]
                if all(s.url != source["url"] for s in suggestions):
                    suggestions.append(Suggestion(source["title"], source["url"]))
        return suggestions[:limit]
