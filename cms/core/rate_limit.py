"""Fixed-window rate limits that every worker of the site counts together.

The counts go through `cms.core.shared_state` (Redis with CACHE_URL, else a
file every gunicorn worker of the machine shares), so a limit holds for the
site, not for each process. Apps key their limits on whatever they protect:
the client's address (`cms.core.client_address`), a page, an e-mail address.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from cms.core import shared_state

TOO_MANY_ATTEMPTS_TEMPLATE = "core/too_many_attempts.html"


@dataclass(frozen=True)
class RateLimitResult:
    """Whether a request is allowed and, if not, when the window reopens."""

    allowed: bool
    retry_after: int


def hit(scope: str, identity: str, limit: int, window: int) -> RateLimitResult:
    """Count one request of `identity` in `scope`; refuse above `limit`.

    A fixed window of `window` seconds: the first request creates the counter
    with the window as its timeout, later ones increment it atomically. The
    identity is hashed, so no address or e-mail is kept in the cache.
    """
    now = int(time.time())
    window_start = now - now % window
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"rl:{scope}:{digest}:{window_start}"
    count = shared_state.count_hit(key, timeout=window + 5)
    retry_after = window_start + window - now
    return RateLimitResult(allowed=count <= limit, retry_after=max(retry_after, 1))


def too_many_requests(
    request: HttpRequest,
    result: RateLimitResult,
    template: str = TOO_MANY_ATTEMPTS_TEMPLATE,
) -> HttpResponse:
    """The 429 page, with Retry-After and the time to try again."""
    retry_at = timezone.localtime() + datetime.timedelta(seconds=result.retry_after)
    response = TemplateResponse(
        request,
        template,
        {
            "retry_after": result.retry_after,
            "retry_minutes": max(1, (result.retry_after + 59) // 60),
            "retry_at": retry_at,
        },
        status=429,
    )
    response["Retry-After"] = str(result.retry_after)
    return response
