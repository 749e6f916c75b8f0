"""The process memo of `cms.core.routing` for what the page types look up
per request (form classes, a survey's time zone, services and questions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest


def remembered(request: HttpRequest, key: tuple, compute: Callable[[], Any]) -> Any:
    """`cms.core.routing.remembered`: the value of `compute()` kept in the
    process until the site's structure generation moves."""
    # Imported on use to break the app-loading cycle with wagtail:
    # cms.core.routing imports wagtail.views, which loads the Page model on
    # import, and this module is imported while Django loads the app's models.
    from cms.core.routing import remembered as memo

    return memo(request, key, compute)
