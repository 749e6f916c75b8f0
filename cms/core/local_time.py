"""Dates where a unit is: an embassy's today, not Jakarta's."""

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
