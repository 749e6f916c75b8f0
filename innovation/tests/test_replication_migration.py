"""Upgrading keeps existing replication notes public (migration 0004)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("innovation", "0003_link_entries_to_service_standards")]
AFTER = [("innovation", "0004_replication_notes_approval")]


@pytest.mark.django_db(transaction=True)
def test_existing_notes_stay_public_after_the_upgrade(entry, unit_b):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("innovation", "Replication").objects.create(
        original_id=entry.pk,
        unit_id=unit_b.pk,
        replicated_on=datetime.date(2023, 1, 2),
        notes="Catatan lama",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    record = new.get_model("innovation", "Replication").objects.get()
    assert record.published_notes == "Catatan lama"
    assert record.notes_approved_by_id is None
