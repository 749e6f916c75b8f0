"""Small values computed from the database, remembered in each process until
the page tree changes (`cms.core.page_cache.tree_generation`: any publication,
move or deletion, and every site-wide change).

Two kinds of values:

- lookups (`remembered`): what a warm process knows about the site's structure
  (the pages down a URL, the restricted pages' paths, the locales, which
  page is a unit's pledge, a survey's questions and form class, where an
  answer is posted);
- fragments (`remembered_fragment`): the chrome every page shows (menu, footer,
  language links) and shared pieces of content (a unit's pledge).
  `FRAGMENT_CACHE=false` turns fragments off, so `make bench` can measure pages
  rendered from scratch in a warm process.

Answers arriving leave both alone. Never whole pages: those are in the page
cache. It imports no model and no view, so models may use it.

The generation is one read of the shared cache (a Redis round trip). A request
reads it once (`ReadingScopeMiddleware`), also for code that has no request at
hand (the restricted paths, the locales), and again after a change it makes to
the tree (`page_cache.one_tree_reading`). A call outside a request (a
management command) reads it every time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
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


class ReadingScopeMiddleware:
    """Read the tree generation once per request, for every lookup, instead
    of once per lookup (an answer's POST looked it up three times)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with page_cache.one_tree_reading():
            return self.get_response(request)


def remembered_fragment(key: tuple, compute: Callable[[], Any]) -> Any:
    """A fragment: `compute()` kept like a lookup unless `FRAGMENT_CACHE` is off."""
    if not getattr(settings, "FRAGMENT_CACHE", True):
        return compute()
    return remembered(key, compute)


def remembered(key: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept in this process until the tree generation changes.
    A request that changed the tree computes its own values and keeps none:
    they may come from rows its transaction has not committed."""
    generation = page_cache.tree_generation()
    # None: no working cache (DummyCache), so nothing is shared.
    if generation is None or page_cache.tree_changed_here():
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
