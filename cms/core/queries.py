"""Query helpers shared by the apps."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

# At most 18 digits: a larger number overflowed the database's integer (SQLite
# raised OverflowError) before the lookup could find nothing.
ID_DIGITS = 18


def is_integer(value: str) -> bool:
    """Whether `value` is a non-negative integer in ASCII digits, as ids are
    (an id from a query string, a form or stored text)."""
    return value.isascii() and value.isdigit() and len(value) <= ID_DIGITS


def first_row(queryset: QuerySet, default: Any = None) -> Any:
    """The first row of `queryset`, which holds one at most (a lookup by key),
    else `default`. A slice, not `first()`: `first()` orders by the key, and
    Django then compares every selected column with the ordering, about a
    millisecond for a page type with a related page."""
    return next(iter(queryset.order_by()[:1]), default)
