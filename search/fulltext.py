"""The database engine's own full-text index of `IndexedPage` rows.

Both hold the rows' words as stems computed in Python (`search/stemming.py`:
Snowball, in the row's language), so both match the same words:

- PostgreSQL: `IndexedPage.search_vector` (title weight A, summary B, body and
  keywords D, stored with the `simple` configuration: the stems are not
  stemmed again) and `IndexedPage.title_vector` (the title in `simple`, for
  prefix suggestions), both `SearchVectorField`s with a GIN index (migration
  0005), written here after every write of the rows.
- SQLite: `search_indexedpage_fts`, an FTS5 table of the rows' stemmed title,
  summary and body keyed by the row id (migration 0005; Django has no FTS5
  API, so it is written with SQL here). Without FTS5 the engine matches with
  `icontains`.

No other package's tables are read or written. After changing the stemming,
`search_rebuild --database` refills every vector.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.db import connection

from .models import IndexedPage
from .stemming import analyzed

FTS_TABLE = "search_indexedpage_fts"
FTS_COLUMNS = ("title", "summary", "body")
AUTOCOMPLETE_CONFIG = "simple"
ID_CHUNK = 500
# ts_rank weights {D, C, B, A}: a title match counts four times a body match, a
# summary match twice, as SQLite's BM25 column weights and the cluster's field
# boosts (`search/engines/`), so the engines rank alike; RANK_NORMALIZATION 1
# divides by the logarithm of the page's length, as BM25 favours short pages.
RANK_WEIGHTS = [0.25, 0.25, 0.5, 1.0]
RANK_NORMALIZATION = 1
FIELD_WEIGHTS = (("title", "A"), ("summary", "B"), ("body", "D"))


@cache
def _fts_table_exists(alias: str) -> bool:
    return FTS_TABLE in connection.introspection.table_names()


def fts_available() -> bool:
    """True on SQLite when migration 0005 could create the FTS5 table."""
    return connection.vendor == "sqlite" and _fts_table_exists(connection.alias)


def chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def indexed_texts(row: dict) -> tuple[str, str, str]:
    """A row's title, summary and body (with its keywords) as stems.

    What both database indexes hold (`search/stemming.py`): stemmed in Python
    with the row's language, so SQLite and PostgreSQL match the same words.
    """
    locale = row["locale"]
    body = f"{row['body']} {row.get('keywords') or ''}"
    return (
        analyzed(row["title"], locale),
        analyzed(row["summary"], locale),
        analyzed(body, locale),
    )


_PG_UPDATE = (
    "UPDATE {table} SET search_vector ="
    " setweight(to_tsvector('simple', %s), 'A')"
    " || setweight(to_tsvector('simple', %s), 'B')"
    " || setweight(to_tsvector('simple', %s), 'D'),"
    " title_vector = to_tsvector('simple', %s) WHERE id = %s"
)
ROW_FIELDS = ("id", "locale", "title", "summary", "body", "keywords")


def refresh(row_ids: Iterable[int], model: Any = IndexedPage) -> None:
    """Bring the full-text index of these `IndexedPage` rows up to date.

    `model` is `IndexedPage` unless given (a migration passes its own).
    """
    table = model._meta.db_table
    for chunk in chunks(row_ids):
        rows = list(model.objects.filter(id__in=chunk).values(*ROW_FIELDS))
        if connection.vendor == "postgresql":
            values = [(*indexed_texts(r), r["title"], r["id"]) for r in rows]
            with connection.cursor() as cursor:
                cursor.executemany(_PG_UPDATE.format(table=table), values)
        elif fts_available():
            forget(chunk)
            values = [(r["id"], *indexed_texts(r)) for r in rows]
            columns = ", ".join(FTS_COLUMNS)
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (rowid, {columns})"  # noqa: S608
                    " VALUES (%s, %s, %s, %s)",
                    values,
                )


def forget(row_ids: Iterable[int]) -> None:
    """Remove deleted rows from the SQLite FTS5 table (PostgreSQL: nothing to do)."""
    if not fts_available():
        return
    for chunk in chunks(row_ids):
        marks = ", ".join(["%s"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})",  # noqa: S608
                chunk,
            )


def match_scores(expression: str) -> dict[int, float]:
    """Ids of the rows matching an FTS5 MATCH expression, with their relevance.

    FTS5's BM25 with the title weighing four times the body and the summary
    twice (higher is better here; FTS5's own value is negative).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, -bm25({FTS_TABLE}, 4.0, 2.0, 1.0) FROM {FTS_TABLE}"  # noqa: S608
            f" WHERE {FTS_TABLE} MATCH %s",
            [expression],
        )
        return {int(row[0]): float(row[1]) for row in cursor.fetchall()}
