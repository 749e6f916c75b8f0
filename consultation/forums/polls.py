"""Polls: one vote per respondent per poll, counted by the database."""

from __future__ import annotations

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page

from cms.core.locales import default_language, locale_by_id

from .. import respondents
from ..charts import percent_of, rounded_off
from .choices import PollResultsVisibility
from .records import Vote


def poll_results(poll: Page) -> dict:
    """Votes per choice (one GROUP BY query) with percentages."""
    rows = (
        Vote.objects.filter(poll_id=poll.source.pk)
        .values_list("choice_index")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _results(poll, dict(rows), poll.choices.all())


def poll_results_many(
    polls: list[Page], sources: dict[int, int] | None = None
) -> list[dict]:
    """`poll_results` of each of `polls` (a consultation's), in three queries
    whatever their number: their sources (unless given, see `source_ids`),
    the votes, the choices."""
    if sources is None:
        sources = source_ids(polls)
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        Vote.objects.filter(poll_id__in=set(sources.values()))
        .values_list("poll_id", "choice_index")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for poll_id, index, n in rows:
        counts[poll_id][index] = n
    choices: dict[int, list] = defaultdict(list)
    if polls:
        model = polls[0].choices.model
        ids = [poll.pk for poll in polls]
        for choice in model.objects.filter(page_id__in=ids).order_by("sort_order"):
            choices[choice.page_id].append(choice)
    return [
        _results(poll, counts[sources[poll.pk]], choices[poll.pk]) for poll in polls
    ]


def _results(poll: Page, counts: dict[int, int], choices) -> dict:
    total = sum(counts.values())
    rows = [
        {
            "index": index,
            "text": choice.text,
            "votes": counts.get(index, 0),
            "percent": percent_of(counts.get(index, 0), total),
        }
        for index, choice in enumerate(choices)
    ]
    return {
        "poll": poll,
        "question": poll.question,
        "total": total,
        "choices": rows,
        "rounded_off": rounded_off(row["percent"] for row in rows),
    }


def source_ids(polls: list[Page]) -> dict[int, int]:
    """Each poll's id -> the id of its source, the poll in the default
    language where its votes are stored (`PollPage.source`); one query for
    the translated ones."""
    language = default_language()
    found = {
        poll.pk: poll.pk
        for poll in polls
        if locale_by_id(poll.locale_id).language_code == language
    }
    translated = [poll for poll in polls if poll.pk not in found]
    if translated:
        by_key = dict(
            Page.objects.filter(
                translation_key__in=[poll.translation_key for poll in translated],
                locale__language_code=language,
            ).values_list("translation_key", "pk")
        )
        for poll in translated:
            found[poll.pk] = by_key.get(poll.translation_key, poll.pk)
    return found


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
    return poll_results_many(placed + others)


def public_poll_results(consultation) -> list[dict]:
    """`poll_results_for` without the polls whose results a reader who has not
    voted may not see yet (a shared page or JSON, cached for every reader)."""
    return [
        poll
        for poll in poll_results_for(consultation)
        if results_visible(poll["poll"], voted=False)
    ]


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
    """What `includes/poll.html` shows of one poll (its own page: a preview
    shows the choices being edited)."""
    return _context(poll, has_voted(poll, request), poll_results(poll))


def poll_contexts(polls: list[Page], request: HttpRequest) -> list[dict]:
    """`poll_context` of each of a consultation's `polls`, in a fixed number
    of queries whatever their number."""
    sources = source_ids(polls)
    voter = respondents.cookie_id(request)
    voted = (
        set(
            Vote.objects.filter(
                poll_id__in=set(sources.values()), voter_key=f"c:{voter}"
            ).values_list("poll_id", flat=True)
        )
        if voter and polls
        else set()
    )
    return [
        _context(poll, sources[poll.pk] in voted, results)
        for poll, results in zip(polls, poll_results_many(polls, sources), strict=True)
    ]


def _context(poll: Page, voted: bool, results: dict) -> dict:
    open_now = poll.is_open()
    return {
        "poll": poll,
        "voted": voted,
        "poll_open": open_now,
        "poll_closed": not open_now and timezone.now() >= poll.opens_at,
        "show_results": results_visible(poll, voted),
        "results": results,
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
