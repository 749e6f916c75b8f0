"""Lists of public consultations over every unit: the consultations index
(grouped by state) and the home page's open ones."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Page

from cms.core.models import UnitPage
from cms.core.visibility import public_pages

from .choices import ConsultationState


def consultation_listing(pages: QuerySet, within: Page | None = None) -> list[dict]:
    """The public ones of `pages` (consultations of one locale), grouped by
    state, open ones first (restrictions on `within` and above count as
    passed)."""
    pages = list(
        public_pages(pages, within).order_by("closes_at").select_related("locale")
    )
    parents = unit_of_each(pages)
    now = timezone.now()
    groups = {state: [] for state in ConsultationState.values}
    for page in pages:
        groups[page.state(now)].append({"page": page, "unit": parents.get(page.pk)})
    groups[ConsultationState.OUTCOME].reverse()
    return [
        {
            "state": state,
            "label": ConsultationState(state).label,
            "items": groups[state],
        }
        for state in (
            ConsultationState.OPEN,
            ConsultationState.UPCOMING,
            ConsultationState.CLOSED,
            ConsultationState.OUTCOME,
        )
        if groups[state]
    ]


def unit_of_each(pages: list[Page]) -> dict[int, UnitPage | None]:
    """page id -> its unit page, in one query."""
    paths = {page.pk: page.path[: -page.steplen] for page in pages}
    units = {u.path: u for u in UnitPage.objects.filter(path__in=set(paths.values()))}
    return {pk: units.get(path) for pk, path in paths.items()}


def open_consultations(
    pages: QuerySet, limit: int = 6, within: Page | None = None
) -> list[dict]:
    """The public ones of `pages` (consultations of one locale) open now (for
    the home page), closing soonest first."""
    now = timezone.now()
    pages = list(
        public_pages(pages, within)
        .filter(opens_at__lte=now, closes_at__gt=now)
        .exclude(outcome_published=True)
        .order_by("closes_at")[:limit]
    )
    parents = unit_of_each(pages)
    return [{"page": p, "unit": parents.get(p.pk)} for p in pages]
