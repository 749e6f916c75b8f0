"""Small values computed from the database, remembered in each process until
the page tree changes (`cms.core.page_cache.tree_generation`: any publication,
move or deletion, and every site-wide change).

Two kinds of values:

- lookups (`remembered`): what a warm process knows about the site's structure
  (the pages down a URL, the restricted pages' paths, the locales, a
  survey's questions and form class, where an answer is posted);
- fragments (`remembered_fragment`): the chrome every page shows (menu, footer,
  language links) and shared pieces of content (a unit's pledge).
  `FRAGMENT_CACHE=false` turns fragments off, so `make bench` can measure pages
  rendered from scratch in a warm process.

Answers arriving leave both alone. Never whole pages: those are in the page
cache. It imports no model and no view, so models may use it.

The generation is one read of the shared cache (a Redis round trip). A GET or
HEAD request reads it once (`ReadingScopeMiddleware`), also for code that has
no request at hand (the restricted paths, the locales). A request that may
write reads it once per request object passed in, and a call with no request
outside a GET or HEAD reads it every time, so a change it makes is seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from . import page_cache

# Entries kept per process before starting afresh.
MEMO_LIMIT = 2000
# Seconds before the memo starts afresh even if the generation stands still, so
# a change that bypasses model signals (a queryset `update()`) shows in time.
MEMO_MAX_AGE = 300


@dataclass
class _Memo:
    """Values computed from the database, valid for one tree generation."""

    generation: int | None = None
    values: dict[tuple, Any] = field(default_factory=dict)
    started: float = 0.0


_memo = _Memo()


# The generation read in this reading request (`ReadingScopeMiddleware`); a
# context variable, so each thread of a threaded server has its own.
_reading_scope: ContextVar[dict | None] = ContextVar("memo_reading_scope", default=None)

READING_METHODS = ("GET", "HEAD")


class ReadingScopeMiddleware:
    """Read the tree generation at most once in a GET or HEAD request, for
    every caller (`request_generation`), instead of once per lookup."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READING_METHODS:
            return self.get_response(request)
        token = _reading_scope.set({})
        try:
            return self.get_response(request)
        finally:
            _reading_scope.reset(token)


def request_generation(request: HttpRequest | None) -> int | None:
    """The tree generation, read once per request (each time outside a
    request's reading scope and without `request`)."""
    scope = _reading_scope.get()
    if scope is not None:
        if "generation" not in scope:
            scope["generation"] = page_cache.tree_generation()
        return scope["generation"]
    if request is None:
        return page_cache.tree_generation()
    if not hasattr(request, "terpadu_tree_generation"):
        request.terpadu_tree_generation = page_cache.tree_generation()
    return request.terpadu_tree_generation


def remembered_fragment(
    request: HttpRequest | None, key: tuple, compute: Callable[[], Any]
) -> Any:
    """A fragment: `compute()` kept like a lookup unless `FRAGMENT_CACHE` is off."""
    if not getattr(settings, "FRAGMENT_CACHE", True):
        return compute()
    return remembered(request, key, compute)


def remembered(
    request: HttpRequest | None, key: tuple, compute: Callable[[], Any]
) -> Any:
    """`compute()`, kept in this process until the tree generation changes."""
    generation = request_generation(request)
    if generation is None:  # no working cache (DummyCache): nothing is shared
        return compute()
    now = time.monotonic()
    global _memo
    memo = _memo
    if (
        memo.generation != generation
        or len(memo.values) > MEMO_LIMIT
        or now - memo.started > MEMO_MAX_AGE
    ):
        memo = _memo = _Memo(generation, {}, now)
    # This request's generation's values: a thread that started afresh for a
    # newer generation meanwhile does not receive a value computed from the
    # older tree (the development server runs a thread per request).
    values = memo.values
    if key not in values:
        values[key] = compute()
    return values[key]
