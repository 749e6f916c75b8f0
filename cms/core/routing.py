"""Routing a public URL to its page in two SQL queries, whatever its depth.

Wagtail's `Page.route` walks the tree one level at a time, two queries per level
(the child by slug, then its specific row): a standard at
`/id/unit/<unit>/<standard>/` cost seven queries before anything was rendered.
`HomePage.route`, the documented point where a page type routes the URLs below
it (as `RoutablePageMixin` does), calls `route_below` instead: one query for
the chain of pages whose `url_path` is a prefix of the URL (indexed, migration
core 0003; its ids and types are remembered until the tree changes,
`cms.core.memo`) and one for the deepest page's specific row, which then routes
the rest of the URL itself. Wagtail's `serve` view, its hooks (view restrictions
included) and the page's `serve` run unchanged.

When a page above the deepest one has its own `route` (a `RoutablePageMixin`
page, whose sub-URLs win over its children), routing continues from that page;
when the tree's `url_path`s disagree with the URL, Wagtail's own walk is used,
so the result is always the one Wagtail gives (`cms/core/tests/test_routing.py`
compares every demo URL with Wagtail's walk). A URL missing in the reader's
language may still lead to a page of the default language
(`cms.core.language_fallback`).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from . import language_fallback
from .locales import with_locale
from .memo import remembered
from .queries import first_row


def _url_paths(home: Page, components: list[str]) -> list[str]:
    return [
        home.url_path + "".join(f"{c}/" for c in components[:n])
        for n in range(len(components) + 1)
    ]


def pages_down(home: Page, components: list[str]) -> list[tuple[int, int]] | None:
    """(pk, content type id) of the home page and of each page down the URL
    that exists, or None when the tree's `url_path`s do not add up."""
    url_paths = _url_paths(home, components)
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
    return [(row[0], row[1]) for row in rows] or None


def _overrides_route(model: type | None) -> bool:
    return model is None or getattr(model, "route", Page.route) is not Page.route


def _load_page(model: type, pk: int) -> Page | None:
    """The page's row, with the model's `route_select_related` and its locale.

    The locale is the process's remembered row (`cms.core.locales.with_locale`):
    joining the two-column table cost a quarter of this query's time (0.55 of
    2.0 ms for a standard)."""
    related = getattr(model, "route_select_related", ())
    return with_locale(
        first_row(model._default_manager.select_related(*related).filter(pk=pk))
    )


def _route_fast(home: Page, request: HttpRequest, components: list[str]):
    chain = remembered(
        ("pages-down", home.pk, *components),
        lambda: pages_down(home, components),
    )
    if chain is None:
        return Page.route(home, request, components)
    models = [
        ContentType.objects.get_for_id(type_id).model_class() for _, type_id in chain
    ]
    # The first page below home that routes by itself, or the deepest one.
    level = next(
        (n for n in range(1, len(chain)) if _overrides_route(models[n])),
        len(chain) - 1,
    )
    if level == 0:
        return Page.route(home, request, components)
    page = _load_page(models[level], chain[level][0]) if models[level] else None
    if page is None:
        return Page.route(home, request, components)
    return page.route(request, components[level:])


def route_below(home: Page, request: HttpRequest, components: list[str]) -> RouteResult:
    """Wagtail's route result for `components` below `home` (raises Http404
    like `Page.route`), falling back to the default language's page."""
    try:
        return _route_fast(home, request, components)
    except Http404:
        found = language_fallback.route_in_source(home, request, components)
        if found is None:
            raise
        return found
