"""Innovation in the unit dashboard (`innovation.dashboard`): the unit's
entries with their stage, and replication notes waiting for approval."""

import pytest
from django.urls import reverse
from django.utils import translation

from cms.core.dashboard import Workplace
from innovation.dashboard import unit_innovation
from innovation.factories import ReplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The lines are read in the English source text (the admin follows each
    user's language; tests/test_unit_dashboard.py checks the Indonesian)."""
    with translation.override("en"):
        yield


def test_each_entry_shows_its_stage_and_opens_its_edit_screen(entry, unit_a):
    block = unit_innovation(Workplace(None, (unit_a,), frozenset()))[unit_a.pk]
    [line] = block.lines
    assert line.text.startswith("Pandu (2021): ")
    assert line.text.endswith(entry.get_stage_display())
    assert line.url == reverse("wagtailadmin_pages:edit", args=[entry.pk])


def test_notes_waiting_for_approval_are_counted_for_the_replicating_units_moderators(
    entry, unit_a, unit_b
):
    ReplicationFactory(original=entry, unit=unit_b)
    moderator = Workplace(None, (unit_b,), frozenset({unit_b.pk}))
    [line] = unit_innovation(moderator)[unit_b.pk].lines
    assert line.moderation and line.count == 1
    assert line.url == reverse("replications:index")
    editor = Workplace(None, (unit_b,), frozenset())
    assert unit_b.pk not in unit_innovation(editor)
    assert unit_a.pk not in unit_innovation(moderator)
