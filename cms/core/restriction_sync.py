"""A page's view restriction covers its translations too.

Wagtail restricts a subtree of one language: a moderator who put a password
on the Indonesian survey left its English translation public, and with it the
survey's figures, which are counted on the Indonesian page (`/api/surveys/
<english id>/results/` still answered). Here every change to a page's
restrictions (Wagtail's privacy screen, a script) is made to each of its
translations, and a translation made later starts with its source's. The
restrictions are then Wagtail's own rows, which its serving, its API, the
search index and `cms.core.visibility` already obey.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import copy_for_translation_done

# Set while this module writes restrictions, so that its own writes are not
# mirrored back.
_mirroring: ContextVar[bool] = ContextVar("mirroring_restrictions", default=False)


def translations_of(page_id: int) -> list[Page]:
    """The other language versions of the page `page_id`."""
    key = Page.objects.filter(pk=page_id).values("translation_key")[:1]
    return list(Page.objects.filter(translation_key__in=key).exclude(pk=page_id))


def copy_restrictions(source_id: int, target: Page) -> None:
    """Give `target` the view restrictions of the page `source_id`, only those."""
    PageViewRestriction.objects.filter(page=target).delete()
    for restriction in PageViewRestriction.objects.filter(page_id=source_id):
        copy = PageViewRestriction.objects.create(
            page=target,
            restriction_type=restriction.restriction_type,
            password=restriction.password,
        )
        copy.groups.set(restriction.groups.all())


@contextmanager
def mirroring() -> Iterator[None]:
    """While this module writes restrictions, which are not mirrored back."""
    token = _mirroring.set(True)
    try:
        yield
    finally:
        _mirroring.reset(token)


def mirror(page_id: int) -> None:
    """Make the restrictions of every translation of `page_id` its own."""
    if _mirroring.get():
        return
    with mirroring(), transaction.atomic():
        for translation in translations_of(page_id):
            copy_restrictions(page_id, translation)


def deleted_by_itself(origin: Any) -> bool:
    """Whether a deletion started with restrictions (the privacy screen, a
    script), not with their page: a page deleted takes its own restrictions
    with it, and its translations keep theirs."""
    model = getattr(origin, "model", type(origin))
    return isinstance(model, type) and issubclass(model, PageViewRestriction)


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance: PageViewRestriction, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        mirror(instance.page_id)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(
    sender, instance: PageViewRestriction, origin: Any = None, **kwargs: Any
) -> None:
    if deleted_by_itself(origin):
        mirror(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        mirror(instance.page_id)


@receiver(copy_for_translation_done)
def translation_made(sender, source_obj, target_obj, **kwargs: Any) -> None:
    """A new translation starts with its source's restrictions."""
    if not isinstance(target_obj, Page):
        return
    if PageViewRestriction.objects.filter(page_id=source_obj.pk).exists():
        with mirroring():
            copy_restrictions(source_obj.pk, target_obj)
