"""The database engine's own full-text index of `IndexedPage` rows.

- PostgreSQL: `IndexedPage.search_vector` (title weight A, summary B, body D in
  the `SEARCH_DATABASE_CONFIG` text search configuration) and
  `IndexedPage.title_vector` (the title in `simple`, for prefix suggestions),
  both `SearchVectorField`s with a GIN index (migration 0005), filled here with
  `SearchVector` after every write of the rows.
- SQLite: `search_indexedpage_fts`, an FTS5 table of the rows' title, summary
  and body keyed by the row id (migration 0005; Django has no FTS5 API, so it
  is written with SQL here). Without FTS5 the engine matches with `icontains`.

No other package's tables are read or written. After changing
`SEARCH_DATABASE_CONFIG`, `search_rebuild --database` refills every vector.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection

FTS_TABLE = "search_indexedpage_fts"
FTS_COLUMNS = ("title", "summary", "body")
AUTOCOMPLETE_CONFIG = "simple"
ID_CHUNK = 500
# ts_rank weights {D, C, B, A}: a title match counts 40 times a body match, a
# summary match twice (as the engine always ranked).
RANK_WEIGHTS = [0.025, 0.025, 0.05, 1.0]
FIELD_WEIGHTS = (("title", "A"), ("summary", "B"), ("body", "D"))


def text_config() -> str:
    """The PostgreSQL text search configuration of the search vectors."""
    return getattr(settings, "SEARCH_DATABASE_CONFIG", "") or "simple"


def document_vector(config: str | None = None) -> SearchVector:
    """The weighted vector of a row's title, summary and body."""
    config = config or text_config()
    vectors = [SearchVector(f, weight=w, config=config) for f, w in FIELD_WEIGHTS]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def title_vector() -> SearchVector:
    return SearchVector("title", config=AUTOCOMPLETE_CONFIG)


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


def refresh(row_ids: Iterable[int]) -> None:
    """Bring the full-text index of these `IndexedPage` rows up to date."""
    from .models import IndexedPage

    for chunk in chunks(row_ids):
        if connection.vendor == "postgresql":
            IndexedPage.objects.filter(id__in=chunk).update(
                search_vector=document_vector(), title_vector=title_vector()
            )
        elif fts_available():
            forget(chunk)
            marks = ", ".join(["%s"] * len(chunk))
            columns = ", ".join(FTS_COLUMNS)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, {columns})"  # noqa: S608
                    f" SELECT id, {columns} FROM {IndexedPage._meta.db_table}"
                    f" WHERE id IN ({marks})",
                    chunk,
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


def match_ids(expression: str) -> list[int]:
    """Ids of the rows matching an FTS5 MATCH expression."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [expression],
        )
        return [int(row[0]) for row in cursor.fetchall()]
