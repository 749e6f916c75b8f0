"""Stage rules: the order of stages and who may move an entry.

draft → submitted (the unit's moderators approve the entry) → passed
administrative selection → Top 99 → Top 45 → Outstanding Achievement; from
submitted up to Top 99 an entry can instead end as not selected. Only the
committee moves stages after submission, one step at a time; every move is a
`StageChange` with who, when, from, to and a note.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import kipp
from .models import InnovationEntryPage, StageChange
from .permissions import can_move_stages


class StageError(ValueError):
    """A move the stage rules do not allow."""


def allowed_moves(stage: str) -> list[str]:
    """The stages the committee may move an entry at `stage` to."""
    order = kipp.stage_order()
    if stage in (kipp.DRAFT, kipp.NOT_SELECTED) or stage not in order:
        return []
    position = order.index(stage)
    moves = order[position + 1 : position + 2]
    if position < order.index("top45"):
        moves.append(kipp.NOT_SELECTED)
    return moves


@transaction.atomic
def move_stage(
    entry: InnovationEntryPage,
    to_stage: str,
    user: AbstractBaseUser,
    note: str = "",
) -> StageChange:
    """Move `entry` (all its translations) to `to_stage` as the committee.

    Raises `PermissionDenied` when `user` is not on the committee and
    `StageError` when the rules do not allow the move.
    """
    if not can_move_stages(user):
        raise PermissionDenied
    source = entry.source_entry()
    current = (
        InnovationEntryPage.objects.select_for_update()
        .filter(pk=source.pk)
        .values_list("stage", flat=True)
        .get()
    )
    if to_stage not in allowed_moves(current):
        raise StageError(to_stage)
    return _record(source, current, to_stage, user, note)


@transaction.atomic
def submit_to_competition(
    entry: InnovationEntryPage, user: AbstractBaseUser | None, note: str = ""
) -> StageChange | None:
    """Mark an approved draft as submitted; nothing happens at any other stage."""
    source = entry.source_entry()
    current = (
        InnovationEntryPage.objects.select_for_update()
        .filter(pk=source.pk)
        .values_list("stage", flat=True)
        .get()
    )
    if current != kipp.DRAFT:
        return None
    return _record(source, current, kipp.SUBMITTED, user, note)


def _record(
    source: InnovationEntryPage,
    from_stage: str,
    to_stage: str,
    user: AbstractBaseUser | None,
    note: str,
) -> StageChange:
    InnovationEntryPage.objects.filter(translation_key=source.translation_key).update(
        stage=to_stage
    )
    source.stage = to_stage
    return StageChange.objects.create(
        entry=source,
        from_stage=from_stage,
        to_stage=to_stage,
        changed_by=user if user is not None and user.is_authenticated else None,
        note=note,
    )
