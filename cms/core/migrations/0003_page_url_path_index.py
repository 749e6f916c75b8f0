"""An index on Wagtail's `Page.url_path`, which `cms.core.routing` looks pages up by.

A hash index on PostgreSQL (equality only, and no btree size limit on long
paths); a plain index on SQLite.
"""

from django.db import migrations

INDEX = "core_page_url_path_idx"


def create_index(apps, schema_editor):
    using = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page {using}(url_path)"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_translatable_opening_hours"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
