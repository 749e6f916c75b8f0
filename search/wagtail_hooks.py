"""Admin: editors manage search synonyms as a snippet; the API root links search."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.api.endpoints import Endpoint

from .models import Synonym


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
