"""Pages that hold what the public sent, which deleting them would delete.

Answers, votes and comments (the models marked `arrives_from_public`) belong
to their page with a cascade: deleting a survey, a consultation, a poll, or a
standard commented on in a consultation, deleted every answer with it, with
no reason recorded, while a single response may be deleted only by a unit
moderator with a reason in the page's history. Such a page, or a page above
it, can be unpublished (its records are kept and still counted in the unit's
reports), not deleted: Wagtail's delete view, its bulk delete and the admin
API's delete action refuse it (`cms.core.wagtail_hooks`,
`cms.core.admin_guards`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db.models import Q
from django.utils.translation import ngettext
from wagtail.models import Page


def page_keys(model: type) -> list[str]:
    """The names of `model`'s foreign keys to a page."""
    return [
        field.name
        for field in model._meta.get_fields()
        if field.many_to_one
        and field.concrete
        and isinstance(field.related_model, type)
        and issubclass(field.related_model, Page)
    ]


def public_record_count(pages: Iterable[Page]) -> int:
    """How many answers, votes and comments belong to `pages` or to a page
    below one of them."""
    tree = Q()
    for page in pages:
        tree |= Q(path__startswith=page.path)
    if not tree:
        return 0
    in_tree = Page.objects.filter(tree).values("pk")
    total = 0
    for model in apps.get_models():
        if not getattr(model, "arrives_from_public", False):
            continue
        keys = page_keys(model)
        if keys:
            holds = Q()
            for key in keys:
                holds |= Q(**{f"{key}__in": in_tree})
            total += model._default_manager.filter(holds).count()
    return total


def deletion_refusal(pages: Iterable[Page]) -> str:
    """Why `pages` may not be deleted, or "" when nothing of the public's is
    on them or below them."""
    pages = list(pages)
    count = public_record_count(pages)
    if not count:
        return ""
    titles = ", ".join(f"“{page.get_admin_display_title()}”" for page in pages)
    return ngettext(
        "%(pages)s cannot be deleted: it or a page below it holds %(count)d "
        "answer, vote or comment from the public, which would be deleted with "
        "it. Unpublish it instead: what the public sent is kept.",
        "%(pages)s cannot be deleted: it or a page below it holds %(count)d "
        "answers, votes and comments from the public, which would be deleted "
        "with it. Unpublish it instead: what the public sent is kept.",
        count,
    ) % {"pages": titles, "count": count}
