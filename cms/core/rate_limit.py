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
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import time_format
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
    usage = _usage(request, scope, identity, f"{limit}/{window}s", increment=True)
    if usage is None:  # RATELIMIT_ENABLE = False
        return RateLimitResult(allowed=True, retry_after=1)
    return RateLimitResult(
        allowed=not usage["should_limit"], retry_after=max(usage["time_left"], 1)
    )


def peek(
    request: HttpRequest, scope: str, identity: str, limit: int, window: int
) -> RateLimitResult:
    """Whether one more request of `identity` in `scope` stays within the
    limit, without counting it: for a form whose refused attempts must not
    count (a citizen correcting a mistake), which calls `hit` once it accepts
    one. Concurrent requests may pass the same peek, so the limit can be
    passed by as many requests as arrive at once."""
    usage = _usage(request, scope, identity, f"{limit}/{window}s", increment=False)
    if usage is None:  # RATELIMIT_ENABLE = False
        return RateLimitResult(allowed=True, retry_after=1)
    # Without a working cache django-ratelimit answers a limit of 0: refused.
    return RateLimitResult(
        allowed=usage["count"] < usage["limit"],
        retry_after=max(usage["time_left"], 1),
    )


def _usage(
    request: HttpRequest, scope: str, identity: str, rate: str, increment: bool
) -> dict | None:
    return get_usage(
        request,
        group=scope,
        key=lambda _group, _request: identity,
        rate=rate,
        increment=increment,
    )


def too_many_requests(
    request: HttpRequest,
    result: RateLimitResult,
    template: str = TOO_MANY_ATTEMPTS_TEMPLATE,
    zone: str | None = None,
) -> HttpResponse:
    """The 429 page, with Retry-After and the time to try again, on the clock
    of `zone` (a unit's, at its counter) or the site's."""
    now = timezone.localtime(timezone=ZoneInfo(zone) if zone else None)
    retry_at = now + datetime.timedelta(seconds=result.retry_after)
    response = TemplateResponse(
        request,
        template,
        {
            "retry_after": result.retry_after,
            "retry_minutes": max(1, (result.retry_after + 59) // 60),
            # With its zone: a reader abroad knows which clock it is on.
            "retry_at": f"{time_format(retry_at)} {retry_at.tzname()}",
        },
        status=429,
    )
    response["Retry-After"] = str(result.retry_after)
    return response
