"""The admin's search reports: top queries and queries without results.

Both read the `SearchTermDay` rows of the last `REPORT_DAYS` days (written by
`search_flush_stats`, see `search/stats.py`), one row per query with its
searches and searches without results summed. Opening a report flushes the
cached counts first, so it is current even where no scheduler runs the
command (`make run`, whose cache is the serving process's own memory).
Superusers only: what people search for is site-wide.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from .models import SearchTermDay
from .stats import flush

REPORT_DAYS = 30


def recent_terms() -> QuerySet:
    """Each query of the last `REPORT_DAYS` days with its summed counts."""
    since = timezone.localdate() - datetime.timedelta(days=REPORT_DAYS - 1)
    return (
        SearchTermDay.objects.filter(date__gte=since)
        .values("query")
        .annotate(total=Sum("searches"), without_results=Sum("zero_results"))
    )


def _query(row: dict) -> str:
    return row["query"]


def _total(row: dict) -> int:
    return row["total"]


def _without_results(row: dict) -> int:
    return row["without_results"]


class SearchReportView(ReportView):
    """Shared by both reports: the columns and the superuser check."""

    header_icon = "search"
    columns = [
        Column("query", label=_("Query"), accessor=_query),
        NumberColumn("total", label=_("Searches"), accessor=_total),
        NumberColumn(
            "without_results", label=_("Without results"), accessor=_without_results
        ),
    ]
    list_export = ["query", "total", "without_results"]
    export_headings = {
        "query": _("Query"),
        "total": _("Searches"),
        "without_results": _("Without results"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        flush()
        return super().dispatch(request, *args, **kwargs)

    def to_row_dict(self, item: dict) -> dict:
        """Export rows: the aggregated values as they are."""
        return {field: item[field] for field in self.list_export}


class TopSearchesView(SearchReportView):
    page_title = _("Top searches (last 30 days)")
    index_url_name = "search_report_top"
    index_results_url_name = "search_report_top_results"

    def get_queryset(self) -> QuerySet:
        return recent_terms().order_by("-total", "query")


class ZeroResultSearchesView(SearchReportView):
    page_title = _("Searches without results (last 30 days)")
    index_url_name = "search_report_zero"
    index_results_url_name = "search_report_zero_results"

    def get_queryset(self) -> QuerySet:
        return (
            recent_terms()
            .filter(without_results__gt=0)
            .order_by("-without_results", "query")
        )
