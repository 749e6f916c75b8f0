"""Innovation in a unit's dashboard: the unit's entries with their stage and
replication notes waiting for a moderator's approval (two queries)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.core.dashboard import Block, Line, Workplace, edit_url, unit_admin_url

from .models import InnovationEntryPage, Replication


def unit_innovation(workplace: Workplace) -> dict[int, Block]:
    """The innovation block of each unit."""
    lines: dict[int, list[Line]] = defaultdict(list)
    for unit_id, count in pending_notes(workplace).items():
        lines[unit_id].append(
            Line(
                ngettext(
                    "replication note waiting for approval",
                    "replication notes waiting for approval",
                    count,
                ),
                reverse("replications:index"),
                count=count,
                moderation=True,
            )
        )
    entries = (
        InnovationEntryPage.objects.filter(
            unit_id__in=workplace.unit_ids,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .only("title", "unit_id", "stage", "competition_year")
        .order_by("-competition_year", "title")
    )
    entry_lines: dict[int, list[Line]] = defaultdict(list)
    for entry in entries:
        text = _("%(title)s (%(year)s): %(stage)s") % {
            "title": entry.title,
            "year": entry.competition_year,
            "stage": entry.get_stage_display(),
        }
        entry_lines[entry.unit_id].append(Line(text, edit_url(entry)))
    blocks = {}
    for unit_id in set(lines) | set(entry_lines):
        block = Block(_("Innovation (KIPP)"), lines[unit_id], order=50)
        block.add_items(entry_lines[unit_id], unit_admin_url(unit_id))
        blocks[unit_id] = block
    return blocks


def pending_notes(workplace: Workplace) -> dict[int, int]:
    """Replication records whose notes wait for approval, per unit moderated."""
    moderated = [pk for pk in workplace.unit_ids if workplace.moderates(pk)]
    if not moderated:
        return {}
    rows = (
        Replication.objects.filter(unit_id__in=moderated)
        .exclude(notes=F("published_notes"))
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    return dict(rows)
