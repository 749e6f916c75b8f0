"""PostgreSQL: a stored, GIN-indexed tsvector of each `IndexedPage` row.

The database engine matched `(title || body) @@ query` on Wagtail's index
entries: PostgreSQL merged two vectors per row (the planner thinks that cheap
and scans the table) and joined the entries to the pages on a text column, twice
per search, 850 ms for a broad query on 13,000 pages. This generated column
holds the same lexemes (the same texts, text search configuration and weights
as Wagtail's entries: title, summary, body), kept up to date by PostgreSQL on
every insert and update, so a search reads one table once.

The configuration is the database backend's at the time of migrating; after
changing `SEARCH_DATABASE_CONFIG`, migrate `search` back to 0003 and forward.
Other databases: nothing to do (SQLite searches its FTS5 table).
"""

from django.db import migrations

COLUMN = "search_vector"
INDEX = "search_indexedpage_vector_gin"


def vector_sql(config: str) -> str:
    from modelsearch.backends.database.postgres.weights import get_weight

    parts = [("title", get_weight(4)), ("summary", get_weight(2))]
    vectors = [
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({name}, '')), "
        f"'{weight}')"
        for name, weight in parts
    ]
    vectors.append(
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(body, '')), "
        f"'{get_weight(None)}')"
    )
    return " || ".join(vectors)


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from wagtail.search.backends import get_search_backend

    config = getattr(get_search_backend("default"), "config", None) or "simple"
    config = config.replace("'", "''")
    table = apps.get_model("search", "IndexedPage")._meta.db_table
    schema_editor.execute(
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({vector_sql(config)}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ({COLUMN})"
    )


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("search", "IndexedPage")._meta.db_table
    schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_title_body_search_index")]

    operations = [migrations.RunPython(add_vector, drop_vector, elidable=False)]
