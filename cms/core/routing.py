"""Routing a public URL to its page in two SQL queries at most, whatever its depth.

Wagtail's `Page.route` walks the tree one level at a time, two queries per level
(the child by slug, then its specific row), after three more for the site and
the home page in the visitor's language: a standard at
`/id/unit/<unit>/<standard>/` cost eleven queries before anything was rendered.

`serve` finds the same page with one query for the chain of pages whose
`url_path` is a prefix of the URL (indexed, migration core 0003) and one for
the deepest page's specific row, then hands the result to Wagtail's own `serve`
through `request._wagtail_route_for_request`, which Wagtail reads: its hooks,
view-restriction checks and the page's `serve` run unchanged. When a page above
the deepest one has its own `route` (a `RoutablePageMixin` page, whose sub-URLs
win over its children), or the tree's `url_path`s disagree with the URL,
Wagtail's walk is used instead, so the result is always the one Wagtail gives.

The site, the home page per language, the pages down each URL, the deepest
page's row (pickled, so each request unpickles a copy of its own; logged-in
users get it from the database) and whether any view restriction exists are
remembered in each process, for at most `MEMO_MAX_AGE` seconds, for the current
structure generation (`cms.core.page_cache.structure_generation`), which every
publication, move, and site, locale, restriction, setting or snippet change
increments (`cms.core.signals`), so app servers that share the cache never
route by stale data. Answers, votes and comments leave it alone.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from . import language_fallback
from .memo import remembered


def site_for_request(request: HttpRequest) -> Site | None:
    """Wagtail's site for the request (`Site.find_for_request`), remembered."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        key = ("site", hostname, request.get_port())
        request._wagtail_site = remembered(request, key, lambda: _load_site(request))
    return request._wagtail_site


def _load_site(request: HttpRequest) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page  # noqa: B018 - loaded once, kept with the site
    return site


@dataclass(frozen=True)
class HomeRef:
    """Where the site's home page in one language sits in the tree."""

    pk: int
    path: str
    depth: int
    url_path: str


def localized_home(request: HttpRequest) -> HomeRef | None:
    """The site's root page in the request's language (as `root_page.localized`)."""
    site = site_for_request(request)
    if site is None:
        return None

    def load() -> HomeRef:
        home = site.root_page.localized
        return HomeRef(home.pk, home.path, home.depth, home.url_path)

    return remembered(request, ("home", site.pk, get_language()), load)


def any_view_restrictions(request: HttpRequest) -> bool:
    """Whether any page of any site is private (password, login or groups)."""
    return remembered(
        request, ("restricted",), lambda: PageViewRestriction.objects.exists()
    )


@dataclass(frozen=True)
class PageRef:
    """A page on the way down a URL: enough to choose and load its model."""

    pk: int
    content_type_id: int


def _chain(home: HomeRef, components: list[str]) -> list[PageRef] | None:
    """The home page and each page down the URL, or None when it does not add up."""
    url_paths = [
        home.url_path + "".join(f"{c}/" for c in components[:n])
        for n in range(len(components) + 1)
    ]
    rows = list(
        Page.objects.filter(url_path__in=url_paths, path__startswith=home.path)
        .filter(depth__gte=home.depth, depth__lte=home.depth + len(components))
        .order_by("depth")
        .values_list("pk", "content_type_id", "depth", "path", "url_path")
    )
    for level, (_pk, _type, depth, path, url_path) in enumerate(rows):
        if depth != home.depth + level or url_path != url_paths[level]:
            return None
        if level and not path.startswith(rows[level - 1][3]):
            return None
    return [PageRef(row[0], row[1]) for row in rows] or None


def _model_of(ref: PageRef) -> type | None:
    return ContentType.objects.get_for_id(ref.content_type_id).model_class()


def _overrides_route(model: type | None) -> bool:
    return model is None or getattr(model, "route", Page.route) is not Page.route


def _load_page(model: type, pk: int) -> Page | None:
    """The page's row, with its locale and the model's `route_select_related`."""
    related = getattr(model, "route_select_related", ())
    return (
        model._default_manager.select_related("locale", *related)
        .filter(pk=pk)
        .order_by()
        .first()
    )


def _stored_page(model: type, pk: int) -> bytes | None:
    """The page's row pickled: each request unpickles its own copy, so no
    request sees what another one cached on its page object."""
    page = _load_page(model, pk)
    return None if page is None else pickle.dumps(page, pickle.HIGHEST_PROTOCOL)


def _page_for(request: HttpRequest, model: type, pk: int) -> Page | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return _load_page(model, pk)  # editors see the database itself
    stored = remembered(request, ("page", pk), lambda: _stored_page(model, pk))
    return None if stored is None else pickle.loads(stored)  # noqa: S301 - own bytes


def fast_route(request: HttpRequest, path: str) -> Any:
    """Wagtail's route result for `path` (a `RouteResult`), or None to let
    Wagtail walk the tree itself. Raises Http404 like `Page.route`.

    The chain of pages down the URL and the deepest page's row are remembered
    for the generation; each request gets its own copy of the page.
    """
    home = localized_home(request)
    if home is None:
        return None
    components = [c for c in path.split("/") if c]
    chain = remembered(
        request, ("chain", home.pk, *components), lambda: _chain(home, components)
    )
    if chain is None:
        return None
    models = [_model_of(ref) for ref in chain]
    if any(_overrides_route(model) for model in models[:-1]) or models[-1] is None:
        return None
    page = _page_for(request, models[-1], chain[-1].pk)
    if page is None:
        return None
    if not any_view_restrictions(request):
        # Wagtail's view-restriction hook asks the page (two queries); with no
        # restriction anywhere the answer is known. The hook only iterates, and
        # an empty tuple costs nothing where an empty queryset is compiled.
        page.get_view_restrictions = tuple
    return page.route(request, components[len(chain) - 1 :])


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's `serve` view, with the page found by `fast_route`."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site_for_request(request)
        try:
            result = fast_route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
        else:
            if result is not None:
                request._wagtail_route_for_request = result
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        response = language_fallback.serve_untranslated(request, path)
        if response is None:
            raise
        return response
