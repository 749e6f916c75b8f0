"""Whole-page cache of standard pages for anonymous readers.

A citizen without cookies (no session, no messages, no editor's userbar) gets
the same HTML as every other such citizen, so the rendered page is kept in the
cache. The key names the live revision of the standard, of its unit and of the
unit's pledge, so publishing any of them shows at once, and the site-wide
page-cache generation, so a change to the chrome around it (menus, footer,
settings) shows at once too.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from wagtail.models import Page

from cms.core.page_cache import generation as site_generation

FULL_PAGE_SECONDS = 5 * 60
KEY_PREFIX = "standards:page"


def is_cacheable(request: HttpRequest) -> bool:
    """Only plain anonymous GETs of the page itself (no query, no cookies)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not request.COOKIES
        and not getattr(request, "is_preview", False)
    )


def _stamp(pk, live_revision_id, last_published_at) -> str:
    published = last_published_at.timestamp() if last_published_at else ""
    return f"{pk}.{live_revision_id}.{published}"


def freshness(page: Page, pledge_model: type[Page]) -> str | None:
    """Publication stamps of the unit and of its pledge (a `pledge_model`
    page), in one query.

    None when the unit has no pledge of its own: the page then shows a
    pledge of another language version and is not cached.
    """
    unit_path = page.path[: -Page.steplen]
    pledge_type = ContentType.objects.get_for_model(pledge_model)
    rows = {
        row[0]: row[1:]
        for row in Page.objects.filter(
            Q(path=unit_path)
            | Q(
                path__startswith=unit_path,
                depth=page.depth,
                live=True,
                content_type=pledge_type,
            )
        ).values_list("path", "pk", "live_revision_id", "last_published_at")
    }
    unit = rows.pop(unit_path, None)
    if unit is None or not rows:
        return None
    pledge = next(iter(rows.values()))
    return f"{_stamp(*unit)}:{_stamp(*pledge)}"


def page_key(request: HttpRequest, page, stamps: str) -> str:
    return ":".join(
        [
            KEY_PREFIX,
            str(site_generation()),
            request.get_host(),
            get_language() or "",
            _stamp(page.pk, page.live_revision_id, page.last_published_at),
            stamps,
        ]
    )


def cached_response(key: str) -> HttpResponse | None:
    content = cache.get(key)
    if content is None:
        return None
    return HttpResponse(content, content_type="text/html; charset=utf-8")


def store(key: str, response) -> None:
    """Keep a successful rendered response's HTML."""
    if response.status_code != 200 or response.has_header("Set-Cookie"):
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    cache.set(key, response.content, FULL_PAGE_SECONDS)
