"""Pages not yet translated stay reachable in every site language.

A unit often publishes a standard in Bahasa Indonesia first. An English reader
who follows `/en/unit/kbri-singapura/visa-kunjungan/` must not meet a 404: the
deepest page of the URL that exists in English leads, through its source
translation, to the Indonesian tree, where Wagtail's own `route()` finds the
rest of the URL. If the page found has an English translation after all (its
slug differs), the reader is redirected to it; otherwise the Indonesian page is
served under the English URL, through Wagtail's `on_serve_page` and
`before_serve_page` hooks (view restrictions included), with an English notice
(`templates/base.html`).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Locale, Page, Site
from wagtail.views import serve_chain


def deepest_existing(home: Page, components: list[str]) -> tuple[Page, int]:
    """The deepest page of `components` below `home` and how many it consumed."""
    page, consumed = home, 0
    for slug in components:
        child = page.get_children().filter(slug=slug).first()
        if child is None:
            break
        page, consumed = child, consumed + 1
    return page, consumed


def route_in_source(request: HttpRequest, path: str) -> tuple | None:
    """Wagtail's route result for `path` in the default language's tree, when the
    reader's language lacks the page, with the URL's components below the page
    found (a `RoutablePageMixin` sub-URL); None when it exists or nothing matches."""
    site = Site.find_for_request(request)
    default = Locale.get_default()
    if site is None or get_language() == default.language_code:
        return None
    home = site.root_page.localized
    if home.locale_id == default.pk:
        return None
    components = [c for c in path.split("/") if c]
    found, consumed = deepest_existing(home, components)
    if consumed == len(components):
        return None
    source = found.get_translation_or_none(default)
    if source is None:
        return None
    rest = components[consumed:]
    try:
        result = source.specific.route(request, rest)
    except Http404:
        return None
    return result, rest[result.page.depth - source.depth :]


def serve_untranslated(request: HttpRequest, path: str) -> HttpResponse | None:
    """The response for a page missing in the reader's language, or None (404)."""
    found = route_in_source(request, path)
    if found is None:
        return None
    (page, args, kwargs), tail = found
    translation = page.get_translation_or_none(Locale.get_active())
    if translation is not None and translation.live:
        return HttpResponseRedirect(translation.url + "".join(f"{c}/" for c in tail))
    return serve_like_wagtail(page, request, args, kwargs)


def serve_like_wagtail(page: Page, request: HttpRequest, args, kwargs) -> HttpResponse:
    """Serve `page` through the hooks of Wagtail's `serve` view: `on_serve_page`
    (view restrictions) and `before_serve_page`, in Wagtail's order."""
    chain = serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        response = hook(page, request, args, kwargs)
        if isinstance(response, HttpResponse):
            return response
    return chain(page, request, args, kwargs)
