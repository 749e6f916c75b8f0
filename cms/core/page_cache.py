"""Site-wide cache of public pages for anonymous visitors.

An anonymous GET of a public page (under `/id/` or `/en/`, no query string, no
cookies except the CSRF and language ones) is answered from Django's cache
(local memory by default, Redis with `CACHE_URL`, so every app server shares
it). A response is stored only when it is the same for every such visitor:
status 200, no cookie set, no CSRF token rendered (pages with a form), no
session or message written, no CSP nonce, no `Vary: Cookie`, and no
`Cache-Control: private/no-cache/no-store` from the view.

Invalidation is by one site-wide generation number: every stored page records
the generation it was rendered under, and any change that can show on a public
page (a page published, unpublished, moved, deleted or saved live; a snippet,
setting, image, document or site saved or deleted; an answer, vote or comment
accepted, see `cms.core.signals`) increments it, so the next request renders
afresh. Tracking exactly which pages show what (menus, listings, counts,
results) is hard to get right; a site-wide generation is simple and always
correct, at the price of re-rendering every page after each change. Changes
that bypass model signals (queryset `update()`, time passing: a consultation
opening at its start date) show after at most `PAGE_CACHE_SECONDS`.

The generation is incremented at once and again when the transaction commits,
so a request that rendered the old content while the change was in flight
cannot keep it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from . import shared_state

GENERATION_KEY = "pagecache:generation"
STRUCTURE_KEY = "pagecache:structure"
KEY_PREFIX = "pagecache:page"
# Cookies that do not change what an anonymous visitor sees.
NEUTRAL_COOKIES = {"csrftoken", "django_language"}
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
# Response attributes read by outer middleware (django-csp, clickjacking).
KEPT_ATTRIBUTES = ("xframe_options_exempt",)
# Response headers that are not part of the page itself.
DROPPED_HEADERS = {"set-cookie", "date", "cache-control", "etag", "vary"}


def timeout() -> int:
    """Seconds a page stays cached; 0 turns the cache off."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def _public_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def is_public_path(path: str) -> bool:
    return path.startswith(_public_prefixes())


def _neutral_cookies() -> set[str]:
    return NEUTRAL_COOKIES | {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def request_is_cacheable(request: HttpRequest) -> bool:
    """An anonymous GET/HEAD of a public page without a query string."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and is_public_path(request.path)
        and set(request.COOKIES) <= _neutral_cookies()
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _varies_by_visitor(response: HttpResponse) -> bool:
    vary = response.get("Vary", "").lower()
    return "cookie" in vary or "*" in vary or "authorization" in vary


def _private(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "").lower()
    return any(
        word in control for word in ("private", "no-cache", "no-store", "max-age=0")
    )


def response_is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    """The response is the same for every anonymous visitor of this URL."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "added_new", False))
        and not isinstance(getattr(request, "_csp_nonce", None), str)
        and not _varies_by_visitor(response)
        and not _private(response)
    )


def generation() -> int:
    """The current site-wide generation (created on first use)."""
    return shared_state.read_counter(GENERATION_KEY)


def structure_generation() -> int:
    """The generation of the site's structure: pages, sites, locales, view
    restrictions, settings and snippets, but not answers, votes or comments.

    What is remembered from the structure (routes, menus, the footer;
    `cms.core.routing.remembered`) follows this counter, so a flood of answers
    during a consultation does not make every request look it up again.
    """
    return shared_state.read_counter(STRUCTURE_KEY)


def _increment(structure: bool) -> None:
    shared_state.bump_counter(GENERATION_KEY)
    if structure:
        shared_state.bump_counter(STRUCTURE_KEY)


def invalidate(structure: bool = True) -> None:
    """Make every cached page stale: now, and again when the transaction commits.

    `structure=False` for changes that only show inside pages (an answer, a
    vote, a comment): the structure generation stays.
    """
    _increment(structure)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _increment(structure))


def invalidate_structure() -> None:
    """Move only the structure generation, now and at commit.

    For a draft saved or a page locked: what visitors see is unchanged (the
    cached pages stay), but the page rows remembered for routing carry the
    draft's bookkeeping fields (`cms.core.routing`), so they are read again.
    """
    shared_state.bump_counter(STRUCTURE_KEY)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: shared_state.bump_counter(STRUCTURE_KEY))


def page_key(request: HttpRequest) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"{KEY_PREFIX}:{get_language() or ''}:{digest}"


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _from_entry(request: HttpRequest, entry: dict) -> HttpResponse:
    etag = entry["etag"]
    if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        for name, value in entry["attributes"].items():
            setattr(response, name, value)
    response["ETag"] = etag
    response["X-Page-Cache"] = "hit"
    patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
    return response


def _entry_and_generation(key: str) -> tuple[dict | None, int | None]:
    """The stored entry and the current generation: one round trip to Redis."""
    if shared_state.shared_directory() is not None:
        return cache.get(key), generation()
    found = cache.get_many([GENERATION_KEY, key])
    return found.get(key), found.get(GENERATION_KEY)


def lookup(request: HttpRequest) -> HttpResponse | None:
    """The cached response of this request, if one of this generation is stored."""
    entry, current = _entry_and_generation(page_key(request))
    if entry is None or current is None or entry["generation"] != current:
        return None
    return _from_entry(request, entry)


def store(request: HttpRequest, response: HttpResponse, current: int) -> None:
    """Keep the response under the generation it was rendered in."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = response.content
    entry = {
        "generation": current,
        "content": content,
        "etag": _etag(content),
        "headers": {
            name: value
            for name, value in response.items()
            if name.lower() not in DROPPED_HEADERS
        },
        "attributes": {
            name: value
            for name, value in vars(response).items()
            if name.startswith("_csp") or name in KEPT_ATTRIBUTES
        },
    }
    cache.set(page_key(request), entry, timeout())
    response["ETag"] = entry["etag"]
    response["X-Page-Cache"] = "miss"


class PageCacheMiddleware:
    """Serve and store anonymous public pages (see the module docstring).

    Sits after the session, CSRF, message and security-header middleware, so
    those still run on every cached response (headers are always current) and
    a hit costs no database query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (timeout() and request_is_cacheable(request)):
            return self.mark_private(request, self.get_response(request))
        cached = lookup(request)
        if cached is not None:
            return cached
        current = generation()
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            store(request, response, current)
            patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
            return response
        return self.mark_private(request, response)

    @staticmethod
    def mark_private(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Keep shared proxies from storing a page meant for one visitor."""
        if is_public_path(request.path) and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response
