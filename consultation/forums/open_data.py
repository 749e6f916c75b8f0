"""Open data of public consultations: every published consultation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.core.api.base import published
from cms.core.labels import choice_label
from cms.core.open_data import (
    ROW_FIELDS,
    Dataset,
    PageRows,
    iso,
    last_visibility_change,
    latest,
    page_columns,
)

from .choices import Audience, ConsultationState
from .models import ConsultationPage

CONSULTATION_COLUMNS = page_columns(
    "state",
    "state_label",
    "audience",
    "audience_label",
    "opens_at",
    "closes_at",
    "outcome_published",
    "outcome_published_on",
    "outcome_url",
    "results_url",
)


def code_labels(page: ConsultationPage, state: str) -> dict[str, str]:
    """The label beside each code column, in the page's language."""
    with translation.override(page.locale.language_code):
        return {
            "state_label": choice_label(ConsultationState, state),
            "audience_label": choice_label(Audience, page.audience),
        }


def consultation_rows(request) -> Iterator[dict[str, Any]]:
    helper = PageRows(request)
    now = timezone.now()
    queryset = (
        published(ConsultationPage.objects.all())
        .select_related("locale")
        .only(
            *ROW_FIELDS,
            "audience",
            "opens_at",
            "closes_at",
            "outcome_published",
            "outcome_published_on",
        )
        .order_by("locale__language_code", "-closes_at", "pk")
    )
    for page in helper.pages(queryset):
        url = helper.url(page)
        yield helper.row(page, consultation_cells(page, now, url), url)


def consultation_cells(page: ConsultationPage, now, url: str) -> dict[str, Any]:
    """A consultation's own columns at `now`; `url` is its public page."""
    return {
        "state": str(page.state(now)),
        "audience": page.audience,
        **code_labels(page, page.state(now)),
        "opens_at": iso(page.opens_at),
        "closes_at": iso(page.closes_at),
        "outcome_published": "yes" if page.outcome_published else "no",
        "outcome_published_on": iso(page.outcome_published_on)
        if page.outcome_published
        else "",
        "outcome_url": url if page.outcome_published else "",
        "results_url": f"{url}results/" if url else "",
    }


def consultations_last_modified() -> datetime | None:
    """The latest publication, opening or closing (states change with time),
    or change of a page's visibility (`last_visibility_change`)."""
    now = timezone.now()
    pages = published(ConsultationPage.objects.all())
    stamps = pages.aggregate(
        published=Max("last_published_at"),
        opened=Max("opens_at", filter=Q(opens_at__lte=now)),
        closed=Max("closes_at", filter=Q(closes_at__lte=now)),
    )
    return latest([*stamps.values(), last_visibility_change()])


DATASETS = [
    Dataset(
        name="consultations",
        title=_("Public consultations"),
        description=_(
            "Every published consultation with its state, dates and links to "
            "its results and outcome."
        ),
        columns=CONSULTATION_COLUMNS,
        rows=consultation_rows,
        last_modified=consultations_last_modified,
        column_labels={
            "state": _("State"),
            "state_label": _("State (label)"),
            "audience": _("Who is consulted"),
            "audience_label": _("Who is consulted (label)"),
            "opens_at": _("Opens"),
            "closes_at": _("Closes"),
            "outcome_published": _("Outcome published"),
            "outcome_published_on": _("Outcome published on"),
            "outcome_url": _("Outcome page"),
            "results_url": _("Results page"),
        },
    ),
]
