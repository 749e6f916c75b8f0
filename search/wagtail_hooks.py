"""Admin: editors manage search synonyms as a snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


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


register_snippet(SynonymViewSet)
