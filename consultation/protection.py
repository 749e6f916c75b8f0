"""Protections shared by every public form of the app (SKM and FKP).

- a honeypot field that people never see and bots fill in;
- a per-IP rate limit counted once for every worker of the site (Redis with
  CACHE_URL, else a file: `cms.core.shared_state`), answered with a 429 page
  that says when to try again.

CSRF protection comes from Django's middleware; the forms render the token.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core import shared_state

HONEYPOT_FIELD = "website"

# (requests, window in seconds) per scope; a project may override them with
# the CONSULTATION_RATE_LIMITS setting.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "survey": (10, 600),
    "kiosk": (600, 600),
    "consultation": (10, 600),
    "poll": (20, 600),
    "comment": (20, 600),
}


class HoneypotMixin(forms.Form):
    """Adds the hidden honeypot field; `is_bot` is True when it was filled."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))


def is_bot(request: HttpRequest) -> bool:
    """True when the honeypot field of a POST was filled in."""
    return bool(request.POST.get(HONEYPOT_FIELD))


@dataclass(frozen=True)
class RateLimitResult:
    """Whether a request is allowed and, if not, when the window reopens."""

    allowed: bool
    retry_after: int


def client_ip(request: HttpRequest) -> str:
    """The client's address as seen by Django (the proxy sets REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limits_for(scope: str) -> tuple[int, int]:
    """(limit, window seconds) of a scope, from settings or the defaults."""
    overrides = getattr(settings, "CONSULTATION_RATE_LIMITS", {}) or {}
    return tuple(overrides.get(scope, DEFAULT_LIMITS[scope]))  # type: ignore[return-value]


def hit(request: HttpRequest, scope: str) -> RateLimitResult:
    """Count one request of this IP in `scope`; refuse above the limit.

    A fixed window: the first request creates the counter with the window as
    its timeout; later ones increment it atomically.
    """
    limit, window = limits_for(scope)
    now = int(time.time())
    window_start = now - now % window
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"consultation:rl:{scope}:{digest}:{window_start}"
    count = shared_state.count_hit(key, timeout=window + 5)
    retry_after = window_start + window - now
    return RateLimitResult(allowed=count <= limit, retry_after=max(retry_after, 1))


def too_many_requests(request: HttpRequest, result: RateLimitResult) -> HttpResponse:
    """The 429 page, with Retry-After and the time to try again."""
    retry_at = timezone.localtime() + timezone.timedelta(seconds=result.retry_after)
    response = TemplateResponse(
        request,
        "consultation/too_many_requests.html",
        {
            "retry_after": result.retry_after,
            "retry_minutes": max(1, (result.retry_after + 59) // 60),
            "retry_at": retry_at,
        },
        status=429,
    )
    response["Retry-After"] = str(result.retry_after)
    return response


def hit_for(identity: str, scope: str) -> RateLimitResult:
    """Count one request of the client named `identity` in `scope`.

    `hit` counts per IP address; this counts per anything else that names a
    client, e.g. an enrolled kiosk tablet (`device:<id>`), which may share its
    address with the whole office behind one NAT. Same fixed window and keys
    as `hit` (an identity hashes to a digest no IP address gives).
    """
    limit, window = limits_for(scope)
    now = int(time.time())
    window_start = now - now % window
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"consultation:rl:{scope}:{digest}:{window_start}"
    count = shared_state.count_hit(key, timeout=window + 5)
    retry_after = window_start + window - now
    return RateLimitResult(allowed=count <= limit, retry_after=max(retry_after, 1))
