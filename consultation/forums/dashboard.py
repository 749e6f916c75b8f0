"""Consultations in a unit's dashboard: comments waiting for a moderator,
consultations opening or closing soon, outcomes and commitments due.

Each function answers for every unit of the workplace in a fixed number of
queries; the national summary lists the units with an overdue outcome.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.core.dashboard import (
    SOON_DAYS,
    Block,
    Line,
    Workplace,
    edit_url,
    unit_admin_url,
)
from cms.core.models import UnitPage

from ..actions import ActionState
from ..moderation import ModerationStatus
from .models import Commitment, ConsultationPage
from .records import ComponentComment

OPEN_ACTION_STATES = (ActionState.PLANNED, ActionState.IN_PROGRESS)


def unit_consultations(workplace: Workplace) -> dict[int, Block]:
    """The consultations' block of each unit (three queries)."""
    now = timezone.now()
    soon = now + datetime.timedelta(days=SOON_DAYS)
    lines: dict[int, list[Line]] = defaultdict(list)
    for unit_id, count in pending_comments(workplace).items():
        lines[unit_id].append(comments_line(count))
    for page in source_consultations(workplace.unit_ids):
        line = consultation_line(page, now, soon)
        if line is not None:
            lines[page.unit_id].append(line)
    for commitment in commitments_due(workplace.unit_ids, soon.date()):
        lines[commitment.page.unit_id].append(commitment_line(commitment))
    return {
        unit_id: block_of(unit_id, unit_lines) for unit_id, unit_lines in lines.items()
    }


def pending_comments(workplace: Workplace) -> dict[int, int]:
    """Comments waiting for moderation per unit the user moderates."""
    moderated = [pk for pk in workplace.unit_ids if workplace.moderates(pk)]
    if not moderated:
        return {}
    rows = (
        ComponentComment.objects.filter(
            status=ModerationStatus.PENDING, consultation__unit_id__in=moderated
        )
        .values("consultation__unit_id")
        .annotate(n=Count("pk"))
        .values_list("consultation__unit_id", "n")
    )
    return dict(rows)


def source_consultations(unit_ids: list[int] | None = None):
    """The consultations (of `unit_ids`, or of every unit) in the default
    language whose outcome is not published."""
    pages = ConsultationPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, outcome_published=False
    )
    if unit_ids is not None:
        pages = pages.filter(unit_id__in=unit_ids)
    return pages.only(
        "pk",
        "title",
        "unit_id",
        "opens_at",
        "closes_at",
        "outcome_due_weeks",
        "outcome_published",
    )


def commitments_due(unit_ids: list[int], until: datetime.date):
    """Open commitments ("you said, we did") due by `until`, oldest first."""
    return (
        Commitment.objects.filter(
            page__unit_id__in=unit_ids,
            page__locale__language_code=settings.LANGUAGE_CODE,
            state__in=OPEN_ACTION_STATES,
            due_date__lte=until,
        )
        .select_related("page")
        .only("said", "due_date", "page__unit_id", "page__title")
        .order_by("due_date", "pk")
    )


def comments_line(count: int) -> Line:
    return Line(
        ngettext(
            "comment on a component waiting for moderation",
            "comments on components waiting for moderation",
            count,
        ),
        reverse("consultation_moderation:index"),
        count=count,
        moderation=True,
    )


def consultation_line(
    page: ConsultationPage, now: datetime.datetime, soon: datetime.datetime
) -> Line | None:
    """What is coming for `page`: opening, closing or its outcome due."""
    values = {"title": page.title}
    if page.opens_at and now <= page.opens_at <= soon:
        values["date"] = date_format(timezone.localtime(page.opens_at).date())
        return Line(_("%(title)s opens on %(date)s") % values, edit_url(page))
    if page.closes_at and now <= page.closes_at <= soon:
        values["date"] = date_format(timezone.localtime(page.closes_at).date())
        return Line(_("%(title)s closes on %(date)s") % values, edit_url(page))
    due = page.outcome_due_on
    if page.closes_at and page.closes_at < now and due <= soon.date():
        values["date"] = date_format(due)
        if page.outcome_overdue:
            text = _("%(title)s: the outcome was due on %(date)s") % values
            return Line(text, edit_url(page), attention=True)
        return Line(_("%(title)s: outcome due on %(date)s") % values, edit_url(page))
    return None


def commitment_line(commitment: Commitment) -> Line:
    overdue = commitment.due_date < timezone.localdate()
    values = {
        "title": commitment.page.title,
        "said": commitment.said[:60],
        "date": date_format(commitment.due_date),
    }
    text = (
        _("Commitment overdue since %(date)s (%(title)s): %(said)s")
        if overdue
        else _("Commitment due on %(date)s (%(title)s): %(said)s")
    )
    return Line(text % values, edit_url(commitment.page), attention=overdue)


def block_of(unit_id: int, lines: list[Line]) -> Block:
    block = Block(_("Public consultations"), order=30)
    moderation = [line for line in lines if line.moderation]
    block.lines.extend(moderation)
    block.add_items(
        [line for line in lines if not line.moderation], unit_admin_url(unit_id)
    )
    return block


def national_overdue_outcomes(user) -> Block:
    """Units with a consultation whose outcome is overdue (two queries)."""
    overdue_units: dict[int, int] = defaultdict(int)
    closed = source_consultations().filter(closes_at__lt=timezone.now())
    for page in closed:
        if page.outcome_overdue:
            overdue_units[page.unit_id] += 1
    block = Block(_("Units with an overdue consultation outcome"), order=10)
    units = UnitPage.objects.filter(pk__in=list(overdue_units)).order_by("title")
    for unit in units:
        block.add(Line(unit.title, unit_admin_url(unit), overdue_units[unit.pk], True))
    if not block.lines:
        block.add(
            Line(_("None: every outcome is on time"), reverse("wagtailadmin_home"))
        )
    return block
