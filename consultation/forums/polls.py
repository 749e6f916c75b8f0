"""Polls: one vote per respondent per poll, counted by the database."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import HttpRequest
from wagtail.models import Page

from .. import respondents
from .choices import PollResultsVisibility
from .records import Vote


def poll_results(poll: Page) -> dict:
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


def poll_results_for(consultation) -> list[dict]:
    """Results of the consultation's live polls, placed ones first."""
    placed, others = consultation.polls()
    return [poll_results(poll) for poll in placed + others]


def has_voted(poll: Page, request: HttpRequest) -> bool:
    voter = respondents.cookie_id(request)
    return (
        bool(voter)
        and Vote.objects.filter(poll_id=poll.source.pk, voter_key=f"c:{voter}").exists()
    )


def results_visible(poll: Page, voted: bool) -> bool:
    if poll.results_visibility == PollResultsVisibility.AFTER_VOTE:
        return voted or not poll.is_open()
    return not poll.is_open() and poll.closes_at is not None


def poll_context(poll: Page, request: HttpRequest) -> dict:
    voted = has_voted(poll, request)
    return {
        "poll": poll,
        "voted": voted,
        "poll_open": poll.is_open(),
        "show_results": results_visible(poll, voted),
        "results": poll_results(poll),
    }


def record_vote(poll: Page, index: int, voter: str) -> bool:
    """Store the voter's vote; False if they had voted in this poll already
    (the database constraint is the last word)."""
    try:
        with transaction.atomic():
            Vote.objects.create(
                poll_id=poll.source.pk, choice_index=index, voter_key=f"c:{voter}"
            )
    except IntegrityError:
        return False
    return True
