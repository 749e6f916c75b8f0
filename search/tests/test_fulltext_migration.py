"""Upgrading to the engine's own full-text index (migration 0005).

An existing database at 0004 (with, on PostgreSQL, what earlier versions of
0003 and 0004 added: a GIN index on Wagtail's index entries and a generated
`search_vector` column) migrates forward, loses those, and its pages are found
by the database engine right away.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search import fulltext
from search.engines.database import DatabaseEngine
from search.query import parse_params

BEFORE = [("search", "0004_indexedpage_search_vector")]
AFTER = [("search", "0006_indexedpage_keywords")]  # 0006 re-indexes as stems
OLD_COLUMN_SQL = (
    "ALTER TABLE search_indexedpage ADD COLUMN search_vector tsvector GENERATED"
    " ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(title, ''))) STORED"
)
OLD_INDEX_SQL = (
    "CREATE INDEX search_indexentry_title_body_gin"
    " ON wagtailsearch_indexentry USING gin ((title || body))"
)


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def add_old_postgres_objects() -> None:
    with connection.cursor() as cursor:
        cursor.execute(OLD_COLUMN_SQL)
        cursor.execute(OLD_INDEX_SQL)


def postgres_leftovers() -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname = %s",
            ["search_indexentry_title_body_gin"],
        )
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT is_generated FROM information_schema.columns"
            " WHERE table_name = 'search_indexedpage' AND column_name = 'search_vector'"
        )
        return rows + [r for r in cursor.fetchall() if r[0] != "NEVER"]


@pytest.mark.django_db(transaction=True)
def test_an_existing_store_migrates_forward_and_is_searchable():
    old = migrate(BEFORE)
    if connection.vendor == "postgresql":
        add_old_postgres_objects()
    row = old.get_model("search", "IndexedPage").objects.create(
        page_id=4242,
        kind="page",
        title="Legalisasi dokumen",
        summary="Apostille",
        body="Syarat legalisasi ijazah.",
        url="/id/legalisasi/",
        locale="id",
    )
    content_type = ContentType.objects.get_for_model(
        old.get_model("search", "IndexedPage")
    )
    entries = old.get_model("wagtailsearch", "IndexEntry").objects
    entries.create(
        content_type_id=content_type.pk,
        object_id=str(row.pk),
        title="Legalisasi dokumen",
        body="",
        autocomplete="",
    )
    new = migrate(AFTER)
    assert (
        not new.get_model("wagtailsearch", "IndexEntry")
        .objects.filter(content_type_id=content_type.pk)
        .exists()
    )
    if connection.vendor == "postgresql":
        assert postgres_leftovers() == []
    elif fulltext.fts_available():
        assert list(fulltext.match_scores('"ijazah"')) == [row.pk]
    result = DatabaseEngine().search(parse_params({"q": "ijazah", "locale": "id"}))
    assert [h.url for h in result.hits] == ["/id/legalisasi/"]
    suggestions = DatabaseEngine().suggest("legal", "id", 5)
    assert [s.url for s in suggestions] == ["/id/legalisasi/"]
