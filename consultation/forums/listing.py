"""Lists of public consultations over every unit: the consultations index
(grouped by state) and the home page's open ones."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Page

from cms.core.locales import with_locales
from cms.core.visibility import LINK_FIELDS, public_pages

from .choices import ConsultationState


def consultation_listing(pages: QuerySet, within: Page | None = None) -> list[dict]:
    """The public ones of `pages` (consultations of one locale), grouped by
    state, open ones first (restrictions on `within` and above count as
    passed); one query with each page's unit, selecting only what the cards
    show (`opens_on`, `days_left`, `outcome_due_on`)."""
    model = pages.model
    pages = with_locales(
        public_pages(pages, within)
        .order_by("closes_at")
        .select_related("unit")
        .only(
            *LINK_FIELDS,
            *model.state_fields,
            "opens_on",
            "outcome_due_weeks",
            *model.unit_name_fields,
        )
    )
    now = timezone.now()
    groups = {state: [] for state in ConsultationState.values}
    for page in pages:
        groups[page.state(now)].append({"page": page, "unit": page.unit})
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


def open_consultations(
    pages: QuerySet, limit: int = 6, within: Page | None = None
) -> list[dict]:
    """The public ones of `pages` (consultations of one locale) open now (for
    the home page), closing soonest first; one query with each page's unit."""
    now = timezone.now()
    pages = list(
        public_pages(pages, within)
        .filter(opens_at__lte=now, closes_at__gt=now)
        .exclude(outcome_published=True)
        .order_by("closes_at")
        .select_related("unit")
        .only(*LINK_FIELDS, "closes_at", *pages.model.unit_name_fields)[:limit]
    )
    return [{"page": p, "unit": p.unit} for p in pages]
