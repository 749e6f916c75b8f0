"""Storing, confirming and recognising responses to a consultation.

An accepted answer is written with its choice answers in one transaction. At
the open identity level a browser counts once (its respondent cookie); at the
confirmed e-mail level an answer counts once its address is confirmed, and the
address is forgotten then (a keyed hash of it stays as the respondent key).
"""

from __future__ import annotations

import logging
import smtplib
from urllib.parse import urlencode

from django import forms
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .. import respondents, resubmission
from ..protection import HONEYPOT_FIELD
from .choices import IdentityLevel
from .fkp import email_key
from .forms import CHOICE_TYPES, consultation_questions
from .records import ConsultationAnswer, ConsultationSubmission

logger = logging.getLogger(__name__)
CONFIRM_SALT = "consultation.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600

INVALID = "invalid"
ALREADY = "already"
CONFIRMED = "confirmed"
DUPLICATE = "duplicate"


class Duplicate(Exception):
    """The respondent's response to this consultation counts already."""


def has_counted_response(page: Page, key: str) -> bool:
    """A counted response of this respondent key exists for the consultation."""
    return ConsultationSubmission.objects.filter(
        page_id=page.source.pk, respondent_key=key, confirmed=True
    ).exists()


def already_answered(page: Page, request: HttpRequest) -> bool:
    """At the open level: this browser's response was counted already."""
    if page.identity_level != IdentityLevel.OPEN:
        return False
    respondent = respondents.cookie_id(request)
    return bool(respondent) and has_counted_response(page, f"c:{respondent}")


def stores_nothing(page: Page, form: forms.Form, request: HttpRequest) -> bool:
    """Whether storing the valid response `form` would store nothing: its
    respondent's response counts already, or this is a double tap's second
    sending (`store_response`). No rate limit applies to such a sending."""
    if page.identity_level != IdentityLevel.OPEN:
        return has_counted_response(page, email_key(form.cleaned_data["email"]))
    if respondents.cookie_id(request):
        return already_answered(page, request)
    return resubmission.is_repeat(request, ("fkp", page.pk, form.cleaned_data))


def store_submission(
    page: Page, form: forms.Form, key: str = "", confirmed: bool = True
) -> ConsultationSubmission:
    """Write the response and its choice answers in one transaction."""
    data = form.cleaned_data
    asked = getattr(form, "questions", None) or consultation_questions(page)
    questions = {f.clean_name: f for f in asked}
    answers = {name: data.get(name) for name in questions if name in data}
    with transaction.atomic():
        submission = ConsultationSubmission.objects.create(
            page_id=page.source.pk,
            form_data=answers,
            respondent_key=key or respondents.respondent_key(None),
            respondent_category=data.get("respondent_category", ""),
            name=data.get("name", "") or "",
            email=data.get("email", "") or "" if not confirmed else "",
            confirmed=confirmed,
            confirmed_at=timezone.now() if confirmed else None,
        )
        rows = []
        for name, field in questions.items():
            if field.field_type not in CHOICE_TYPES:
                continue
            value = answers.get(name)
            values = value if isinstance(value, list) else [value]
            rows += [
                ConsultationAnswer(
                    submission=submission, field=name, value=str(v)[:255]
                )
                for v in values
                if v not in (None, "")
            ]
        ConsultationAnswer.objects.bulk_create(rows)
    return submission


def store_response(
    page: Page,
    form: forms.Form,
    respondent: str | None,
    request: HttpRequest | None = None,
) -> ConsultationSubmission | None:
    """Store a valid response of the browser whose respondent id (from its
    cookie) is `respondent`: counted at once at the open level (under that id,
    or a new one), waiting for its address to be confirmed at the e-mail
    level. None when the honeypot caught a bot (nothing is stored); raises
    Duplicate when the respondent's response counts already."""
    if form.data.get(HONEYPOT_FIELD):
        return None
    if page.identity_level != IdentityLevel.OPEN:
        key = email_key(form.cleaned_data["email"])
        if has_counted_response(page, key):
            raise Duplicate
        return store_once(page, form, key, confirmed=False)
    if respondent or request is None:
        # A browser with its respondent cookie answers once by the database's
        # constraint (Duplicate: "you answered already").
        key = respondents.respondent_key(respondent)
        return store_once(page, form, key, confirmed=True)
    respondent = respondents.new_id()
    digest = resubmission.answer_hash("fkp", page.pk, form.cleaned_data)
    first = resubmission.claim_sending(request, digest, respondent)
    if first is not None:
        # A double tap's second sending: answered as the first one (its
        # respondent id for the cookie), nothing stored.
        return ConsultationSubmission(respondent_key=f"c:{first}", confirmed=True)
    try:
        return store_once(page, form, f"c:{respondent}", confirmed=True)
    except BaseException:
        resubmission.release_sending(request, digest)
        raise


def store_once(
    page: Page, form: forms.Form, key: str, confirmed: bool
) -> ConsultationSubmission:
    """`store_submission`, raising Duplicate when the key's response exists."""
    try:
        return store_submission(page, form, key=key, confirmed=confirmed)
    except IntegrityError:
        raise Duplicate from None


def send_confirmation(
    page: Page, request: HttpRequest, submission: ConsultationSubmission
) -> bool:
    """Send the confirmation link, then forget the address (kept only if the
    mail could not be sent, so that staff can send it again)."""
    token = signing.dumps(submission.pk, salt=CONFIRM_SALT)
    query = urlencode({"token": token})
    url = f"{page.get_full_url(request)}{page.reverse_subpage('confirm')}?{query}"
    try:
        send_mail(
            _("Confirm your answer to: %(title)s") % {"title": page.title},
            _(
                "Thank you for taking part. Your answer counts once you open this "
                "link within seven days:\n\n%(url)s\n\nIf you did not answer, "
                "ignore this message."
            )
            % {"url": url},
            None,
            [submission.email],
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("Confirmation e-mail for submission %s failed", submission.pk)
        return False
    ConsultationSubmission.objects.filter(pk=submission.pk).update(email="")
    return True


def confirm(page: Page, token: str) -> str:
    """Count the response the confirmation token names and forget its address:
    INVALID, ALREADY (counted before), CONFIRMED or DUPLICATE (another response
    of the same address was counted first)."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        submission = ConsultationSubmission.objects.get(pk=pk, page_id=page.source.pk)
    except (signing.BadSignature, ConsultationSubmission.DoesNotExist, TypeError):
        return INVALID
    if submission.confirmed:
        return ALREADY
    try:
        with transaction.atomic():
            submission.confirmed = True
            submission.confirmed_at = timezone.now()
            submission.email = ""
            submission.save(update_fields=["confirmed", "confirmed_at", "email"])
    except IntegrityError:
        ConsultationSubmission.objects.filter(pk=submission.pk).update(email="")
        return DUPLICATE
    return CONFIRMED
