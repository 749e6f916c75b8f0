"""Stage rules: order, who moves, not selected, history."""

import pytest
from django.core.exceptions import PermissionDenied

from innovation import kipp
from innovation.models import InnovationEntryPage, StageChange
from innovation.stages import StageError, allowed_moves, move_stage

pytestmark = pytest.mark.django_db


def test_stages_follow_the_order_of_kipp_yaml():
    assert kipp.stage_order() == [
        "draft",
        "submitted",
        "admin_passed",
        "top99",
        "top45",
        "outstanding",
    ]


def test_committee_moves_a_submitted_entry_one_stage_up(entry, committee):
    move_stage(entry, "admin_passed", committee)
    entry.refresh_from_db()
    assert entry.stage == "admin_passed"


def test_committee_cannot_skip_a_stage(entry, committee):
    with pytest.raises(StageError):
        move_stage(entry, "top99", committee)
    entry.refresh_from_db()
    assert entry.stage == "submitted"


def test_committee_cannot_move_a_draft(make_entry, unit_a, committee):
    draft = make_entry(unit_a, stage="draft")
    with pytest.raises(StageError):
        move_stage(draft, "submitted", committee)


def test_entry_can_end_as_not_selected_before_top45(entry, committee):
    move_stage(entry, "admin_passed", committee)
    move_stage(entry, "not_selected", committee, "Kurang bukti dampak.")
    entry.refresh_from_db()
    assert entry.stage == "not_selected"
    assert allowed_moves("not_selected") == []


def test_top45_can_only_go_on_to_outstanding():
    assert allowed_moves("top45") == ["outstanding"]
    assert allowed_moves("outstanding") == []


def test_editor_cannot_move_stages(entry, make_staff, unit_a):
    editor = make_staff(unit_a, "moderator")
    with pytest.raises(PermissionDenied):
        move_stage(entry, "admin_passed", editor)


def test_panel_member_cannot_move_stages(entry, panelist):
    with pytest.raises(PermissionDenied):
        move_stage(entry, "admin_passed", panelist)


def test_every_move_is_recorded_with_who_when_from_to_and_note(entry, committee):
    move_stage(entry, "admin_passed", committee, "Berkas lengkap.")
    change = StageChange.objects.get(entry=entry)
    assert (change.from_stage, change.to_stage) == ("submitted", "admin_passed")
    assert change.changed_by == committee
    assert change.note == "Berkas lengkap."
    assert change.changed_at is not None


def test_move_updates_every_translation(entry, committee, locales):
    english = entry.copy_for_translation(locales[1], copy_parents=True)
    move_stage(entry, "admin_passed", committee)
    assert InnovationEntryPage.objects.get(pk=english.pk).stage == "admin_passed"


def test_publishing_an_old_revision_keeps_the_stage(entry, committee):
    revision = entry.save_revision()
    move_stage(entry, "admin_passed", committee)
    revision.publish()
    entry.refresh_from_db()
    assert entry.stage == "admin_passed"
