"""What people search for: counted in the cache, flushed to the database later.

A search adds one to its query's count of the day (and to its zero-result
count when nothing was found) with the cache's atomic `add`/`incr`: no
database write on the request path, and nothing personal is kept (no IP, no
session, no user, no time finer than the day). The `search_flush_stats`
command, run by a scheduler, moves the counts into `SearchTermDay` rows; the
admin's search report reads those.

Queries are normalised (lower case, single spaces) and left out when they may
be personal data: an e-mail address, a run of `PERSONAL_DIGITS` or more
digits (a NIK, a phone or passport number, even written with spaces, dots or
hyphens), or more than `MAX_LENGTH` characters.

The cache cannot list its keys, so each day keeps its own list: the first
search of a query on a day takes the next slot number (`incr` on the day's
slot counter) and writes its text there; the flush reads every slot of the
day, then the counts, and takes what it read off the counts with `decr`, so
searches counted meanwhile are kept for the next flush.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import re
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchTermDay
from .promotions import normalised

MAX_LENGTH = 100
PERSONAL_DIGITS = 6
# Days of counts kept in the cache: a flush reads today and the days before.
KEPT_DAYS = 3
# Days of counts kept in the database (the report shows the last 30).
STORED_DAYS = 90
KEY_TIMEOUT = (KEPT_DAYS + 1) * 24 * 3600
FLUSH_LOCK = "search:stats:flushing"
# A flush that died keeps the lock no longer than this.
FLUSH_LOCK_SECONDS = 300
_EMAIL_RE = re.compile(r"\S+@\S+\.\S+")
_DIGITS_RE = re.compile(r"\d(?:[\s.\-/]?\d){" + str(PERSONAL_DIGITS - 1) + ",}")


def is_personal(query: str) -> bool:
    """Whether `query` may hold personal data and must not be counted."""
    return (
        len(query) > MAX_LENGTH
        or bool(_EMAIL_RE.search(query))
        or bool(_DIGITS_RE.search(query))
    )


def _day_prefix(day: datetime.date) -> str:
    return f"search:stats:{day.isoformat()}"


def _query_id(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()[:32]


def _increment(key: str) -> int:
    """`key` plus one, created at 1 when the cache has none."""
    if cache.add(key, 1, KEY_TIMEOUT):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # dropped between add and incr
        cache.add(key, 1, KEY_TIMEOUT)
        return 1


def record(q: str, total: int, day: datetime.date | None = None) -> None:
    """Count one search of `q` that found `total` results."""
    query = normalised(q)
    if not query or is_personal(query):
        return
    prefix = f"{_day_prefix(day or timezone.localdate())}"
    query_id = _query_id(query)
    if cache.add(f"{prefix}:seen:{query_id}", True, KEY_TIMEOUT):
        slot = _increment(f"{prefix}:slots")
        cache.set(f"{prefix}:slot:{slot}", query, KEY_TIMEOUT)
    _increment(f"{prefix}:count:{query_id}")
    if total == 0:
        _increment(f"{prefix}:zero:{query_id}")


@dataclass
class DayCounts:
    """One query's counts of one day, as read from the cache."""

    day: datetime.date
    query: str
    searches: int
    zero_results: int


def read_day(day: datetime.date) -> list[DayCounts]:
    """The counts of `day` still in the cache (not yet flushed)."""
    prefix = _day_prefix(day)
    slots = cache.get(f"{prefix}:slots") or 0
    slot_keys = [f"{prefix}:slot:{n}" for n in range(1, slots + 1)]
    queries = [q for q in cache.get_many(slot_keys).values() if q]
    ids = {query: _query_id(query) for query in queries}
    count_keys = [
        f"{prefix}:{what}:{query_id}"
        for query_id in ids.values()
        for what in ("count", "zero")
    ]
    counts = cache.get_many(count_keys)
    found = []
    for query, query_id in ids.items():
        searches = counts.get(f"{prefix}:count:{query_id}") or 0
        zero = counts.get(f"{prefix}:zero:{query_id}") or 0
        if searches or zero:
            found.append(DayCounts(day, query, searches, zero))
    return found


def _take(key: str, amount: int) -> None:
    if amount:
        # Expired meanwhile (ValueError): nothing left to keep.
        with contextlib.suppress(ValueError):
            cache.decr(key, amount)


def prune(today: datetime.date | None = None) -> int:
    """Delete the rows older than `STORED_DAYS`; the number deleted."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=STORED_DAYS)
    deleted, _by_model = SearchTermDay.objects.filter(date__lt=cutoff).delete()
    return deleted


def flush(today: datetime.date | None = None) -> int:
    """Move the cached counts of the last `KEPT_DAYS` days into the database.

    Returns the number of (day, query) counts written. One flush at a time
    (the scheduler's command and an editor opening the report may meet): a
    second one finds the lock taken and writes nothing, so no count is moved
    twice.
    """
    owner = uuid.uuid4().hex
    if not cache.add(FLUSH_LOCK, owner, FLUSH_LOCK_SECONDS):
        return 0
    try:
        return _flush_days(today or timezone.localdate())
    finally:
        # A flush that outlived its lock must not free another flush's.
        if cache.get(FLUSH_LOCK) == owner:
            cache.delete(FLUSH_LOCK)


def _flush_days(today: datetime.date) -> int:
    written = 0
    for back in range(KEPT_DAYS):
        day = today - datetime.timedelta(days=back)
        prefix = _day_prefix(day)
        for counts in read_day(day):
            with transaction.atomic():
                row, created = SearchTermDay.objects.get_or_create(
                    date=day,
                    query=counts.query,
                    defaults={
                        "searches": counts.searches,
                        "zero_results": counts.zero_results,
                    },
                )
                if not created:
                    SearchTermDay.objects.filter(pk=row.pk).update(
                        searches=F("searches") + counts.searches,
                        zero_results=F("zero_results") + counts.zero_results,
                    )
            query_id = _query_id(counts.query)
            _take(f"{prefix}:count:{query_id}", counts.searches)
            _take(f"{prefix}:zero:{query_id}", counts.zero_results)
            written += 1
    return written
