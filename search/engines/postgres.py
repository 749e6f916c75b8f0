"""The database engine's queries on PostgreSQL: ranking, paging and facets in SQL.

Wagtail's database backend keeps a `title` and a `body` tsvector per indexed
object (the `SEARCH_DATABASE_CONFIG` text search configuration, `indonesian` by
default) and an `autocomplete` tsvector (`simple`). The engine joins those index
entries to `IndexedPage` and asks PostgreSQL for exactly what one result page
needs, whatever the number of matches:

- one ranked query with `LIMIT`/`OFFSET` for the page's rows (title matches
  weigh four times body matches, summary twice the rest of the body; newest
  first on a tie);
- one `GROUP BY GROUPING SETS` query for every facet's counts and the total;
- suggestions from an indexed prefix query (`'pas':*`) on `autocomplete`.

The match uses the GIN index on `title || body` (migration 0003), so every word
may be in either field.
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
def _body_weights() -> str:
    """ts_rank weights {D,C,B,A} making summary lexemes count twice body lexemes.

    Wagtail labels each field's lexemes with a letter chosen from its boost
    (`IndexedPage.search_fields`: summary 2, body none).
    """
    from modelsearch.backends.database.postgres.weights import WEIGHTS, get_weight

    values = dict.fromkeys(WEIGHTS, 0.1)
    summary = get_weight(2)
    if summary != get_weight(None):
        values[summary] = 0.2
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


def _source(query: TextQuery, params: SearchParams) -> tuple[str, list[Any]]:
    """FROM … WHERE … of the pages matching `query` and the filters."""
    from .database import get_index_entry_model

    entries = get_index_entry_model()._meta.db_table
    pages = IndexedPage._meta.db_table
    content_type = ContentType.objects.get_for_model(IndexedPage).pk
    filters, filter_args = _filters(params)
    sql = (
        f" FROM {pages} p JOIN {entries} e"  # noqa: S608 - names from models
        " ON e.content_type_id = %s AND e.object_id = p.id::text"
        f" WHERE (e.title || e.body) @@ {query.sql}{filters}"
    )
    return sql, [content_type, *query.params, *filter_args]


def facet_counts(
    query: TextQuery, params: SearchParams
) -> tuple[int, dict[str, list[tuple[Any, int]]]]:
    """The number of matches and each facet's (value, count), one SQL query."""
    source, args = _source(query, params)
    columns = ", ".join(f"p.{name}" for name in FACETS)
    sets = ", ".join(f"(p.{name})" for name in FACETS)
    sql = (
        f"SELECT {columns}, GROUPING({columns}), COUNT(*)"  # noqa: S608
        f"{source} GROUP BY GROUPING SETS ({sets}, ())"
    )
    total = 0
    counts: dict[str, list[tuple[Any, int]]] = {name: [] for name in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        for row in cursor.fetchall():
            mask, count = row[len(FACETS)], row[len(FACETS) + 1]
            if mask == _TOTAL_MASK:
                total = count
                continue
            name = _GROUPING_MASKS[mask]
            value = row[FACETS.index(name)]
            if value not in (None, ""):
                counts[name].append((value, count))
    return total, counts


def ranked_rows(query: TextQuery, params: SearchParams) -> list[dict[str, Any]]:
    """The rows of the requested result page, best first (LIMIT/OFFSET in SQL)."""
    source, args = _source(query, params)
    columns = ", ".join(f"p.{name}" for name in PAGE_COLUMNS)
    score = (
        f"ts_rank('{{1,1,1,1}}', e.title, {query.sql}) * {TITLE_BOOST}"
        f" + ts_rank('{_body_weights()}', e.body, {query.sql})"
    )
    sql = (
        f"SELECT {columns}{source}"  # noqa: S608
        f" ORDER BY {score} DESC, p.published DESC NULLS LAST, p.title, p.id"
        " LIMIT %s OFFSET %s"
    )
    args += [*query.params, *query.params, params.page_size, params.offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return [dict(zip(PAGE_COLUMNS, row, strict=True)) for row in cursor.fetchall()]


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
