"""The page an admin screen of the site works on, for the user asking.

Screens beside Wagtail's page editor (exports, reports, moderation, kiosk
enrolments, sending a translation to moderation) act on one page and follow
Wagtail's page permissions, so the per-unit groups (`unit_access`) decide who
may use them: editing the page, or publishing it for what moderators do.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from wagtail.models import Page

PageT = TypeVar("PageT", bound=Page)


def page_for(
    request: HttpRequest, model: type[PageT], page_id: int, *, publish: bool = False
) -> PageT:
    """The `model` page `page_id`, if the user may edit it (publish it, with
    `publish`); 404 when there is none, PermissionDenied otherwise."""
    page = get_object_or_404(model, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not (permissions.can_publish() if publish else permissions.can_edit()):
        raise PermissionDenied
    return page


class PageAccessMixin:
    """A class-based admin view of one page (`page_id` in its URL): the page,
    as `self.page`, for whoever may edit it (publish it, with
    `publish_required`), checked by `page_for` before the view looks up
    anything else, so another unit's staff get nothing from it."""

    page_model: type[Page] = Page
    publish_required = False

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.page = page_for(
            request,
            self.page_model,
            kwargs["page_id"],
            publish=self.publish_required,
        )
        super().setup(request, *args, **kwargs)
