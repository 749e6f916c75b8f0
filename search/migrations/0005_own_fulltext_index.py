"""The database engine's own full-text index, instead of Wagtail's search tables.

Removes what the old approach left in the database: on PostgreSQL the GIN
index on `title || body` of Wagtail's index entries (0003) and the generated
`search_vector` column built from the backend's private weights (0004); on
every database the index entries Wagtail's backend held for `IndexedPage`
rows. Adds the engine's own index (see `search/fulltext.py`) and fills it from
the existing rows:

- PostgreSQL: `search_vector` and `title_vector` (`SearchVectorField`, GIN),
  filled with `SearchVector(..., weight=...)`;
- SQLite: the FTS5 table `search_indexedpage_fts` (when SQLite has FTS5).
"""

import sqlite3

import django.contrib.postgres.search
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

OLD_ENTRY_INDEX = "search_indexentry_title_body_gin"
FTS_TABLE = "search_indexedpage_fts"
GIN_INDEXES = (
    ("search_vector", "search_page_vector_gin"),
    ("title_vector", "search_page_title_gin"),
)
FIELD_WEIGHTS = (("title", "A"), ("summary", "B"), ("body", "D"))


def drop_old_index(apps, schema_editor):
    """0003's index on Wagtail's table and 0004's generated column (PostgreSQL)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("search", "IndexedPage")._meta.db_table
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_ENTRY_INDEX}")
    schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


def forget_wagtail_entries(apps, schema_editor):
    """Wagtail's index entries of `IndexedPage` (it is no longer indexed there)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    content_types = ContentType.objects.filter(app_label="search", model="indexedpage")
    IndexEntry.objects.filter(content_type__in=content_types).delete()


def fts5_available() -> bool:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    return True


def build_index(apps, schema_editor):
    IndexedPage = apps.get_model("search", "IndexedPage")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for field, name in GIN_INDEXES:
            schema_editor.add_index(IndexedPage, GinIndex(fields=[field], name=name))
        config = getattr(settings, "SEARCH_DATABASE_CONFIG", "") or "simple"
        vector = SearchVector("title", weight="A", config=config)
        for field, weight in FIELD_WEIGHTS[1:]:
            vector = vector + SearchVector(field, weight=weight, config=config)
        IndexedPage.objects.update(
            search_vector=vector, title_vector=SearchVector("title", config="simple")
        )
    elif vendor == "sqlite" and fts5_available():
        table = IndexedPage._meta.db_table
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE}"
            " USING fts5(title, summary, body)"
        )
        schema_editor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body)"
            f" SELECT id, title, summary, body FROM {table}"
        )


def drop_index(apps, schema_editor):
    """Backwards: the FTS5 table (the vectors' indexes go with their columns)."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("search", "0004_indexedpage_search_vector"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(drop_old_index, migrations.RunPython.noop),
        migrations.RunPython(forget_wagtail_entries, migrations.RunPython.noop),
        migrations.AddField(
            model_name="indexedpage",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="indexedpage",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(build_index, drop_index),
    ]
