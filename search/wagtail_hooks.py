"""Admin: search synonyms (a snippet), the search reports and the API root's links.

Best bets are Wagtail's own "Promoted search results" (`search/promotions.py`);
its "Search terms" report (page hits Wagtail counts with a database write per
search, which this site does not make) is replaced by the project's reports.
"""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.api.endpoints import Endpoint

from .models import Synonym
from .reports import TopSearchesView, ZeroResultSearchesView


class ChooserCreationNotOffered(SnippetCreateView):
    """The chooser offers no "create" tab (no creation form): its create URL,
    which Wagtail registers anyway, answers 404 instead of a 500 to a POST."""

    def post(self, request):
        raise Http404


class SynonymChooserViewSet(SnippetChooserViewSet):
    create_view_class = ChooserCreationNotOffered


class SynonymViewSet(SnippetViewSet):
    """Search synonyms: one equivalence list per row ("WNI, warga negara Indonesia")."""

    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "search-synonyms"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["terms"]
    search_fields = None
    ordering = ["terms"]
    chooser_viewset_class = SynonymChooserViewSet


register_snippet(SynonymViewSet)


@hooks.register("terpadu_api_endpoints")
def api_endpoints() -> list[Endpoint]:
    """`/api/search/` and `/api/search/suggest/` in the API root."""
    return [
        Endpoint("search", "search_api", "Full-text search of every kind of content."),
        Endpoint("search_suggest", "search_suggest", "Search suggestions as you type."),
    ]


@hooks.register("register_admin_urls")
def report_urls() -> list:
    return [
        path("reports/searches/", TopSearchesView.as_view(), name="search_report_top"),
        path(
            "reports/searches/results/",
            TopSearchesView.as_view(results_only=True),
            name="search_report_top_results",
        ),
        path(
            "reports/searches-without-results/",
            ZeroResultSearchesView.as_view(),
            name="search_report_zero",
        ),
        path(
            "reports/searches-without-results/results/",
            ZeroResultSearchesView.as_view(results_only=True),
            name="search_report_zero_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def top_searches_menu_item() -> AdminOnlyMenuItem:
    return AdminOnlyMenuItem(
        _("Top searches"),
        reverse("search_report_top"),
        name="top-searches",
        icon_name="search",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def zero_result_searches_menu_item() -> AdminOnlyMenuItem:
    return AdminOnlyMenuItem(
        _("Searches without results"),
        reverse("search_report_zero"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms(request, menu_items: list) -> None:
    """Wagtail's "Search terms" report stays empty here: the project's own
    reports count searches (`search/stats.py`)."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
