"""Who answered, without knowing who they are.

An open consultation, a poll and a comment recognise a browser by a random id
in a signed cookie (`c:<id>` in the stored respondent or voter key); nothing
else about the person is stored. One cookie serves every consultation and
poll of the site, so a respondent who answered one is recognised by the next.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse

COOKIE_NAME = "fkp_respondent"
COOKIE_SALT = "consultation.respondent"
COOKIE_MAX_AGE = 2 * 365 * 24 * 3600


def cookie_id(request: HttpRequest) -> str | None:
    """The browser's respondent id from its signed cookie; None if it has none
    or the cookie was tampered with."""
    value = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
    try:
        return uuid.UUID(value).hex if value else None
    except ValueError:
        return None


def new_id() -> str:
    """A fresh respondent id for a browser that has none."""
    return uuid.uuid4().hex


def respondent_key(respondent: str | None) -> str:
    """The stored key of a browser's respondent (a fresh one if it has none)."""
    return f"c:{respondent or new_id()}"


def remember(response: HttpResponse, request: HttpRequest, respondent: str) -> None:
    """Give the browser its respondent id for the next answer or vote."""
    response.set_signed_cookie(
        COOKIE_NAME,
        respondent,
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
