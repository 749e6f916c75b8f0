"""Throttles on the password forms anyone can post.

- Wagtail's page passwords (`authenticate_with_password`): a few attempts per
  client and view restriction, then a 429 page in the visitor's language. The
  restriction, not the page, is what a password opens (Wagtail checks the
  restriction and takes any page id for the form's title), so that is the key.
- The admin's password reset: a few requests per client (429 beyond), and a
  few e-mails per address. Beyond those the form answers exactly as before,
  but sends nothing: whoever posts learns nothing about the address.

Both wrap Wagtail's own views (routed in `cms/urls.py`) and count through
`cms.core.rate_limit`, shared by every worker of the site.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail import views as wagtail_views
from wagtail.admin.views import account

from cms.core import rate_limit
from cms.core.client_address import client_address

# (attempts, window in seconds)
PAGE_PASSWORD_LIMIT = (10, 600)
PASSWORD_RESET_CLIENT_LIMIT = (10, 3600)
PASSWORD_RESET_EMAIL_LIMIT = (3, 3600)


def authenticate_with_password(
    request: HttpRequest, page_view_restriction_id: int, page_id: int
) -> HttpResponse:
    """Wagtail's page-password form, refused with 429 after too many attempts."""
    if request.method == "POST":
        identity = f"{client_address(request)}|{page_view_restriction_id}"
        result = rate_limit.hit("page-password", identity, *PAGE_PASSWORD_LIMIT)
        if not result.allowed:
            return rate_limit.too_many_requests(request, result)
    return wagtail_views.authenticate_with_password(
        request, page_view_restriction_id, page_id
    )


class PasswordResetView(account.PasswordResetView):
    """Wagtail's password reset, throttled per client and per e-mail address."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        result = rate_limit.hit(
            "password-reset-client",
            client_address(request),
            *PASSWORD_RESET_CLIENT_LIMIT,
        )
        if not result.allowed:
            return rate_limit.too_many_requests(request, result)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        address = form.cleaned_data["email"].strip().casefold()
        result = rate_limit.hit(
            "password-reset-email", address, *PASSWORD_RESET_EMAIL_LIMIT
        )
        if not result.allowed:
            # What the view answers after sending: the same redirect.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
