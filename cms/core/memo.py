"""Values computed from the database, remembered in each process for the
current structure generation (`cms.core.page_cache.structure_generation`).

Routing, the site chrome and the pages' own lookups (a unit's pledge, a
survey's form) use it. It imports no model and no view, so models may use it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from . import page_cache

# Entries kept per process (a page's row is a few kilobytes) before starting afresh.
MEMO_LIMIT = 2000
# Seconds before the memo starts afresh even if the generation stands still, so
# a change that bypasses model signals (a queryset `update()`) shows in time.
MEMO_MAX_AGE = 300


@dataclass
class _Memo:
    """Values computed from the database, valid for one site-wide generation."""

    generation: int | None = None
    values: dict[tuple, Any] = field(default_factory=dict)
    started: float = 0.0


_memo = _Memo()


def request_generation(request: HttpRequest) -> int | None:
    """The structure generation, read once per request."""
    if not hasattr(request, "_terpadu_generation"):
        request._terpadu_generation = page_cache.structure_generation()
    return request._terpadu_generation


def remembered(request: HttpRequest, key: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept in this process until the structure generation changes."""
    generation = request_generation(request)
    if generation is None:  # no working cache (DummyCache): nothing is shared
        return compute()
    now = time.monotonic()
    if (
        _memo.generation != generation
        or len(_memo.values) > MEMO_LIMIT
        or now - _memo.started > MEMO_MAX_AGE
    ):
        _memo.generation, _memo.values, _memo.started = generation, {}, now
    if key not in _memo.values:
        _memo.values[key] = compute()
    return _memo.values[key]
