"""Wagtail's page signals -> search index updates (never a page's `post_save`:
drafts must not leak). Active when `SEARCH_AUTO_INDEX` is true.

A view restriction added, changed or removed (on a page or above it) updates
the page and its subtree at once: restricted pages leave both engines.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core.models import UnitPage
from cms.core.seeding import seeding_in_bulk

from .indexing import sync_pages
from .models import Synonym
from .promotions import promotions_changed
from .registry import registry
from .synonyms import forget_synonyms


def auto_index() -> bool:
    """False when turned off, and while `seed_demo` builds the demo (its
    search step reconciles the index once, at the end)."""
    return bool(getattr(settings, "SEARCH_AUTO_INDEX", True)) and not seeding_in_bulk()


@receiver(page_published)
@receiver(page_unpublished)
def page_state_changed(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Index the page; a unit published (maybe renamed) with its whole subtree:
    its name, short name, city and country are in every page's facet and
    keywords."""
    if not auto_index():
        return
    if kwargs.get("signal") is page_published and issubclass(
        instance.specific_class or Page, UnitPage
    ):
        sync_pages(
            Page.objects.filter(path__startswith=instance.path).values_list(
                "pk", flat=True
            )
        )
    else:
        sync_pages([instance.pk])


@receiver(post_page_move)
def page_moved(sender: Any, instance: Page, **kwargs: Any) -> None:
    """A move changes the URL (and maybe the unit) of the page and its subtree."""
    if auto_index():
        ids = [
            instance.pk,
            *Page.objects.descendant_of(instance).values_list("pk", flat=True),
        ]
        sync_pages(ids)


@receiver(pre_delete, sender=Page)
def page_deleting(sender: Any, instance: Page, **kwargs: Any) -> None:
    """The pages that show this one (a survey naming the standard it covers)
    are indexed again once it is gone: afterwards nothing links them to it."""
    if not auto_index() or instance.pk is None:
        return
    showing = registry.pages_showing({instance.pk})
    if showing:
        transaction.on_commit(lambda: sync_pages(showing))


@receiver(post_delete, sender=Page)
def page_deleted(sender: Any, instance: Page, **kwargs: Any) -> None:
    if auto_index() and instance.pk is not None:
        sync_pages([instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(
    sender: Any, instance: PageViewRestriction, **kwargs: Any
) -> None:
    """The restricted page and its subtree join or leave the index.

    After commit: a restriction is also deleted with its page, whose rows are
    then half gone; at commit the pages still there are indexed afresh, and
    those deleted were taken out by `page_deleted`.
    """
    if kwargs.get("raw") or not auto_index():
        return
    path = (
        Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    )
    if path is not None:
        transaction.on_commit(lambda: sync_subtree(path))


def sync_subtree(path: str) -> None:
    """Update both engines for the page at `path` and every page below it."""
    sync_pages(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def synonyms_changed(sender: Any, instance: Synonym, **kwargs: Any) -> None:
    """Every process reads the synonyms again; the next search applies them.

    Synonyms are expanded in the query on every engine (`search.matching`), so
    the live index is never closed or rebuilt for them.
    """
    if kwargs.get("raw"):
        return
    forget_synonyms()


@receiver(post_save, sender=SearchPromotion)
@receiver(post_delete, sender=SearchPromotion)
@receiver(post_save, sender=Query)
@receiver(post_delete, sender=Query)
def promotions_edited(sender: Any, **kwargs: Any) -> None:
    """The next search reads which queries have best bets again."""
    promotions_changed()
