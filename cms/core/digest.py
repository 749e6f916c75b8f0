"""The moderators' daily digest: what waits for each moderator's decision.

The lines are the dashboard's own (`Line.moderation` of every app's block,
for the units the person moderates), so the digest and the dashboard never
disagree. Nobody with nothing waiting gets an e-mail; nobody gets more than
one a day (`DigestDelivery`); whoever turned off "submitted" notifications in
their account settings gets none.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from .dashboard import (
    Line,
    Workplace,
    moderation_lines,
    unit_blocks,
    unit_permissions,
    workplace_for,
)
from .models import DigestDelivery, UnitPage

DIGEST_KIND = "moderation"


@dataclass(frozen=True)
class UnitDigest:
    """The lines waiting in one unit, with absolute links."""

    unit: UnitPage
    lines: list[Line]


def moderators():
    """Active people with an e-mail address who moderate at least one unit."""
    grants = unit_permissions().filter(permission__codename="publish_page")
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=grants.values("group__user"))
        .exclude(email="")
        .order_by("pk")
    )


def waiting_for(user) -> list[UnitDigest]:
    """What waits for `user`'s decision in each unit they moderate."""
    workplace = workplace_for(user)
    moderated = Workplace(
        user,
        tuple(unit for unit in workplace.units if workplace.moderates(unit.pk)),
        workplace.moderated,
    )
    blocks = unit_blocks(moderated)
    digests = []
    for unit in moderated.units:
        lines = [absolute(line) for line in moderation_lines(blocks[unit.pk])]
        if lines:
            digests.append(UnitDigest(unit, lines))
    return digests


def absolute(line: Line) -> Line:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return Line(line.text, base + line.url, line.count, line.attention, True)


def send_digest(user, day: datetime.date | None = None) -> bool:
    """Send `user` today's digest; False when nothing waits, when they turned
    the notifications off, or when today's was already sent."""
    profile = UserProfile.get_for_user(user)
    if not profile.submitted_notifications:
        return False
    day = day or timezone.localdate()
    with translation.override(profile.get_preferred_language()):
        digests = waiting_for(user)
        if not digests:
            return False
        context = {"user": user, "digests": digests}
        subject = render_to_string("core/emails/moderation_digest_subject.txt", context)
        body = render_to_string("core/emails/moderation_digest.txt", context)
    try:
        with transaction.atomic():
            DigestDelivery.objects.create(user=user, kind=DIGEST_KIND, day=day)
            send_mail(" ".join(subject.split()), body, None, [user.email])
    except IntegrityError:
        return False
    return True
