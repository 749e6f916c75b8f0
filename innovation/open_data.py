"""Open data: every published KIPP innovation entry with its stage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from cms.core.api.base import published
from cms.core.open_data import (
    ROW_FIELDS,
    Dataset,
    PageRows,
    display_labels,
    last_published,
    latest,
    page_columns,
    stored_cells,
)

from . import kipp
from .models import InnovationEntryPage, StageChange

PUBLIC_FIELDS = InnovationEntryPage.public_fields
COLUMNS = page_columns(*PUBLIC_FIELDS, "group_label", "stage_label")


def innovation_rows(request) -> Iterator[dict[str, Any]]:
    helper = PageRows(request)
    queryset = (
        published(InnovationEntryPage.objects.all())
        .exclude(stage=kipp.DRAFT)
        .select_related("locale")
        .only(*ROW_FIELDS, *PUBLIC_FIELDS)
        .order_by("locale__language_code", "-competition_year", "title", "pk")
    )
    for page in helper.pages(queryset):
        yield helper.row(
            page,
            {
                **stored_cells(page, PUBLIC_FIELDS),
                **display_labels(page, ["group", "stage"]),
            },
        )


def innovations_last_modified():
    """The latest publication or stage move of an entry."""
    moved = StageChange.objects.aggregate(t=Max("changed_at"))["t"]
    return latest([moved, last_published(InnovationEntryPage.objects.all())()])


DATASETS = [
    Dataset(
        name="innovations",
        title=_("Innovation entries (KIPP)"),
        description=_(
            "Every published innovation entry that reached the competition, with "
            "its unit, year, group and stage."
        ),
        columns=COLUMNS,
        rows=innovation_rows,
        last_modified=innovations_last_modified,
        column_labels={
            "competition_year": _("Competition year"),
            "group": _("Group"),
            "group_label": _("Group (label)"),
            "stage": _("Stage"),
            "stage_label": _("Stage (label)"),
            "implementation_start": _("Implemented since"),
        },
    )
]
