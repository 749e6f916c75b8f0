"""Formerly: a generated `search_vector` column built from Wagtail's weights.

Superseded by migration 0005 (a `SearchVectorField` of the app's own, filled
with `SearchVector`), which drops the column where an earlier version of this
migration created it. Kept, doing nothing, so the migration graph stays intact.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0003_title_body_search_index")]

    operations = []
