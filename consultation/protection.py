"""Protections shared by every public form of the app (SKM and FKP).

- a honeypot field that people never see and bots fill in;
- a rate limit per client address (`cms.core.client_address`, which knows the
  site's trusted proxies) counted once for every worker of the site
  (`cms.core.rate_limit`), answered with a 429 page that says when to try again.

CSRF protection comes from Django's middleware; the forms render the token.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from cms.core import rate_limit
from cms.core.client_address import client_address
from cms.core.rate_limit import RateLimitResult

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


def limits_for(scope: str) -> tuple[int, int]:
    """(limit, window seconds) of a scope, from settings or the defaults."""
    overrides = getattr(settings, "CONSULTATION_RATE_LIMITS", {}) or {}
    return tuple(overrides.get(scope, DEFAULT_LIMITS[scope]))  # type: ignore[return-value]


def hit(request: HttpRequest, scope: str) -> RateLimitResult:
    """Count one request of this client in `scope`; refuse above the limit."""
    limit, window = limits_for(scope)
    return rate_limit.hit(
        request, f"consultation:{scope}", client_address(request), limit, window
    )


def too_many_requests(request: HttpRequest, result: RateLimitResult) -> HttpResponse:
    """The 429 page, with Retry-After and the time to try again."""
    return rate_limit.too_many_requests(
        request, result, "consultation/too_many_requests.html"
    )


def hit_for(request: HttpRequest, identity: str, scope: str) -> RateLimitResult:
    """Count one request of the client named `identity` in `scope`.

    `hit` counts per client address; this counts per anything else that
    names a client, e.g. an enrolled kiosk tablet (`device:<id>`), which may
    share its address with the whole office behind one NAT.
    """
    limit, window = limits_for(scope)
    return rate_limit.hit(request, f"consultation:{scope}", identity, limit, window)
