"""Wagtail's page signals -> search index updates (never `post_save`: drafts
must not leak). Active when `SEARCH_AUTO_INDEX` is true."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .indexing import sync_pages
from .models import Synonym
from .synonyms import forget_synonyms, synonym_rules


def auto_index() -> bool:
    return bool(getattr(settings, "SEARCH_AUTO_INDEX", True))


@receiver(page_published)
@receiver(page_unpublished)
def page_state_changed(sender: Any, instance: Page, **kwargs: Any) -> None:
    if auto_index():
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


@receiver(post_delete, sender=Page)
def page_deleted(sender: Any, instance: Page, **kwargs: Any) -> None:
    if auto_index() and instance.pk is not None:
        sync_pages([instance.pk])


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def synonyms_changed(sender: Any, instance: Synonym, **kwargs: Any) -> None:
    """Reload the search analyzer with the new synonyms after commit."""
    if kwargs.get("raw"):
        return
    forget_synonyms()
    transaction.on_commit(reload_cluster_synonyms)


def reload_cluster_synonyms() -> None:
    from . import index as cluster
    from .client import is_configured
    from .indexing import CLUSTER_ERRORS

    if not is_configured():
        return
    try:
        cluster.reload_synonyms(synonym_rules())
    except CLUSTER_ERRORS:
        import logging

        logging.getLogger(__name__).warning("Could not reload search synonyms")
