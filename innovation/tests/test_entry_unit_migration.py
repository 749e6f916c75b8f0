"""Upgrading gives existing entries their unit (migration 0005): the closest unit
above each entry, in the entry's own language."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.core.translation import translate_page

BEFORE = [("innovation", "0004_replication_notes_approval")]
AFTER = [("innovation", "0005_entry_unit")]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_existing_entries_get_the_unit_above_them(entry, unit_a, unit_b, make_entry):
    unit_en = translate_page(unit_a, "en", {})
    entry_en = translate_page(entry, "en", {})
    other = make_entry(unit_b, title="Lain", slug="lain")
    migrate(BEFORE)
    migrate(AFTER)
    units = dict(
        migrate(AFTER)
        .get_model("innovation", "InnovationEntryPage")
        .objects.values_list("pk", "unit_id")
    )
    assert units == {entry.pk: unit_a.pk, entry_en.pk: unit_en.pk, other.pk: unit_b.pk}
