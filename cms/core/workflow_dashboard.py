"""Moderation of pages in a unit's dashboard: the changes awaiting the user's
review (moderators) and the user's own submissions with their state.

Each unit has its own workflow (`unit_access`), so a workflow state belongs
to the unit whose workflow it runs; three queries answer for every unit.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowPage, WorkflowState

from .dashboard import Block, Line, Workplace, edit_url, unit_admin_url

OPEN_STATES = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)


def unit_moderation(workplace: Workplace) -> dict[int, Block]:
    """Changes awaiting review and the user's own submissions, per unit."""
    unit_of_workflow = dict(
        WorkflowPage.objects.filter(page_id__in=workplace.unit_ids).values_list(
            "workflow_id", "page_id"
        )
    )
    states = list(relevant_states(workplace, unit_of_workflow))
    titles = dict(
        Page.objects.filter(pk__in={int(s.object_id) for s in states}).values_list(
            "pk", "title"
        )
    )
    lines: dict[int, list[Line]] = defaultdict(list)
    for state in states:
        unit_id = unit_of_workflow[state.workflow_id]
        title = titles.get(int(state.object_id), "")
        if state.requested_by_id == workplace.user.pk:
            lines[unit_id].append(own_line(state, title))
        if state.status == WorkflowState.STATUS_IN_PROGRESS and workplace.moderates(
            unit_id
        ):
            lines[unit_id].append(review_line(state, title))
    return {
        unit_id: block_of(unit_id, unit_lines) for unit_id, unit_lines in lines.items()
    }


def relevant_states(workplace: Workplace, unit_of_workflow: dict[int, int]):
    """Open page workflow states of the units' workflows: the user's own, and
    every one in progress in a unit they moderate."""
    moderated_workflows = [
        workflow_id
        for workflow_id, unit_id in unit_of_workflow.items()
        if workplace.moderates(unit_id)
    ]
    return (
        WorkflowState.objects.filter(
            workflow_id__in=list(unit_of_workflow),
            base_content_type__model="page",
            base_content_type__app_label="wagtailcore",
            status__in=OPEN_STATES,
        )
        .filter(
            Q(requested_by_id=workplace.user.pk)
            | Q(
                workflow_id__in=moderated_workflows,
                status=WorkflowState.STATUS_IN_PROGRESS,
            )
        )
        .order_by("created_at", "pk")
    )


def own_line(state: WorkflowState, title: str) -> Line:
    return Line(
        _("Your submission %(title)s: %(state)s")
        % {"title": title, "state": state.get_status_display()},
        edit_url(int(state.object_id)),
        attention=state.status == WorkflowState.STATUS_NEEDS_CHANGES,
    )


def review_line(state: WorkflowState, title: str) -> Line:
    return Line(
        _("%(title)s awaits your review") % {"title": title},
        edit_url(int(state.object_id)),
        attention=True,
    )


def block_of(unit_id: int, lines: list[Line]) -> Block:
    block = Block(_("Changes in moderation"), order=10)
    block.add_items(lines, unit_admin_url(unit_id))
    return block
