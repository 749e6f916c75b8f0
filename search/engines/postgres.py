"""The database engine's queries on PostgreSQL: ranking, paging and facets in SQL.

Each `IndexedPage` row carries `search_vector` (`search/fulltext.py`): the
stems of its title (weight A), summary (B) and body with its keywords (D),
computed in Python (`search/stemming.py`) and stored with the `simple`
configuration, with a GIN index. The
matches are a `SearchQuery` on it ranked by `SearchRank`; one statement per
search answers what a result page needs, whatever the number of matches:

- the matches, found once through the GIN index and ranked once (a title match
  above a summary match above a body match; newest first on a tie);
- every facet's counts and the total from them (`GROUP BY GROUPING SETS`, which
  Django has no API for: that part is SQL over the ranked matches);
- the requested page of them (`LIMIT`/`OFFSET`).

Every word may be in any field. Suggestions are an indexed prefix query
(`'pas':*`) on `title_vector`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, QuerySet, Value, When

from ..fulltext import AUTOCOMPLETE_CONFIG, RANK_NORMALIZATION, RANK_WEIGHTS
from ..matching import TextMatch
from ..models import IndexedPage
from ..query import FACETS, SearchParams
from .base import HIT_FIELDS, KIND_WEIGHTS

QUERY_CONFIG = "simple"

PAGE_COLUMNS = ("id", *HIT_FIELDS)
# GROUPING(kind, unit, category, year, state): the bit of each grouped column is 0.
_GROUPING_MASKS = {
    sum(1 << (len(FACETS) - 1 - j) for j in range(len(FACETS)) if j != i): name
    for i, name in enumerate(FACETS)
}
_TOTAL_MASK = (1 << len(FACETS)) - 1


def _lexeme(token: str) -> str:
    """A token as a quoted tsquery operand (tokens are \\w+: no quotes inside)."""
    return "'" + token.replace("'", "''").replace("\\", "") + "'"


def _group(group: list[str]) -> str:
    return "(" + " | ".join(_lexeme(s) for s in group) + ")"


def text_query(match: TextMatch) -> SearchQuery | None:
    """A search's stems (`search.matching`) as one tsquery of exact lexemes.

    The vectors hold stems computed in Python (`search/fulltext.py`), so the
    query's lexemes are not stemmed again: the `simple` configuration.
    """
    if not match:
        return None
    parts = []
    if match.options:
        options = [" & ".join(_group(g) for g in o) for o in match.options]
        parts.append("(" + " | ".join(f"({o})" for o in options) + ")")
    parts += [
        "(" + " <-> ".join(_lexeme(s) for s in phrase) + ")" for phrase in match.phrases
    ]
    parts += [f"!{_group(g)}" for g in match.excluded]
    raw = " & ".join(parts)
    return SearchQuery(raw, search_type="raw", config=QUERY_CONFIG)


def filtered(params: SearchParams) -> QuerySet:
    """`IndexedPage` rows within the search's filters (language, kind, facets)."""
    rows = IndexedPage.objects.all()
    if params.locale:
        rows = rows.filter(locale=params.locale)
    for name, values in params.chosen().items():
        rows = rows.filter(**{f"{name}__in": values})
    return rows


@dataclass
class Matches:
    """What one search statement returns: the total, facet counts, the page's rows."""

    total: int
    counts: dict[str, list[tuple[Any, int]]]
    rows: list[dict[str, Any]]


def ranked_matches(
    query: SearchQuery, params: SearchParams, weights: dict[str, float] = KIND_WEIGHTS
) -> QuerySet:
    """The matching rows with their `SearchRank` score (what the statement ranks)."""
    rank = SearchRank(
        F("search_vector"),
        query,
        weights=RANK_WEIGHTS,
        normalization=Value(RANK_NORMALIZATION),
    )
    weight = Case(
        *[When(kind=kind, then=Value(w)) for kind, w in weights.items()],
        default=Value(1.0),
        output_field=FloatField(),
    )
    return (
        filtered(params)
        .filter(search_vector=query)
        .annotate(score=rank * weight)
        .values("id", "title", "published", *FACETS, "score")
    )


def _statement(
    query: SearchQuery, params: SearchParams, weights: dict[str, float]
) -> tuple[str, list[Any]]:
    """One pass over the matching pages: counts, facets and the ranked page.

    The matches (found with the GIN index on `search_vector`, ranked once) are
    materialised; the facet counts and the requested page are read from them.
    """
    matches, match_args = ranked_matches(query, params, weights).query.sql_with_params()
    pages = IndexedPage._meta.db_table
    facets = ", ".join(FACETS)
    sets = ", ".join(f"({name})" for name in FACETS)
    columns = ", ".join(f"p.{name}" for name in PAGE_COLUMNS)
    order = "{0}score DESC, {0}published DESC NULLS LAST, {0}title, {0}id"
    sql = (
        f"WITH m AS MATERIALIZED ({matches})"  # noqa: S608 - names from models and constants
        " SELECT"
        f" (SELECT json_agg(json_build_array({facets}, g, n)) FROM"
        f" (SELECT {facets}, GROUPING({facets}) AS g, COUNT(*) AS n FROM m"
        f" GROUP BY GROUPING SETS ({sets}, ())) f),"
        f" (SELECT json_agg(json_build_array({columns}) ORDER BY {order.format('t.')})"
        f" FROM (SELECT id, score, published, title FROM m ORDER BY {order.format('')}"
        f" LIMIT %s OFFSET %s) t JOIN {pages} p ON p.id = t.id)"
    )
    return sql, [*match_args, params.page_size, params.offset]


def search(
    query: SearchQuery, params: SearchParams, weights: dict[str, float] = KIND_WEIGHTS
) -> Matches:
    """The number of matches, each facet's (value, count) and the page's rows."""
    sql, args = _statement(query, params, weights)
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        facet_rows, page_rows = cursor.fetchone()
    total = 0
    counts: dict[str, list[tuple[Any, int]]] = {name: [] for name in FACETS}
    for row in facet_rows or []:
        mask, count = row[len(FACETS)], row[len(FACETS) + 1]
        if mask == _TOTAL_MASK:
            total = count
            continue
        name = _GROUPING_MASKS[mask]
        value = row[FACETS.index(name)]
        if value not in (None, ""):
            counts[name].append((value, count))
    rows = [dict(zip(PAGE_COLUMNS, row, strict=True)) for row in page_rows or []]
    return Matches(total, counts, rows)


def suggestions(
    tokens: list[str], locale: str | None, limit: int
) -> list[tuple[str, str]]:
    """(title, url) of pages whose title has a word starting with each token."""
    prefix = " & ".join(_lexeme(t.lower()) + ":*" for t in tokens)
    query = SearchQuery(prefix, search_type="raw", config=AUTOCOMPLETE_CONFIG)
    rows = IndexedPage.objects.filter(title_vector=query)
    if locale:
        rows = rows.filter(locale=locale)
    return list(rows.order_by("title", "id").values_list("title", "url")[:limit])
