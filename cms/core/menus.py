"""The site chrome's data: main menu, language links and the footer's contact.

Every public page shows them, so they are built once per process, language and
tree generation (`cms.core.memo.remembered_fragment`) instead of costing SQL queries on
each page rendered; what depends on the request (the current page and
language) is added per request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from .locales import locale_by_id, remembered_localized
from .memo import remembered_fragment
from .models import SiteContact
from .tracking_parameters import address_query
from .visibility import LINK_FIELDS, is_public, public_pages


def _site_key(request: HttpRequest) -> int | None:
    site = Site.find_for_request(request)
    return site.pk if site else None


def main_menu(request: HttpRequest) -> list[dict]:
    """The home page's children shown in menus, in the request's language.

    `current` is the item's `aria-current`: "page" on the page itself, "true"
    on a page below it (a standard under "Service units"): a screen reader
    announces "current page" only where the reader is."""
    items = remembered_fragment(
        ("menu", _site_key(request), get_language()),
        lambda: _menu_items(request),
    )
    return [
        dict(item, current=menu_current(request.path, item["url"])) for item in items
    ]


def menu_current(path: str, url: str | None) -> str | None:
    """The `aria-current` of a menu link to `url` on the page at `path`."""
    if not url or not path.startswith(url):
        return None
    return "page" if path == url else "true"


def _menu_items(request: HttpRequest) -> list[dict]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    home = remembered_localized(site.root_page)
    children = home.get_children().in_menu().only(*LINK_FIELDS)
    return [
        {"title": page.title, "url": page.get_url(request)}
        for page in public_pages(children, home)
    ]


def language_links(
    request: HttpRequest,
    page: Page | None,
    not_found: bool = False,
    query: str | None = None,
) -> list[dict]:
    """One entry per site language: its name, the URL of this content in it
    (None when a page has no translation in that language; the home page when
    nothing was found, as the same address in another language is not found
    either) and whether it is the current one.

    A view that is not a page keeps its query string (but for tracking
    parameters: `cms.core.tracking_parameters`), or `query` when it gives
    one (the search page leaves out the filters whose values are words of the
    reader's language). The current language's entry is the page's canonical
    address."""
    current = get_language()
    if not_found:
        urls = {code: f"/{code}/" for code, _ in settings.LANGUAGES}
    elif isinstance(page, Page):
        urls = remembered_fragment(
            ("translations", _site_key(request), page.pk),
            lambda: _translation_urls(request, page),
        )
        suffix = subpage_suffix(request, page)
        urls = {code: url + suffix if url else url for code, url in urls.items()}
    else:
        if query is None:
            query = address_query(request.META.get("QUERY_STRING", ""))
        full_path = request.path + (f"?{query}" if query else "")
        urls = {code: translate_url(full_path, code) for code, _ in settings.LANGUAGES}
    return [
        {"code": code, "name": name, "url": urls.get(code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


def without_language(path: str) -> str:
    """`path` without its leading language prefix (`/en/a/` -> `a/`)."""
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path.removeprefix(f"/{code}/")
    return path.lstrip("/")


def subpage_suffix(request: HttpRequest, page: Page) -> str:
    """What the request adds to the page's own address: a routable page's view
    (`history/`, `checklist/`, `compare/?from=1&to=2`) and a listing's filters
    (`?category=paspor`), so that switching the language keeps the reader on
    the same view of the same things (a campaign's tracking parameters are
    left out, as are a filter form's empty fields)."""
    own = without_language(urlsplit(page.get_url(request) or "").path)
    path = without_language(request.path)
    answers = f"answers/{page.pk}/"  # a form's answer address, `consultation.answers`
    if path.startswith(answers):
        path = own + path.removeprefix(answers)
    if not path.startswith(own):
        return ""
    query = address_query(request.META.get("QUERY_STRING", ""))
    return path.removeprefix(own) + (f"?{query}" if query else "")


def _translation_urls(request: HttpRequest, page: Page) -> dict[str, str | None]:
    # The plain rows of `page.get_translations(inclusive=True)`: a URL needs
    # no field of the page type, and no order.
    translations = (
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .only("url_path", "locale")
        .order_by()
    )
    return {
        locale_by_id(t.locale_id).language_code: t.get_url(request)
        for t in translations
    }


def site_contact(request: HttpRequest) -> dict:
    """The footer's contact details and privacy notice, in the request's language."""
    return remembered_fragment(
        ("contact", _site_key(request), get_language()),
        lambda: _contact(request),
    )


def organisation_name(contact: SiteContact) -> dict:
    """The organisation's name in the reader's language when the settings hold
    it (`organisation`), else the Indonesian name with its `organisation_lang`."""
    if get_language() == "en" and contact.organisation_english:
        return {"organisation": contact.organisation_english, "organisation_lang": ""}
    language = "" if get_language() == "id" else "id"
    return {"organisation": contact.organisation, "organisation_lang": language}


def _contact(request: HttpRequest) -> dict:
    # The one row by a slice: Wagtail's `load()` reads it with `first()`, whose
    # ORDER BY Django compiles on every page from scratch (0.85 -> 0.65 ms).
    contact = next(iter(SiteContact.base_queryset()[:1]), None) or SiteContact.load()
    return {
        **organisation_name(contact),
        "address": contact.address,
        "phone": contact.phone,
        "email": contact.email,
        "complaint_url": contact.complaint_url,
        "complaints_page": footer_link(request, contact.complaints_page),
        "privacy_notice": footer_link(request, contact.privacy_notice),
    }


def footer_link(request: HttpRequest, page: Page | None) -> dict | None:
    """A page the footer links, in the reader's language when translated, with
    the `lang` of its title when it is not (None when the page is not chosen,
    not live or behind a view restriction)."""
    if page is None or not is_public(page):
        return None
    shown = remembered_localized(page)
    language = locale_by_id(shown.locale_id).language_code
    return {
        "title": shown.title,
        "url": shown.get_url(request),
        "lang": "" if language == get_language() else language,
    }
