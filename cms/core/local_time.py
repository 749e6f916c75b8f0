"""Dates where a unit is (an embassy's today, not Jakarta's), and times as
the admin's exports write them."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone


def today_in(time_zone: str | None) -> datetime.date:
    """Today in `time_zone` (a unit's, which its field validates), else in the
    site's."""
    return timezone.localdate(
        timezone=zoneinfo.ZoneInfo(time_zone or settings.TIME_ZONE)
    )


def local_second(value: datetime.datetime) -> str:
    """`value` in the current (the admin user's) time zone, to the second, as
    ISO 8601 text with its offset ("2026-12-06T02:50:40+07:00"): what every
    admin export writes for a moment, in CSV and XLSX alike (a spreadsheet's
    date cell cannot say its zone)."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def local_date(value: datetime.datetime) -> str:
    """The day of `value` in the current (the admin user's) time zone, as ISO
    8601 text ("2026-12-06"): an export's moment for a user who may not see
    it to the second."""
    return timezone.localdate(value).isoformat()
