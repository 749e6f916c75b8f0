"""An entry's unit (`UnitOwnedPage.unit`) follows the page tree: creation,
translation and move; listings read it with their entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from cms.core.translation import translate_page
from cms.core.visibility import restricted_paths
from innovation.models import InnovationEntryPage

pytestmark = pytest.mark.django_db


def test_a_new_entry_belongs_to_the_unit_above_it(entry, unit_a):
    assert InnovationEntryPage.objects.get(pk=entry.pk).unit_id == unit_a.pk


def test_a_translation_belongs_to_the_unit_in_its_own_language(entry, unit_a):
    unit_en = translate_page(unit_a, "en", {})
    entry_en = translate_page(entry, "en", {})
    assert unit_en.pk != unit_a.pk
    assert InnovationEntryPage.objects.get(pk=entry_en.pk).unit_id == unit_en.pk


def test_a_moved_entry_belongs_to_its_new_unit(entry, unit_b):
    entry.move(unit_b, pos="last-child")
    assert InnovationEntryPage.objects.get(pk=entry.pk).unit_id == unit_b.pk


def test_an_old_revision_keeps_the_unit_of_the_tree(entry, unit_b):
    revision = entry.save_revision()
    entry.move(unit_b, pos="last-child")
    revision = Revision.objects.get(pk=revision.pk)
    assert revision.as_object().unit_id == unit_b.pk


def test_the_showcase_reads_units_with_its_entries(
    showcase, make_entry, unit_a, unit_b
):
    for n in range(6):
        make_entry(unit_a if n % 2 else unit_b, title=f"E{n}", stage="top99")
    restricted_paths()  # read once per tree version (cms.core.visibility)
    with CaptureQueriesContext(connection) as queries:
        entries = list(showcase.entries())
        names = {entry.unit.short_name for entry in entries}
    assert len(queries) == 1
    assert names == {unit_a.short_name, unit_b.short_name}
