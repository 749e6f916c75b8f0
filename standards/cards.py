"""What a standard's card says about its fee and time: what applies today.

A standard can be published ahead of its effective date (a new decree with next
year's fees). Its page says so (`display.upcoming_change`); the cards of the
unit page and of the standards index showed the new fee as if it applied.
They now show the fee and time of the version in force, and the date they
change on; a standard with no earlier version says from when it applies.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Q

from cms.core.local_time import today_in

from .formatting import to_decimal


@dataclass(frozen=True)
class CardSummary:
    """A card's fee and time line. `changes_on`: a later version takes effect
    that day; `starts_on`: the standard itself applies only from that day."""

    free: bool
    cheapest: dict[str, Any] | None
    several_fees: bool
    added_charges: bool
    time_value: int | None
    time_unit: str
    changes_on: datetime.date | None = None
    starts_on: datetime.date | None = None


def paid_instead(items: Iterable[Mapping[str, Any]]) -> list:
    """The items one of which is paid: those not charged on top of another
    (`added`: a fine, a surcharge), or all of them when every one is."""
    items = list(items)
    return [item for item in items if not item.get("added")] or items


def lowest_fee(items: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The cheapest fee item in the first item's currency (`{"amount",
    "currency"}`), None without items, leaving out charges paid on top of
    another item (`added`: a fine alone is not what anyone pays). A card says
    "from" it when there are several: the items may be alternatives (an
    electronic or an ordinary passport), and the first item's amount with "and
    more" showed the dearer alternative as the least one pays."""
    items = paid_instead(items)
    if not items:
        return None
    currency = items[0].get("currency") or ""
    amounts = [
        amount
        for item in items
        if (item.get("currency") or "") == currency
        and (amount := to_decimal(item.get("amount"))) is not None
    ]
    return {"amount": min(amounts), "currency": currency} if amounts else None


def summary_of_page(page) -> CardSummary:
    """The card line from the live page's own fields."""
    items = [block.value for block in page.fees or ()]
    return CardSummary(
        free=bool(page.is_free),
        cheapest=lowest_fee(items),
        several_fees=len(items) > 1,
        added_charges=any(item.get("added") for item in items),
        time_value=page.completion_time_value,
        time_unit=page.completion_time_unit or "",
    )


def summary_of_version(version, changes_on: datetime.date) -> CardSummary:
    """The card line from a published version's components (`version.data`)."""
    fees = version.data.get("biaya") or {}
    items = fees.get("items") or []
    time = version.data.get("jangka_waktu") or {}
    return CardSummary(
        free=bool(fees.get("free")),
        cheapest=lowest_fee(items),
        several_fees=len(items) > 1,
        added_charges=any(item.get("added") for item in items),
        time_value=time.get("value"),
        time_unit=time.get("unit") or "",
        changes_on=changes_on,
    )


def attach_card_summaries(
    standards: Iterable, time_zone_of: Callable[[Any], str | None]
) -> None:
    """Set `card_summary` on each standard, in one query for the versions of
    those whose effective date is still to come (none otherwise)."""
    standards = list(standards)
    today = {s.pk: today_in(time_zone_of(s)) for s in standards}
    ahead = {
        s.pk: s
        for s in standards
        if s.effective_date is not None and s.effective_date > today[s.pk]
    }
    in_force = versions_in_force(ahead, today) if ahead else {}
    for standard in standards:
        if standard.pk not in ahead:
            standard.card_summary = summary_of_page(standard)
        elif standard.pk in in_force:
            standard.card_summary = summary_of_version(
                in_force[standard.pk], standard.effective_date
            )
        else:
            standard.card_summary = replace(
                summary_of_page(standard), starts_on=standard.effective_date
            )


def versions_in_force(pages: Mapping[int, Any], today: Mapping[int, datetime.date]):
    """{page id: its latest version already in effect} for `pages`."""
    from .models import ServiceStandardVersion  # the models import this module's users

    found: dict[int, Any] = {}
    versions = (
        ServiceStandardVersion.objects.filter(page_id__in=list(pages))
        .filter(
            Q(effective_date__isnull=True) | Q(effective_date__lte=max(today.values()))
        )
        .only("page_id", "number", "effective_date", "data")
        .order_by("page_id", "-number")
    )
    for version in versions:
        effective = version.effective_date
        if version.page_id in found or (
            effective is not None and effective > today[version.page_id]
        ):
            continue
        found[version.page_id] = version
    return found
