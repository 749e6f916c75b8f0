"""Signal receivers of the site core.

- Every new unit gets its groups, permissions and workflow (in the same
  transaction that creates it: in the admin, by `seed_demo` or as a translation).
- Pages of a unit's content (`UnitOwnedPage`) moved elsewhere in the tree belong
  to the closest unit above them.
- Every change that can show on a public page makes stale the cached pages
  that show it (`cms.core.invalidation`): publication, unpublication, a live
  page saved or deleted, and the rows of the content apps (those whose
  AppConfig sets `public_content = True`) that editors change: stages, scores,
  moderation decisions. What shows on every page (sites, locales, view
  restrictions, images, documents, snippets, settings, moves) makes every
  cached page stale. Rows that arrive from the public (answers, votes,
  comments: models with `arrives_from_public = True`) make nothing stale when
  they are created: the pages that show their figures are cached briefly
  (`cms.core.page_cache.LIVE_FIGURES_SECONDS`).
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from . import invalidation, page_cache
from .models import UnitPage, unit_owned_models
from .seeding import seeding_in_bulk
from .unit_access import ensure_unit_access

# Page saves that only record a draft or a lock: the live page is unchanged.
DRAFT_BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)
# Wagtail models whose rows change what every public page may show.
SITE_WIDE_WAGTAIL_MODELS = frozenset(
    {
        "wagtailcore.site",
        "wagtailcore.locale",
        "wagtailcore.pageviewrestriction",
        "wagtailcore.collectionviewrestriction",
        "wagtailimages.image",
        "wagtaildocs.document",
    }
)


@receiver(post_save, sender=UnitPage)
def set_up_unit_access(sender, instance: UnitPage, created: bool, raw=False, **kwargs):
    if raw or not created:
        return
    ensure_unit_access(instance)


def in_content_app(model) -> bool:
    """True for a model of an app whose AppConfig sets `public_content = True`."""
    return getattr(model._meta.app_config, "public_content", False)


def shows_everywhere(model) -> bool:
    """True when a row of `model` can change what every public page shows."""
    return (
        issubclass(model, BaseSiteSetting | BaseGenericSetting)
        or model._meta.label_lower in SITE_WIDE_WAGTAIL_MODELS
        or model in get_snippet_models()
    )


def pages_of_row(instance) -> set[int]:
    """The pages a content-app row belongs to (its foreign keys to pages)."""
    return {
        getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.many_to_one
        and issubclass(field.related_model, Page)
        and getattr(instance, field.attname) is not None
    }


def invalidate_for_row(sender, instance, created: bool) -> None:
    """Make stale what a saved or deleted row shows on (module docstring);
    while the demo is seeded, the whole site is made stale once at the end."""
    if seeding_in_bulk():
        return
    if issubclass(sender, Page):
        if instance.live or not created:
            invalidation.invalidate_page({instance.pk})
    elif shows_everywhere(sender):
        page_cache.invalidate_site()
    elif in_content_app(sender):
        if created and getattr(sender, "arrives_from_public", False):
            return
        pages = pages_of_row(instance)
        if pages:
            invalidation.invalidate_page(pages)
        else:
            page_cache.invalidate_site()


@receiver(post_save, dispatch_uid="page_cache_on_save")
def invalidate_on_save(
    sender, instance, created=False, raw=False, update_fields=None, **kwargs
):
    if raw or not apps.ready:
        return
    if created and issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        return  # created with its defaults on first read: nothing changed
    if (
        isinstance(instance, Page)
        and update_fields
        and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS
    ):
        return
    invalidate_for_row(sender, instance, created)


@receiver(post_delete, dispatch_uid="page_cache_on_delete")
def invalidate_on_delete(sender, instance, **kwargs):
    if apps.ready:
        invalidate_for_row(sender, instance, created=False)


@receiver(page_published, dispatch_uid="page_cache_on_publish")
@receiver(page_unpublished, dispatch_uid="page_cache_on_unpublish")
def invalidate_on_publication(sender, instance, **kwargs):
    if seeding_in_bulk():
        return
    invalidation.invalidate_page({instance.pk})


@receiver(post_page_move, dispatch_uid="page_cache_on_move")
def invalidate_on_move(sender, **kwargs):
    """The moved pages' URLs changed, and every URL below them: start afresh."""
    page_cache.invalidate_site()


@receiver(pre_save, dispatch_uid="page_cache_on_new_url")
def invalidate_on_new_url(sender, instance, raw=False, update_fields=None, **kwargs):
    """A new slug changes the URL of every page below: start afresh."""
    if raw or not isinstance(instance, Page):
        return
    if not (instance.pk and instance.numchild):
        return
    if update_fields and not {"slug", "url_path"} & set(update_fields):
        return
    stored = Page.objects.filter(pk=instance.pk).values_list("url_path", flat=True)
    if stored.first() not in (None, instance.url_path):
        page_cache.invalidate_site()


@receiver(post_page_move, dispatch_uid="unit_owned_pages_on_move")
def reassign_units_on_move(sender, instance: Page, **kwargs):
    """Pages moved (with their subtree) belong to the closest unit above them now;
    treebeard moves rows without saving the pages, so their `unit` is set here."""
    for model in unit_owned_models():
        moved = model.objects.descendant_of(instance, inclusive=True)
        for page in moved.only("pk", "path", "depth", "unit_id"):
            unit = page.unit_in_tree()
            if unit is not None and unit.pk != page.unit_id:
                model.objects.filter(pk=page.pk).update(unit=unit)
