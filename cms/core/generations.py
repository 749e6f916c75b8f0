"""Counters that every process of the site reads from Django's cache.

A counter names a version of something many processes keep a copy of (cached
pages, a page's rendering, the search vocabulary, the synonyms): a process that
sees a new value computes its copy again. They live in the `default` cache,
Redis with `CACHE_URL` in production, so every worker and every `manage.py`
command (scheduled publishing, imports) agrees. Without `CACHE_URL` the cache
is the process's own memory: `make run` is one process, and `make serve`
without Redis runs one worker (README, "Serving").

A counter starts from the clock, so one lost with a cache restart never repeats
an earlier value.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.core.cache import cache

# Counters live until the cache drops them; a dropped counter starts afresh.
NO_EXPIRY = None


def _start_value() -> int:
    return time.time_ns() // 1000


def read(key: str) -> int | None:
    """The counter's value (created on first use); None without a working
    cache (Django's `DummyCache`)."""
    value = cache.get(key)
    if value is None:
        cache.add(key, _start_value(), NO_EXPIRY)
        value = cache.get(key)
    return value


def read_many(keys: Iterable[str]) -> dict[str, int]:
    """Several counters in one round trip to the cache."""
    keys = list(keys)
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            found[key] = read(key)
    return found


def bump(key: str) -> None:
    """Move the counter on, atomically (Redis `INCR`, or under the local lock)."""
    try:
        cache.incr(key)
    except ValueError:  # not there yet, or dropped by the cache
        # Started afresh from the clock: already past any value read before.
        cache.add(key, _start_value(), NO_EXPIRY)


def bump_many(keys: Iterable[str]) -> None:
    for key in keys:
        bump(key)
