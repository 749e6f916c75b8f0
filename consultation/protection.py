"""Protections shared by every public form of the app (SKM and FKP).

- a honeypot field that people never see and bots fill in;
- a rate limit per client address (`cms.core.client_address`, which knows the
  site's trusted proxies) counted once for every worker of the site
  (`cms.core.rate_limit`). The public forms count accepted answers only
  (`peek` before, `hit` once accepted): a citizen correcting a mistake is not
  refused for it. Over the limit, the form comes back with what was typed and
  a message saying when to send it again (`hold`, `limited`, status 429).

CSRF protection comes from Django's middleware; the forms render the token.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page

from cms.core import rate_limit
from cms.core.client_address import client_address
from cms.core.rate_limit import RateLimitResult

from .limits import DEFAULT_LIMITS

HONEYPOT_FIELD = "website"
# The code of the form error `hold` adds.
RATE_LIMITED = "rate_limited"


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


def hit(request: HttpRequest, scope: str, page: Page | None = None) -> RateLimitResult:
    """Count one request of this client in `scope` (on `page`, in every
    language, when given); refuse above the limit."""
    limit, window = limits_for(scope)
    return rate_limit.hit(
        request, f"consultation:{scope}", _identity(request, page), limit, window
    )


def peek(request: HttpRequest, scope: str, page: Page | None = None) -> RateLimitResult:
    """Whether this client may send one more answer in `scope` (on `page`)
    (not counted: call `hit` once the answer is accepted)."""
    limit, window = limits_for(scope)
    return rate_limit.peek(
        request, f"consultation:{scope}", _identity(request, page), limit, window
    )


def _identity(request: HttpRequest, page: Page | None) -> str:
    """The client's address, and the page's in every language: one
    connection (a waiting room's Wi-Fi) answering several units' surveys is
    not a flood of one."""
    address = client_address(request)
    return address if page is None else f"{address} {page.translation_key}"


def retry_minutes(result: RateLimitResult) -> int:
    return max(1, (result.retry_after + 59) // 60)


def limited_message(result: RateLimitResult) -> str:
    minutes = retry_minutes(result)
    return ngettext(
        "We received many answers from your connection in a short time, so "
        "this one was not saved. What you wrote is kept below: send it again "
        "in %(minutes)d minute.",
        "We received many answers from your connection in a short time, so "
        "this one was not saved. What you wrote is kept below: send it again "
        "in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def try_again_message(result: RateLimitResult) -> str:
    """Over the limit, for a form with nothing typed to keep (a poll)."""
    minutes = retry_minutes(result)
    return ngettext(
        "We received many answers from your connection in a short time. "
        "Please try again in %(minutes)s minute.",
        "We received many answers from your connection in a short time. "
        "Please try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def hold(form: forms.Form, result: RateLimitResult) -> None:
    """Keep a bound form over the limit for the citizen to send again later:
    the form shows the limit as its first error, with what was typed."""
    form.add_error(None, ValidationError(limited_message(result), code=RATE_LIMITED))


def limited(response: TemplateResponse, result: RateLimitResult) -> TemplateResponse:
    """A form held by `hold`, answered 429 with Retry-After."""
    response.status_code = 429
    response["Retry-After"] = str(result.retry_after)
    return response


def too_many_requests(
    request: HttpRequest, result: RateLimitResult, zone: str | None = None
) -> HttpResponse:
    """The 429 page, with Retry-After and the time to try again (on the
    clock of `zone`, the unit's)."""
    return rate_limit.too_many_requests(
        request, result, "consultation/too_many_requests.html", zone
    )


def hit_for(request: HttpRequest, identity: str, scope: str) -> RateLimitResult:
    """Count one request of the client named `identity` in `scope`.

    `hit` counts per client address; this counts per anything else that
    names a client, e.g. an enrolled kiosk tablet (`device:<id>`), which may
    share its address with the whole office behind one NAT.
    """
    limit, window = limits_for(scope)
    return rate_limit.hit(request, f"consultation:{scope}", identity, limit, window)
