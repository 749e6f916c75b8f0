"""The same answer sent twice from one browser is saved once.

After an accepted answer a citizen may press Back, find the form still filled
in and send it again, or reload a page the browser re-posts. Each sent the
answer again and each was saved: the satisfaction index counted one visit
twice. Double clicks are caught in the browser; these are not.

The response to an accepted answer keeps, in a cookie scoped to the address
the form posts to (so no other page sees it, and the page cache is not
bypassed), a keyed hash of the answers the browser sent there recently. An
answer whose hash is among them is not saved again; the citizen sees the
thank-you page as before. A different answer from the same browser (a family
member's, another service's) is saved. The cookie holds no answer and nothing
about the respondent; a forged one can only drop its own sender's repeats.
Kiosk tablets, where many people answer on one device, are not affected.

A double tap on a slow connection is different: the second sending leaves
before the first one's answer (and its cookie) comes back, so the browser has
nothing to show. Each sending therefore first claims, in the shared cache, the
pair (the client's address and browser, the answer's hash) for
`DOUBLE_SEND_SECONDS`; a sending that finds the pair claimed is the same
answer again and is answered as the first one was (same thank-you, same
respondent cookie) without a second row. A claim whose save fails is
released, so a retry is saved. Two people behind one address with the same
browser and the same answer are told apart by their browsers' CSRF cookies
(each browser's own secret, which every accepted sending carries: a page with
a form is never served from the page cache) and by the sending id each form
draws when it is opened (`sending.js`); without the cookie's part, two
citizens at a consulate's Wi-Fi without JavaScript were counted once and both
told they were saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from cms.core.client_address import client_address

COOKIE_NAME = "answers_sent"
MAX_AGE = 24 * 60 * 60
# Hashes kept per address: the latest answers of a browser there.
KEPT = 8
HASH_LENGTH = 20
# How long a sending's claim lasts: a double tap's second sending arrives
# within a second or two, a slow connection's within a few more.
DOUBLE_SEND_SECONDS = 15


def answer_hash(scope: str, page_id: int, data: Mapping) -> str:
    """A keyed hash of the answer `data` to `page_id` (`scope`: its form)."""
    canonical = json.dumps(
        {name: str(value) for name, value in data.items()}, sort_keys=True
    )
    key_salt = f"consultation.resubmission.{scope}.{page_id}"
    return salted_hmac(key_salt, canonical, algorithm="sha256").hexdigest()[
        :HASH_LENGTH
    ]


def sent_before(request: HttpRequest, digest: str) -> bool:
    """Whether this browser sent the same answer to this address recently."""
    return digest in sent_hashes(request)


def sent_hashes(request: HttpRequest) -> list[str]:
    value = request.COOKIES.get(COOKIE_NAME, "")
    return [part for part in value.split(".") if len(part) == HASH_LENGTH][:KEPT]


def is_repeat(request: HttpRequest, answer: tuple[str, int, Mapping]) -> bool:
    """Whether `answer` (scope, page id, data: see `answer_hash`) is one this
    browser sent recently (its cookie) or is sending now (a claim): sending
    it again stores nothing, so no rate limit applies to it, and the citizen
    must not be told it was not saved."""
    digest = answer_hash(*answer)
    return sent_before(request, digest) or is_claimed(request, digest)


def remember_sent(response: HttpResponse, request: HttpRequest, digest: str) -> None:
    """Keep `digest` among the browser's recent answers to this address."""
    kept = [digest, *(h for h in sent_hashes(request) if h != digest)][:KEPT]
    response.set_cookie(
        COOKIE_NAME,
        ".".join(kept),
        max_age=MAX_AGE,
        path=request.path,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def save_once(
    request: HttpRequest,
    response: HttpResponse,
    answer: tuple[str, int, Mapping],
    save: Callable[[], object],
) -> bool:
    """`save()` unless this browser sent the same `answer` (scope, page id,
    data: see `answer_hash`) recently; either way `response` remembers it.
    Whether it was saved now (a sending again is not, and counts for nothing,
    the rate limit included)."""
    digest = answer_hash(*answer)
    saved = False
    if not sent_before(request, digest) and claim_sending(request, digest) is None:
        try:
            save()
        except BaseException:
            release_sending(request, digest)
            raise
        saved = True
    remember_sent(response, request, digest)
    return saved


def _sending_key(request: HttpRequest, digest: str) -> str:
    client = "|".join(
        [
            client_address(request),
            request.headers.get("User-Agent", ""),
            request.headers.get("Accept-Language", ""),
            request.POST.get("sending", "")[:64],
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")[:64],
            digest,
        ]
    )
    key = salted_hmac("consultation.resubmission.sending", client).hexdigest()
    return f"answer-sending:{key[:32]}"


def claim_sending(request: HttpRequest, digest: str, value: str = "1") -> str | None:
    """None when this client's sending of the answer `digest` is the first
    within `DOUBLE_SEND_SECONDS` (it is now claimed, holding `value`); else the
    value the first sending claimed it with (a respondent id to give back)."""
    key = _sending_key(request, digest)
    if cache.add(key, value, DOUBLE_SEND_SECONDS):
        return None
    return cache.get(key) or value


def is_claimed(request: HttpRequest, digest: str) -> bool:
    """Whether this client's sending of the answer `digest` is claimed."""
    return cache.get(_sending_key(request, digest)) is not None


def release_sending(request: HttpRequest, digest: str) -> None:
    """Forget a claim whose answer was not saved, so that a retry is."""
    cache.delete(_sending_key(request, digest))
