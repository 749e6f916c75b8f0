"""Throttles on the password forms anyone can post.

- Wagtail's page and document passwords (`authenticate_with_password` of
  pages and of collections): a few attempts per client and view restriction,
  then a 429 page in the visitor's language. The restriction, not the page, is
  what a password opens (Wagtail checks the restriction and takes any page id
  for the form's title), so that is the key.
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
from wagtail.documents.views import serve as document_views

from cms.core import rate_limit
from cms.core.client_address import client_address

# (attempts, window in seconds)
PAGE_PASSWORD_LIMIT = (10, 600)
PASSWORD_RESET_CLIENT_LIMIT = (10, 3600)
PASSWORD_RESET_EMAIL_LIMIT = (3, 3600)


def password_attempts_exceeded(
    request: HttpRequest, scope: str, restriction_id: int
) -> HttpResponse | None:
    """The 429 page when this client tried this restriction too often, else None.

    Every POST counts, right or wrong: once the attempts are used up the right
    password is refused too, until the window ends.
    """
    if request.method != "POST":
        return None
    identity = f"{client_address(request)}|{restriction_id}"
    result = rate_limit.hit(request, scope, identity, *PAGE_PASSWORD_LIMIT)
    return None if result.allowed else rate_limit.too_many_requests(request, result)


def authenticate_with_password(
    request: HttpRequest, page_view_restriction_id: int, page_id: int
) -> HttpResponse:
    """Wagtail's page-password form, refused with 429 after too many attempts."""
    refused = password_attempts_exceeded(
        request, "page-password", page_view_restriction_id
    )
    return refused or wagtail_views.authenticate_with_password(
        request, page_view_restriction_id, page_id
    )


def authenticate_document_password(
    request: HttpRequest, restriction_id: int
) -> HttpResponse:
    """Wagtail's password form of a collection's documents, throttled alike."""
    refused = password_attempts_exceeded(request, "document-password", restriction_id)
    return refused or document_views.authenticate_with_password(request, restriction_id)


class PasswordResetView(account.PasswordResetView):
    """Wagtail's password reset, throttled per client and per e-mail address."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        result = rate_limit.hit(
            request,
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
            self.request, "password-reset-email", address, *PASSWORD_RESET_EMAIL_LIMIT
        )
        if not result.allowed:
            # What the view answers after sending: the same redirect.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
