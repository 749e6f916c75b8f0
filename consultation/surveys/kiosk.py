"""What the counter kiosk trusts: single-use respondent states, enrolled tablets.

Respondent states. The kiosk asks one question per screen and carries the
answers so far in a signed hidden field. Each new respondent gets a random
nonce in that state; storing the answer records the nonce in `UsedKioskState`
in the same transaction, whose primary key refuses a second row, so a replayed
last screen (or two posted at once, on any number of workers and servers)
stores one answer. A state is accepted for `SCREEN_MAX_AGE` after its screen
was shown and `RESPONDENT_MAX_AGE` after the respondent started: a nonce older
than that can never be posted again, so its row is purged on the next write.

Enrolled tablets. The unit's staff enrol a counter tablet from the admin: an
enrolment has a signed link, valid once and for `LINK_MAX_AGE`, that sets a
signed, HttpOnly cookie on the tablet naming the enrolment and a random device
key. With a valid cookie the kiosk counts against its own limit per tablet and
stores its answers as the kiosk channel; a revoked enrolment's cookie counts
for nothing. Without one the kiosk is an ordinary public form.
"""

from __future__ import annotations

import datetime
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from .records import KioskEnrolment, SurveyResponse, UsedKioskState

STATE_SALT = "consultation.kiosk"
SCREEN_MAX_AGE = 30 * 60
RESPONDENT_MAX_AGE = 2 * 60 * 60

LINK_SALT = "consultation.kiosk.enrolment"
LINK_MAX_AGE = 24 * 60 * 60
LINK_PARAMETER = "t"  # a query parameter: Wagtail's page paths allow no ":"
COOKIE_NAME = "terpadu_kiosk"
COOKIE_SALT = "consultation.kiosk.device"
# Browsers keep a cookie for at most 400 days; a tablet is enrolled again then.
COOKIE_MAX_AGE = 400 * 24 * 60 * 60


# Respondent states -------------------------------------------------------------


@dataclass
class KioskState:
    """One respondent's way through the kiosk's screens."""

    survey_id: int
    nonce: str
    issued_at: int
    answers: dict[str, int] = field(default_factory=dict)

    @classmethod
    def start(cls, survey) -> KioskState:
        """A new respondent of `survey`, with a fresh nonce."""
        return cls(survey.source.pk, secrets.token_urlsafe(16), int(time.time()))

    def signed(self) -> str:
        """The hidden field's value."""
        data = {
            "s": self.survey_id,
            "n": self.nonce,
            "t": self.issued_at,
            "a": self.answers,
        }
        return signing.dumps(data, salt=STATE_SALT)


def read_state(value: str, survey) -> KioskState | None:
    """The state posted back, or None when it is forged, expired, of another
    survey or of a respondent who started too long ago."""
    try:
        data = signing.loads(value, salt=STATE_SALT, max_age=SCREEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    nonce, issued_at, answers = data.get("n"), data.get("t"), data.get("a")
    if (
        data.get("s") != survey.source.pk
        or not isinstance(nonce, str)
        or not isinstance(issued_at, int)
        or not isinstance(answers, dict)
        or time.time() - issued_at > RESPONDENT_MAX_AGE
    ):
        return None
    return KioskState(survey.source.pk, nonce, issued_at, answers)


def store_once(
    state: KioskState, store: Callable[[], SurveyResponse]
) -> SurveyResponse | None:
    """Run `store` and record the state's nonce in one transaction.

    Returns what `store` returned, or None (and stores nothing) when the nonce
    was already recorded: a replay, or the loser of two concurrent posts, which
    waits for the winner's commit and then meets the primary key.
    """
    issued_at = datetime.datetime.fromtimestamp(state.issued_at, tz=datetime.UTC)
    try:
        with transaction.atomic():
            # bulk_create sends no post_save: a nonce shows on no page, so it
            # must not make the page cache stale (the answer itself does).
            UsedKioskState.objects.bulk_create(
                [UsedKioskState(nonce=state.nonce, issued_at=issued_at)]
            )
            response = store()
    except IntegrityError:
        if UsedKioskState.objects.filter(pk=state.nonce).exists():
            return None
        raise
    purge_used_states()
    return response


def purge_used_states(now: datetime.datetime | None = None) -> None:
    """Delete the nonces of states that can no longer be accepted.

    One DELETE on the indexed column; a queryset delete would first read the
    rows and send a post_delete signal (and a page cache invalidation) for each.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=RESPONDENT_MAX_AGE)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM consultation_usedkioskstate WHERE issued_at < %s",
            [connection.ops.adapt_datetimefield_value(cutoff)],
        )


# Enrolled tablets ---------------------------------------------------------------


class LinkRefused(Exception):
    """An enrolment link that cannot enrol a tablet, and why (for the page)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


FORGED = _(
    "This enrolment link is not valid. Copy the whole link from the admin, or "
    "ask the unit's staff for a new one."
)
EXPIRED = _(
    "This enrolment link has expired: a link can be used within 24 hours. Ask "
    "the unit's staff for a new one."
)
USED = _(
    "This enrolment link was already used to enrol a tablet. Ask the unit's "
    "staff for a new one."
)
REVOKED = _("This enrolment was revoked. Ask the unit's staff for a new one.")


def create_enrolment(survey, name: str, user) -> KioskEnrolment:
    """A new enrolment of `survey` (stored against the default-language page)."""
    now = timezone.now()
    return KioskEnrolment.objects.create(
        survey_id=survey.source.pk,
        name=name,
        link_key=secrets.token_urlsafe(32),
        link_expires_at=now + datetime.timedelta(seconds=LINK_MAX_AGE),
        created_at=now,
        created_by=user,
    )


def link_token(enrolment: KioskEnrolment) -> str:
    """The secret part of the enrolment link (signed; not guessable)."""
    return signing.dumps([enrolment.pk, enrolment.link_key], salt=LINK_SALT)


def enrolment_link(enrolment: KioskEnrolment, survey, request: HttpRequest) -> str:
    """The absolute URL that enrols a tablet, on `survey` in its language.

    Built from the site's public address (`cms.core.sites`), not from the
    admin's host: the tablet opens the public site."""
    url = survey.get_full_url(request=request) + survey.reverse_subpage("kiosk_enrol")
    query = urlencode({LINK_PARAMETER: link_token(enrolment)})
    return f"{url}?{query}"


def enrolment_for_link(token: str, survey) -> KioskEnrolment:
    """The enrolment a link may still enrol a tablet for; else LinkRefused."""
    try:
        pk, key = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkRefused(EXPIRED, 410) from None
    except (signing.BadSignature, TypeError, ValueError):
        raise LinkRefused(FORGED, 400) from None
    enrolment = KioskEnrolment.objects.filter(pk=pk, survey_id=survey.source.pk).first()
    if enrolment is None or not constant_time_compare(enrolment.link_key, key):
        raise LinkRefused(FORGED, 400)
    if enrolment.is_revoked:
        raise LinkRefused(REVOKED, 410)
    if enrolment.enrolled_at is not None:
        raise LinkRefused(USED, 410)
    if not enrolment.link_is_usable():
        raise LinkRefused(EXPIRED, 410)
    return enrolment


def enrol_device(enrolment: KioskEnrolment, response: HttpResponse) -> bool:
    """Use the link: give this tablet the enrolment's cookie.

    False when another request used the link first (the UPDATE's condition
    decides, so two tablets racing with one link cannot both be enrolled).
    """
    now = timezone.now()
    device_key = secrets.token_urlsafe(32)
    used = KioskEnrolment.objects.filter(
        pk=enrolment.pk,
        enrolled_at__isnull=True,
        revoked_at__isnull=True,
        link_expires_at__gt=now,
    ).update(enrolled_at=now, device_key=device_key)
    if not used:
        return False
    response.set_signed_cookie(
        COOKIE_NAME,
        f"{enrolment.pk}:{device_key}",
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return True


def enrolled_device(request: HttpRequest, survey) -> KioskEnrolment | None:
    """The tablet's enrolment for `survey`, if its cookie is valid and the
    enrolment is not revoked (one query, only when the cookie is there)."""
    value = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
    if not value:
        return None
    pk, _sep, device_key = value.partition(":")
    try:
        pk = int(pk)
    except ValueError:
        return None
    enrolment = (
        KioskEnrolment.objects.filter(
            pk=pk,
            survey_id=survey.source.pk,
            enrolled_at__isnull=False,
            revoked_at__isnull=True,
        )
        .only("pk", "name", "device_key")
        .first()
    )
    if enrolment is None or not constant_time_compare(enrolment.device_key, device_key):
        return None
    return enrolment


def revoke(enrolment: KioskEnrolment, user) -> None:
    """End the enrolment: its link and its tablet's cookie count no more."""
    if enrolment.revoked_at is None:
        enrolment.revoked_at = timezone.now()
        enrolment.revoked_by = user
        enrolment.save(update_fields=["revoked_at", "revoked_by"])
