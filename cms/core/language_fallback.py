"""Pages not yet translated stay reachable in every site language.

A unit often publishes a standard in Bahasa Indonesia first. An English reader
who follows `/en/unit/kbri-singapura/visa-kunjungan/` must not meet a 404: the
deepest page of the URL that exists in English leads, through its source
translation, to the Indonesian tree, where Wagtail's own `route()` finds the
rest of the URL. If the page found has an English translation after all (its
slug differs), the reader is redirected to it; otherwise the Indonesian page is
served under the English URL by Wagtail's own `serve` view (the home page's
`route` returns it: `cms.core.routing`), view restrictions included, with an
English notice (`templates/base.html`).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from .locales import default_locale


def deepest_existing(home: Page, components: list[str]) -> tuple[Page, int]:
    """The deepest live page of `components` below `home` and how many it
    consumed. An unpublished translation counts as missing: a translation
    left unpublished when its source was unpublished and published again
    made every English link to the page a 404."""
    page, consumed = home, 0
    for slug in components:
        child = page.get_children().live().filter(slug=slug).first()
        if child is None:
            break
        page, consumed = child, consumed + 1
    return page, consumed


def route_in_source(
    home: Page, request: HttpRequest, components: list[str]
) -> RouteResult | None:
    """Wagtail's route result for `components` in the default language's tree,
    when the reader's language lacks the page; None when nothing matches.

    If the page found has a live translation in the reader's language after
    all (under another slug), `request.translation_redirect` names its URL and
    `redirect_to_translation` (a `before_serve_page` hook) sends the reader there.
    """
    default = default_locale()
    if home.locale_id == default.pk:
        return None
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
    translation = result.page.get_translation_or_none(home.locale)
    if translation is not None and translation.live:
        tail = rest[result.page.depth - source.depth :]
        request.translation_redirect = translation.url + "".join(f"{c}/" for c in tail)
    return result


def redirect_to_translation(
    page: Page, request: HttpRequest, args, kwargs
) -> HttpResponse | None:
    """The redirect that `route_in_source` asked for, if any."""
    url = getattr(request, "translation_redirect", None)
    return HttpResponseRedirect(url) if url else None
