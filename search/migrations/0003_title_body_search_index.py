"""Formerly: a GIN index on `title || body` of Wagtail's search index entries.

The database engine no longer reads Wagtail's search tables (migration 0005
gives it its own index and drops this one where an earlier version of this
migration created it). Kept, doing nothing, so the migration graph stays intact.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_seed_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = []
