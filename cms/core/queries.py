"""Query helpers shared by the apps."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet


def first_row(queryset: QuerySet, default: Any = None) -> Any:
    """The first row of `queryset`, which holds one at most (a lookup by key),
    else `default`. A slice, not `first()`: `first()` orders by the key, and
    Django then compares every selected column with the ordering, about a
    millisecond for a page type with a related page."""
    return next(iter(queryset.order_by()[:1]), default)
