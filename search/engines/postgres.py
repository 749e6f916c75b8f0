"""The database engine's queries on PostgreSQL: ranking, paging and facets in SQL.

Each `IndexedPage` row carries `search_vector` (migration 0004): the lexemes
of its title, summary and body in the `SEARCH_DATABASE_CONFIG` text search
configuration (`indonesian` by default), weighted like Wagtail's index entries,
with a GIN index. One statement per search answers what a result page needs,
whatever the number of matches:

- the matches, found once through the GIN index and ranked once (a title match
  above a summary match above a body match; newest first on a tie);
- every facet's counts and the total from them (`GROUP BY GROUPING SETS`);
- the requested page of them (`LIMIT`/`OFFSET`).

Every word may be in any field. Suggestions come from an indexed prefix query
(`'pas':*`) on the `autocomplete` vector of Wagtail's index entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from ..models import IndexedPage
from ..query import FACETS, SearchParams, content_words
from ..synonyms import expand

TITLE_BOOST = 4
SUMMARY_WEIGHT = 0.05
BODY_WEIGHT = 0.025
VECTOR = "search_vector"
PAGE_COLUMNS = (
    "id",
    "title",
    "url",
    "kind",
    "unit",
    "locale",
    "year",
    "summary",
    "body",
)
# GROUPING(kind, unit, category, year, state): the bit of each grouped column is 0.
_GROUPING_MASKS = {
    sum(1 << (len(FACETS) - 1 - j) for j in range(len(FACETS)) if j != i): name
    for i, name in enumerate(FACETS)
}
_TOTAL_MASK = (1 << len(FACETS)) - 1


def _lexeme(token: str) -> str:
    """A token as a quoted tsquery operand (tokens are \\w+: no quotes inside)."""
    return "'" + token.replace("'", "''").replace("\\", "") + "'"


@dataclass(frozen=True)
class TextQuery:
    """A tsquery as SQL and its parameters (words, synonyms, phrases)."""

    sql: str
    params: tuple[Any, ...]

    @classmethod
    def build(
        cls, params: SearchParams, words: list[str], tokenize, config: str
    ) -> TextQuery | None:
        parts: list[str] = []
        args: list[Any] = []
        tokens = tokenize(content_words(words)) if words else []
        if tokens:
            joiner = " | " if params.match_any else " & "
            options = [joiner.join(_lexeme(t) for t in tokens)]
            options += [
                " & ".join(_lexeme(t) for t in tokenize(alt)) for alt in expand(tokens)
            ]
            parts.append("to_tsquery(%s::regconfig, %s)")
            args += [config, " | ".join(f"({o})" for o in options if o)]
        for phrase in params.phrases:
            phrase_tokens = tokenize([phrase])
            if phrase_tokens:
                parts.append("phraseto_tsquery(%s::regconfig, %s)")
                args += [config, " ".join(phrase_tokens)]
        if not parts:
            return None
        return cls("(" + " && ".join(parts) + ")", tuple(args))


@cache
def _rank_weights() -> str:
    """ts_rank weights {D,C,B,A} of `IndexedPage.search_vector` (migration 0004).

    Its lexemes carry Wagtail's letters for the fields' boosts (title 4,
    summary 2, body none). A title match counts 40 times a body match and a
    summary match twice, as `4 * rank(title) + rank(body with summary 0.2 and
    body 0.1)` did on the separate title and body vectors.
    """
    from modelsearch.backends.database.postgres.weights import WEIGHTS, get_weight

    values = dict.fromkeys(WEIGHTS, BODY_WEIGHT)
    values[get_weight(2)] = SUMMARY_WEIGHT
    values[get_weight(TITLE_BOOST)] = 1.0
    return "{" + ",".join(str(values[letter]) for letter in reversed(WEIGHTS)) + "}"


def _filters(params: SearchParams) -> tuple[str, list[Any]]:
    where, args = [], []
    if params.locale:
        where.append("p.locale = %s")
        args.append(params.locale)
    if params.kind:
        where.append("p.kind IN (" + ", ".join(["%s"] * len(params.kind)) + ")")
        args += list(params.kind)
    for name in ("unit", "category", "state"):
        value = getattr(params, name)
        if value:
            where.append(f"p.{name} = %s")
            args.append(value)
    if params.year:
        where.append("p.year = %s")
        args.append(params.year)
    return "".join(f" AND {w}" for w in where), args


@dataclass
class Matches:
    """What one search statement returns: the total, facet counts, the page's rows."""

    total: int
    counts: dict[str, list[tuple[Any, int]]]
    rows: list[dict[str, Any]]


def _statement(query: TextQuery, params: SearchParams) -> tuple[str, list[Any]]:
    """One pass over the matching pages: counts, facets and the ranked page.

    The matches (found with the GIN index on `search_vector`, ranked once) are
    materialised; the facet counts and the requested page are read from them.
    """
    pages = IndexedPage._meta.db_table
    filters, filter_args = _filters(params)
    facets = ", ".join(FACETS)
    sets = ", ".join(f"({name})" for name in FACETS)
    columns = ", ".join(f"p.{name}" for name in PAGE_COLUMNS)
    order = "{0}score DESC, {0}published DESC NULLS LAST, {0}title, {0}id"
    sql = (
        "WITH m AS MATERIALIZED ("  # noqa: S608 - names from models and constants
        f" SELECT p.id, p.title, p.published, {', '.join(f'p.{f}' for f in FACETS)},"
        f" ts_rank(%s, p.{VECTOR}, {query.sql}) AS score"
        f" FROM {pages} p WHERE p.{VECTOR} @@ {query.sql}{filters})"
        " SELECT"
        f" (SELECT json_agg(json_build_array({facets}, g, n)) FROM"
        f" (SELECT {facets}, GROUPING({facets}) AS g, COUNT(*) AS n FROM m"
        f" GROUP BY GROUPING SETS ({sets}, ())) f),"
        f" (SELECT json_agg(json_build_array({columns}) ORDER BY {order.format('t.')})"
        f" FROM (SELECT id, score, published, title FROM m ORDER BY {order.format('')}"
        f" LIMIT %s OFFSET %s) t JOIN {pages} p ON p.id = t.id)"
    )
    args = [_rank_weights(), *query.params, *query.params, *filter_args]
    return sql, [*args, params.page_size, params.offset]


def search(query: TextQuery, params: SearchParams) -> Matches:
    """The number of matches, each facet's (value, count) and the page's rows."""
    sql, args = _statement(query, params)
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
    tokens: list[str], locale: str | None, limit: int, config: str
) -> list[tuple[str, str]]:
    """(title, url) of pages whose title has a word starting with each token."""
    from .database import get_index_entry_model

    entries = get_index_entry_model()._meta.db_table
    pages = IndexedPage._meta.db_table
    content_type = ContentType.objects.get_for_model(IndexedPage).pk
    prefix = " & ".join(_lexeme(t.lower()) + ":*" for t in tokens)
    sql = (
        f"SELECT p.title, p.url FROM {pages} p JOIN {entries} e"  # noqa: S608
        " ON e.content_type_id = %s AND e.object_id = p.id::text"
        " WHERE e.autocomplete @@ to_tsquery(%s::regconfig, %s)"
    )
    args: list[Any] = [content_type, config, prefix]
    if locale:
        sql += " AND p.locale = %s"
        args.append(locale)
    sql += " ORDER BY p.title, p.id LIMIT %s"
    args.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return list(cursor.fetchall())
