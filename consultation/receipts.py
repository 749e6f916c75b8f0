"""Post/Redirect/Get for the public answer forms (SKM and consultations).

An accepted answer is answered with a 303 redirect to the page's `thanks/`
route instead of a rendered thank-you page: the POST stays short (validate,
save, redirect), refreshing the thank-you page does not post the answer again,
and the page itself is a separate, ordinary GET.

The thank-you URL carries a signed, time-limited receipt: the page it belongs
to and what the page should say (saved, confirmation e-mail sent, e-mail
failed). It identifies no answer and no respondent, so the URL shows nobody
else's data; without a valid receipt the thanks route sends the visitor back
to the form.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core import signing
from django.http import HttpRequest, HttpResponseRedirect

from cms.core.memo import remembered

SALT = "consultation.receipt"
MAX_AGE = 60 * 60
PARAMETER = "r"
ROUTE = "thanks"

SAVED = "saved"
CONFIRM_BY_EMAIL = "confirm"
MAIL_FAILED = "mail_failed"
OUTCOMES = frozenset({SAVED, CONFIRM_BY_EMAIL, MAIL_FAILED})


class SeeOther(HttpResponseRedirect):
    """303: the browser GETs the new URL, whatever the method of the request."""

    status_code = 303


def thanks_url(page, outcome: str = SAVED, route: str = ROUTE) -> str:
    """The page's thank-you URL (its `route`) with a receipt for `outcome`."""
    receipt = signing.dumps([page.source.pk, outcome], salt=SALT, compress=True)
    base = remembered(
        ("thanks-url", page.pk, route),
        lambda: page.url + page.reverse_subpage(route),
    )
    return f"{base}?{urlencode({PARAMETER: receipt})}"


def redirect_to_thanks(page, outcome: str = SAVED, route: str = ROUTE) -> SeeOther:
    """Answer an accepted POST: see the thank-you page."""
    return SeeOther(thanks_url(page, outcome, route))


def read_receipt(page, request: HttpRequest) -> str | None:
    """The outcome of the receipt in the URL, or None when it is missing,
    forged, expired or for another page."""
    try:
        page_id, outcome = signing.loads(
            request.GET.get(PARAMETER, ""), salt=SALT, max_age=MAX_AGE
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if page_id != page.source.pk or outcome not in OUTCOMES:
        return None
    return outcome
