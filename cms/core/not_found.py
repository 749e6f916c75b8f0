"""The not-found page's suggestion: the published page whose address is
closest to the one asked ("…/paspor-baruu/" -> "…/paspor-baru/").

A reader who mistypes an address, or follows an old or cut link, is offered
the page they most likely meant, in their language, before a search of the
address's words. The addresses of the language's live pages are remembered
in the process until the page tree changes (`cms.core.memo`), so a 404 costs
a comparison, not a query over every page; the page found is then checked
to be public.
"""

from __future__ import annotations

import difflib

from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page

from .memo import remembered
from .menus import without_language
from .visibility import public_pages

# How alike a last part must be among the pages at the same place, and a
# whole address anywhere (difflib's ratio, 0 to 1).
SIBLING_CUTOFF = 0.75
ADDRESS_CUTOFF = 0.9


def live_addresses(language: str) -> dict[str, int]:
    """{address without the language ("unit/x/paspor-baru/"): page id} of the
    live pages in `language` (one query)."""
    rows = Page.objects.live().filter(locale__language_code=language, depth__gt=2)
    return {
        url_path.split("/", 2)[2]: pk
        for pk, url_path in rows.values_list("pk", "url_path")
    }


def nearest_page(request: HttpRequest) -> Page | None:
    """The public page whose address is closest to the one asked, if close."""
    asked = without_language(request.path).strip("/")
    if not asked:
        return None
    language = get_language() or ""
    addresses = remembered(
        ("not-found-addresses", language), lambda: live_addresses(language)
    )
    parent, _slash, last = asked.rpartition("/")
    siblings = {
        address.rstrip("/").rpartition("/")[2]: pk
        for address, pk in addresses.items()
        if address.rstrip("/").rpartition("/")[0] == parent
    }
    close = difflib.get_close_matches(last, siblings, n=1, cutoff=SIBLING_CUTOFF)
    if close:
        found = siblings[close[0]]
    else:
        close = difflib.get_close_matches(
            asked + "/", addresses, n=1, cutoff=ADDRESS_CUTOFF
        )
        if not close:
            return None
        found = addresses[close[0]]
    return public_pages(Page.objects.filter(pk=found)).specific().first()
