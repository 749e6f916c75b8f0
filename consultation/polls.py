"""Polls: one vote per respondent per poll, counted by the database."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cms.core.visibility import public_pages

from . import protection
from .consultation_views import COOKIE_MAX_AGE, COOKIE_NAME, COOKIE_SALT, _cookie_id
from .models import PollPage, PollResultsVisibility, Vote


def poll_results(poll: PollPage) -> dict:
    """Votes per choice (one GROUP BY query) with percentages."""
    source = poll.source
    rows = (
        Vote.objects.filter(poll_id=source.pk)
        .values("choice_index")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["choice_index"]: row["n"] for row in rows}
    total = sum(counts.values())
    choices = [
        {
            "index": index,
            "text": choice.text,
            "votes": counts.get(index, 0),
            "percent": round(100 * counts.get(index, 0) / total, 1) if total else 0,
        }
        for index, choice in enumerate(poll.choices.all())
    ]
    return {"poll": poll, "question": poll.question, "total": total, "choices": choices}


def placed_poll_ids(consultation) -> list[int]:
    """Ids of the polls the editor placed in the consultation's sections."""
    ids = []
    for block in consultation.content.raw_data:
        value = block.get("value") or {}
        if block.get("type") == "poll" and isinstance(value, dict):
            poll_id = value.get("poll")
            if isinstance(poll_id, int) and poll_id not in ids:
                ids.append(poll_id)
    return ids


def consultation_polls(consultation) -> tuple[list[PollPage], list[PollPage]]:
    """(placed, others): the public polls of a consultation in the page's language
    (restrictions on the consultation and above count as passed).

    Placed polls are shown where the editor put them in the sections; the
    others are the consultation's child polls not placed anywhere.
    """
    chosen = PollPage.objects.filter(pk__in=placed_poll_ids(consultation))
    keys = {poll.pk: poll.translation_key for poll in chosen}
    localized = {
        poll.translation_key: poll
        for poll in public_pages(PollPage.objects.all(), within=consultation).filter(
            translation_key__in=keys.values(), locale=consultation.locale
        )
    }
    placed = [
        localized[keys[pk]]
        for pk in placed_poll_ids(consultation)
        if keys.get(pk) in localized
    ]
    placed_keys = {poll.translation_key for poll in placed}
    others = [
        poll
        for poll in public_pages(
            PollPage.objects.child_of(consultation), within=consultation
        ).specific()
        if poll.translation_key not in placed_keys
    ]
    return placed, others


def poll_results_for(consultation) -> list[dict]:
    """Results of the consultation's live polls, placed ones first."""
    placed, others = consultation_polls(consultation)
    return [poll_results(poll) for poll in placed + others]


def has_voted(poll: PollPage, request: HttpRequest) -> bool:
    voter = _cookie_id(request)
    return (
        bool(voter)
        and Vote.objects.filter(poll_id=poll.source.pk, voter_key=f"c:{voter}").exists()
    )


def results_visible(poll: PollPage, voted: bool) -> bool:
    if poll.results_visibility == PollResultsVisibility.AFTER_VOTE:
        return voted or not poll.is_open()
    return not poll.is_open() and poll.closes_at is not None


def poll_context(poll: PollPage, request: HttpRequest) -> dict:
    voted = has_voted(poll, request)
    return {
        "poll": poll,
        "voted": voted,
        "poll_open": poll.is_open(),
        "show_results": results_visible(poll, voted),
        "results": poll_results(poll),
    }


def poll_view(poll: PollPage, request: HttpRequest) -> HttpResponse:
    """The poll's own page; POST records one vote."""
    context = {"page": poll, "item": poll_context(poll, request)}
    if request.method != "POST":
        return TemplateResponse(request, "consultation/poll_page.html", context)
    if not poll.is_open():
        context["error"] = _("This poll is not open for voting.")
        return TemplateResponse(
            request, "consultation/poll_page.html", context, status=403
        )
    limit = protection.hit(request, "poll")
    if not limit.allowed:
        return protection.too_many_requests(request, limit)
    if protection.is_bot(request):
        return TemplateResponse(request, "consultation/poll_page.html", context)
    try:
        index = int(request.POST.get("choice", ""))
    except ValueError:
        index = -1
    if not 0 <= index < len(poll.choices.all()):
        context["error"] = _("Choose one of the answers.")
        return TemplateResponse(
            request, "consultation/poll_page.html", context, status=400
        )
    voter = _cookie_id(request) or uuid.uuid4().hex
    try:
        with transaction.atomic():
            Vote.objects.create(
                poll_id=poll.source.pk, choice_index=index, voter_key=f"c:{voter}"
            )
    except IntegrityError:
        context["error"] = _("You have already voted in this poll.")
        return TemplateResponse(
            request, "consultation/poll_page.html", context, status=409
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = poll.url
    response = HttpResponseRedirect(next_url)
    response.set_signed_cookie(
        COOKIE_NAME,
        voter,
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
