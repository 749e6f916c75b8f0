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
from dataclasses import dataclass

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


@dataclass(frozen=True)
class LiveAddresses:
    """The live pages of a language by address without the language
    ("unit/x/paspor-baru/": page id) and, by the address of their parent
    ("unit/x"), by their last part ("paspor-baru": page id)."""

    by_address: dict[str, int]
    by_parent: dict[str, dict[str, int]]


def live_addresses(language: str) -> LiveAddresses:
    """The live pages in `language` by address (one query)."""
    rows = Page.objects.live().filter(locale__language_code=language, depth__gt=2)
    by_address: dict[str, int] = {}
    by_parent: dict[str, dict[str, int]] = {}
    for pk, url_path in rows.values_list("pk", "url_path"):
        address = url_path.split("/", 2)[2]
        by_address[address] = pk
        parent, _slash, last = address.rstrip("/").rpartition("/")
        by_parent.setdefault(parent, {})[last] = pk
    return LiveAddresses(by_address, by_parent)


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
    siblings = addresses.by_parent.get(parent, {})
    close = difflib.get_close_matches(last, siblings, n=1, cutoff=SIBLING_CUTOFF)
    if close:
        found = siblings[close[0]]
    else:
        close = difflib.get_close_matches(
            asked + "/", addresses.by_address, n=1, cutoff=ADDRESS_CUTOFF
        )
        if not close:
            return None
        found = addresses.by_address[close[0]]
    return public_pages(Page.objects.filter(pk=found)).specific().first()
