"""The cache of public pages for anonymous visitors, made stale by what each page shows.

An anonymous GET of a public page (under `/id/` or `/en/`, no query string but
campaign and click-tracking parameters (`cms.core.tracking_parameters`), no
cookies except the CSRF and language ones) is answered from Django's cache
(local memory by default, Redis with `CACHE_URL`, so every app server shares
it). A response is stored only when it is the same for every such visitor:
status 200, no cookie set, no CSRF token rendered (pages with a form), no
session or message written, no CSP nonce, no `Vary: *` or `Authorization`, and no
`Cache-Control: private/no-cache/no-store` from the view.

Each stored page records two versions, read before it was rendered:

- the version of the Wagtail page that served it (`page_version_key`), moved
  when that page, one of its translations, or a page it lists or links is
  published, unpublished, moved or deleted (`cms.core.invalidation` says which
  pages show which);
- the site-wide chrome version (`CHROME_KEY`), moved by the rare changes that
  show on every page: settings, snippets, sites, locales, view restrictions,
  images, documents, and pages of the main menu.

A response is served while both still hold. Answers, votes and comments move
neither: a page whose rendering read their tables (results, polls, a unit's
index, a consultation's response count: `LiveTableWatcher` sees the queries)
is kept at most `LIVE_FIGURES_SECONDS`, and says so to shared caches with
`s-maxage`; such pages print the time of their figures
(`templates/includes/figures_as_of.html`). A view may also ask for less with
its own `Cache-Control: s-maxage=<n>`. Time passing (a consultation opening at
its start date) shows after at most `PAGE_CACHE_SECONDS`.

The same `Cache-Control: public, s-maxage=…` lets a reverse proxy or CDN in
front keep the page; `wagtail.contrib.frontend_cache` purges its copies on
publication (`cms.core.invalidation`, README "Serving behind a cache").

The middleware sits right after the security, static-file and CORS middleware
(`settings.MIDDLEWARE`): a hit skips the session, locale, CSRF, message and
policy middleware. What they add to a response the cache may keep is the same
for every visitor (the language of the URL, `X-Frame-Options`, a
Content-Security-Policy without nonce), so it is stored with the page. The
entries' keys carry a fingerprint of the settings that shape those headers
(`HEADER_SETTINGS`), so a deployment that changes them starts from fresh pages.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from . import generations
from .tracking_parameters import content_query

CHROME_KEY = "pagecache:chrome"
# What processes remember from the page tree (menus, a unit's pledge, a form's
# questions: `cms.core.memo`): moved by every publication and chrome change.
TREE_KEY = "pagecache:tree"
ENTRY_PREFIX = "pagecache:entry"
# Cookies that do not change what an anonymous visitor sees.
NEUTRAL_COOKIES = {"csrftoken", "django_language"}
# Seconds at most that pages with live figures are kept (and say so).
LIVE_FIGURES_SECONDS = 60
# Response headers that are not part of the page itself.
DROPPED_HEADERS = {"set-cookie", "date", "cache-control", "etag"}
# Settings that shape the headers stored with a page (module docstring).
HEADER_SETTINGS = (
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "X_FRAME_OPTIONS",
    "LANGUAGES",
)
# Bumped when what an entry holds changes shape.
ENTRY_FORMAT = 2
SHARED_MAX_AGE = re.compile(r"s-maxage=(\d+)")
# The request attribute where `note_served_page` records the served page.
SERVED_PAGE_VERSIONS = "page_cache_versions"


def timeout() -> int:
    """Seconds a page stays cached; 0 turns the cache off."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def page_version_key(page_id: int) -> str:
    return f"pagecache:page:{page_id}"


def _public_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def is_public_path(path: str) -> bool:
    return path.startswith(_public_prefixes())


def _neutral_cookies() -> set[str]:
    return NEUTRAL_COOKIES | {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def request_is_cacheable(request: HttpRequest) -> bool:
    """An anonymous GET/HEAD of a public page without a query string (but for
    tracking parameters, which change nothing the page shows)."""
    return (
        request.method in ("GET", "HEAD")
        and not content_query(request.META.get("QUERY_STRING", ""))
        and is_public_path(request.path)
        and set(request.COOKIES) <= _neutral_cookies()
        and "HTTP_AUTHORIZATION" not in request.META
    )


def may_store(request: HttpRequest) -> bool:
    """The cache is on and the request is one whose response it keeps."""
    return bool(timeout()) and request_is_cacheable(request)


def _varies_by_visitor(response: HttpResponse) -> bool:
    """`Vary: *` or `Authorization`. `Vary: Cookie` alone does not count: the
    session middleware adds it whenever the page looked for a logged-in user,
    and a cacheable request carries no session cookie (only the neutral
    ones), so the page is the one every anonymous visitor gets; the header
    is kept, so a shared cache in front still tells visitors apart."""
    vary = response.get("Vary", "").lower()
    return "*" in vary or "authorization" in vary


def _private(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "").lower()
    return any(
        re.search(rf"(^|[ ,]){word}", control)
        for word in ("private", "no-cache", "no-store", "max-age=0")
    )


def _wrote_messages(request: HttpRequest) -> bool:
    return bool(getattr(get_messages(request), "added_new", False))


def response_is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    """The response is the same for every anonymous visitor of this URL."""
    session = getattr(request, "session", None)
    return (
        # Django renders a HEAD as the GET (`HeadWithoutBodyMiddleware` drops
        # the body above this cache): a monitor's HEAD fills it too.
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not (session is not None and session.modified)
        and not _wrote_messages(request)
        # django-csp's lazy nonce is truthy once a template has used it.
        and not getattr(request, "csp_nonce", None)
        and not _varies_by_visitor(response)
        and not _private(response)
    )


@functools.cache
def live_tables() -> tuple[str, ...]:
    """Tables of the rows that arrive from the public (`arrives_from_public`)."""
    return tuple(
        model._meta.db_table
        for model in apps.get_models()
        if getattr(model, "arrives_from_public", False)
    )


class LiveTableWatcher:
    """Django's database instrumentation hook (`connection.execute_wrapper`):
    notes whether a query read a table of rows that arrive from the public."""

    def __init__(self) -> None:
        self.tables = live_tables()
        self.read_live_figures = False

    def __call__(self, execute, sql, params, many, context):
        if not self.read_live_figures and any(t in sql for t in self.tables):
            self.read_live_figures = True
        return execute(sql, params, many, context)


def note_served_page(request: HttpRequest, page_id: int) -> None:
    """Record, before rendering, the versions a page's response depends on
    (Wagtail's `before_serve_page` hook calls it): a publication that lands
    while the page renders then makes this rendering stale at once. Only for
    a response the cache may keep: an answer's POST reads no version."""
    if not may_store(request):
        return
    versions = generations.read_many(_versions_keys(page_id))
    setattr(request, SERVED_PAGE_VERSIONS, (page_id, versions))


@functools.cache
def headers_fingerprint() -> str:
    """A short digest of the entry format and of `HEADER_SETTINGS`."""
    shaping = [ENTRY_FORMAT, *(getattr(settings, n, None) for n in HEADER_SETTINGS)]
    return hashlib.sha256(repr(shaping).encode()).hexdigest()[:12]


@receiver(setting_changed)
def forget_headers_fingerprint(*, setting: str, **kwargs) -> None:
    if setting in HEADER_SETTINGS:
        headers_fingerprint.cache_clear()


def entry_key(request: HttpRequest) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"{ENTRY_PREFIX}:{headers_fingerprint()}:{digest}"


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _public_cache_control(response: HttpResponse, seconds: int) -> None:
    """Browsers revalidate (ETag); shared caches may keep it `seconds`."""
    patch_cache_control(
        response, public=True, max_age=0, must_revalidate=True, s_maxage=seconds
    )


def _from_entry(request: HttpRequest, entry: dict) -> HttpResponse:
    etag = entry["etag"]
    if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["content"], headers=entry["headers"])
    response["ETag"] = etag
    response["X-Page-Cache"] = "hit"
    response["Cache-Control"] = entry["cache_control"]
    return response


# Which page each cached URL showed, per process (ids only), so a hit reads
# the stored response and the versions it depends on in one round trip to the
# cache. A stale id (a page moved) only costs a second round trip.
PAGE_OF_URL_LIMIT = 20000
page_of_url: dict[str, int | None] = {}


def remember_page_of_url(key: str, page_id: int | None) -> None:
    if len(page_of_url) > PAGE_OF_URL_LIMIT:
        page_of_url.clear()
    page_of_url[key] = page_id


def _versions_keys(page_id: int | None) -> list[str]:
    keys = [CHROME_KEY]
    if page_id is not None:
        keys.append(page_version_key(page_id))
    return keys


def lookup(request: HttpRequest) -> HttpResponse | None:
    """The stored response of this URL, if what it shows has not changed since."""
    key = entry_key(request)
    guessed = _versions_keys(page_of_url.get(key))
    found = cache.get_many([key, *guessed])
    entry = found.get(key)
    if entry is None:
        return None
    versions = entry["versions"]
    current = {name: found.get(name) for name in versions}
    if set(versions) != set(guessed):
        current = generations.read_many(versions)
        remember_page_of_url(key, entry["page"])
    if current != versions:
        return None
    return _from_entry(request, entry)


def seconds_for(response: HttpResponse, live_figures: bool = False) -> int:
    """How long to keep it: the site's timeout, or less for live figures or
    when the view says so."""
    seconds = timeout()
    if live_figures:
        seconds = min(seconds, LIVE_FIGURES_SECONDS)
    found = SHARED_MAX_AGE.search(response.get("Cache-Control", ""))
    return min(seconds, int(found.group(1))) if found else seconds


def store(
    request: HttpRequest,
    response: HttpResponse,
    versions: tuple[int | None, dict],
    seconds: int,
) -> None:
    """Keep the response `seconds` under (the page that served it, the versions
    read before it was rendered)."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = response.content
    page_id, versions = versions
    entry = {
        "page": page_id,
        "versions": versions,
        "seconds": seconds,
        "content": content,
        "etag": _etag(content),
        "headers": {
            name: value
            for name, value in response.items()
            if name.lower() not in DROPPED_HEADERS
        },
    }
    response["ETag"] = entry["etag"]
    response["X-Page-Cache"] = "miss"
    _public_cache_control(response, seconds)
    entry["cache_control"] = response["Cache-Control"]
    if seconds > 0:
        key = entry_key(request)
        cache.set(key, entry, seconds)
        remember_page_of_url(key, page_id)


def _at_once_and_on_commit(action: Callable[[], None]) -> None:
    """Do it now and again when the transaction commits, so a request that
    rendered the old content while the change was in flight cannot keep it."""
    action()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(action)


# In a request's scope: the request changed the tree itself.
CHANGED_HERE = "changed here"


def _bump(keys: list[str]) -> None:
    generations.bump_many(keys)
    scope = _tree_reading.get()
    if scope is not None:
        scope.clear()  # this request changed the tree: read it again
        scope[CHANGED_HERE] = True


def invalidate_pages(page_ids: set[int]) -> None:
    """Make stale every stored response of these pages (and the tree memo)."""
    keys = [page_version_key(pk) for pk in sorted(page_ids)] + [TREE_KEY]
    _at_once_and_on_commit(lambda: _bump(keys))


def invalidate_site() -> None:
    """Make every stored page stale: for what shows on every page."""
    _at_once_and_on_commit(lambda: _bump([CHROME_KEY, TREE_KEY]))


# The tree generation read in the current request (`one_tree_reading`); a
# context variable, so each thread of a threaded server has its own.
_tree_reading: ContextVar[dict | None] = ContextVar("tree_reading", default=None)


@contextmanager
def one_tree_reading() -> Iterator[None]:
    """Within it, `tree_generation()` reads the shared cache once (a Redis
    round trip), and again only after a change made within it. A change made
    by another process meanwhile shows from the next request on."""
    token = _tree_reading.set({})
    try:
        yield
    finally:
        _tree_reading.reset(token)


def tree_changed_here() -> bool:
    """The current request changed the tree: what it computes from it may
    rest on rows its transaction has not committed (or will roll back)."""
    scope = _tree_reading.get()
    return bool(scope and scope.get(CHANGED_HERE))


def tree_generation() -> int:
    """The version of what processes remember from the tree (`cms.core.memo`)."""
    scope = _tree_reading.get()
    if scope is None:
        return generations.read(TREE_KEY)
    if TREE_KEY not in scope:
        scope[TREE_KEY] = generations.read(TREE_KEY)
    return scope[TREE_KEY]


class PageCacheMiddleware:
    """Serve and store anonymous public pages (see the module docstring).

    A hit costs one round trip to the cache and no database query; it passes
    only through the middleware listed before this one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_store(request):
            return self.mark_private(request, self.get_response(request))
        cached = lookup(request)
        if cached is not None:
            return cached
        chrome = (None, generations.read_many([CHROME_KEY]))
        watcher = LiveTableWatcher()
        with connection.execute_wrapper(watcher):
            response = self.get_response(request)
        versions = getattr(request, SERVED_PAGE_VERSIONS, chrome)
        if response_is_cacheable(request, response):
            seconds = seconds_for(response, watcher.read_live_figures)
            store(request, response, versions, seconds)
            return response
        return self.mark_private(request, response)

    @staticmethod
    def mark_private(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Keep shared proxies from storing a page meant for one visitor."""
        if is_public_path(request.path) and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response
