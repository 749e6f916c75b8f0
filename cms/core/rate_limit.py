"""Fixed-window rate limits that every worker of the site counts together.

django-ratelimit counts in Django's cache (Redis with `CACHE_URL`, so a limit
holds for the site, not for each process; `make serve` without Redis runs one
worker). Apps key their limits on whatever they protect: the client's address
(`cms.core.client_address`, which knows the site's trusted proxies), a page,
an e-mail address. django-ratelimit keeps only a hash of the key in the cache.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django_ratelimit.core import get_usage

TOO_MANY_ATTEMPTS_TEMPLATE = "core/too_many_attempts.html"


@dataclass(frozen=True)
class RateLimitResult:
    """Whether a request is allowed and, if not, when the window reopens."""

    allowed: bool
    retry_after: int


def hit(
    request: HttpRequest, scope: str, identity: str, limit: int, window: int
) -> RateLimitResult:
    """Count one request of `identity` in `scope`; refuse above `limit` per
    `window` seconds (django-ratelimit's fixed window)."""
    usage = get_usage(
        request,
        group=scope,
        key=lambda _group, _request: identity,
        rate=f"{limit}/{window}s",
        increment=True,
    )
    if usage is None:  # RATELIMIT_ENABLE = False
        return RateLimitResult(allowed=True, retry_after=1)
    return RateLimitResult(
        allowed=not usage["should_limit"], retry_after=max(usage["time_left"], 1)
    )


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
