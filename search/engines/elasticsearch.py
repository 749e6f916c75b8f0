"""The Elasticsearch engine (elasticsearch-dsl) over the per-locale aliases."""

from __future__ import annotations

import logging
import time

from elasticsearch import ApiError, TransportError
from elasticsearch_dsl import Q, Search

from ..analysis import current_profile
from ..client import alias_name, get_client, locales
from ..query import FACETS, SearchParams, content_words, highlight_terms
from ..synonyms import expand
from .base import (
    FRAGMENT_SIZE,
    EngineUnavailable,
    FacetValue,
    Hit,
    SearchResult,
    Suggestion,
    highlight_text,
)

logger = logging.getLogger(__name__)
FIELDS = ["title^4", "summary^2", "body"]
RETRY_AFTER = 15.0
_down_until: dict[str, float] = {}


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

    def _execute(self, search: Search):
        if _down_until.get(self.url, 0) > time.monotonic():
            raise EngineUnavailable("search cluster marked down")
        try:
            return search.execute()
        except (TransportError, ApiError) as error:
            _down_until[self.url] = time.monotonic() + RETRY_AFTER
            logger.warning("Search cluster unavailable: %s", error)
            raise EngineUnavailable(str(error)) from error

    def text_query(self, params: SearchParams) -> Q:
        must = []
        words = content_words(params.words) if params.words else []
        if words:
            text = " ".join(words)
            options = [
                Q(
                    "multi_match",
                    query=text,
                    fields=FIELDS,
                    type="cross_fields",
                    operator=params.operator,
                ),
                Q(
                    "multi_match",
                    query=text,
                    fields=FIELDS,
                    operator=params.operator,
                    fuzziness="AUTO",
                    prefix_length=1,
                ),
            ]
            if current_profile() == "plain":
                # Engines without synonym filters: expand synonyms in the query.
                options += [
                    Q("multi_match", query=" ".join(alt), fields=FIELDS, operator="and")
                    for alt in expand(list(params.words))
                ]
            must.append(Q("bool", should=options, minimum_should_match=1))
        for phrase in params.phrases:
            must.append(Q("multi_match", query=phrase, fields=FIELDS, type="phrase"))
        return Q("bool", must=must)

    def filters(self, params: SearchParams) -> list[Q]:
        found = []
        if params.kind:
            found.append(Q("terms", kind=list(params.kind)))
        for name in ("unit", "category", "state"):
            value = getattr(params, name)
            if value:
                found.append(Q("term", **{name: value}))
        if params.year:
            found.append(Q("term", year=params.year))
        return found

    def search(self, params: SearchParams) -> SearchResult:
        search = Search(using=self.client, index=self._indices(params.locale))
        search = search.query(
            Q("bool", must=[self.text_query(params)], filter=self.filters(params))
        )
        search = search.extra(track_total_hits=True)
        search = search.source(["title", "url", "kind", "unit", "locale", "year"])
        for name in FACETS:
            search.aggs.bucket(name, "terms", field=name, size=50)
        search = search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=FRAGMENT_SIZE,
            number_of_fragments=1,
        ).highlight("summary", "body", "title")
        search = search[params.offset : params.offset + params.page_size]
        response = self._execute(search)
        terms = highlight_terms(params, expand(list(params.words)))
        hits = []
        for hit in response:
            marks = getattr(hit.meta, "highlight", None)
            fragment = ""
            if marks is not None:
                for name in ("summary", "body", "title"):
                    found = [f for f in marks.to_dict().get(name, []) if "<mark>" in f]
                    if found:
                        fragment = found[0]
                        break
            hits.append(
                Hit(
                    title=hit.title,
                    url=hit.url,
                    kind=hit.kind,
                    unit=getattr(hit, "unit", "") or "",
                    locale=hit.locale,
                    year=getattr(hit, "year", None),
                    highlight=fragment or highlight_text(hit.title, terms),
                )
            )
        facets = {
            name: [
                FacetValue(str(bucket.key), bucket.doc_count)
                for bucket in getattr(response.aggregations, name).buckets
                if str(bucket.key) != ""
            ]
            for name in FACETS
        }
        return SearchResult(
            total=response.hits.total.value,
            page=params.page,
            page_size=params.page_size,
            hits=hits,
            facets=facets,
            engine=self.name,
            took_ms=float(response.took),
        )

    def suggest(self, q: str, locale: str | None, limit: int) -> list[Suggestion]:
        search = Search(using=self.client, index=self._indices(locale))
        search = search.source(["title", "url"]).extra(size=0)
        search = search.suggest(
            "pages",
            q.lower(),
            completion={"field": "suggest", "skip_duplicates": True, "size": limit * 2},
        )
        response = self._execute(search)
        suggestions: list[Suggestion] = []
        for option in response.suggest.pages[0].options:
            source = option._source
            if all(s.url != source.url for s in suggestions):
                suggestions.append(Suggestion(source.title, source.url))
        return suggestions[:limit]
