"""Signal receivers of the site core.

- Every new unit gets its groups, permissions and workflow (in the same
  transaction that creates it: in the admin, by `seed_demo` or as a translation).
- Pages of a unit's content (`UnitOwnedPage`) moved elsewhere in the tree belong
  to the closest unit above them.
- Every change that can show on a public page makes the page cache stale
  (`cms.core.page_cache`): Wagtail's publish, unpublish and move signals, and
  saves and deletions of pages, sites, locales, view restrictions, images,
  documents, snippets, settings and the models of the content apps (those
  whose AppConfig sets `public_content = True`: answers, votes, comments,
  stages...).
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from . import page_cache
from .models import UnitPage, unit_owned_models
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
# Wagtail models whose rows change what the public sees.
SHOWN_WAGTAIL_MODELS = frozenset(
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


def shows_on_public_pages(model) -> bool:
    """True when saving or deleting a `model` row can change a public page."""
    meta = model._meta
    return (
        issubclass(model, Page | BaseSiteSetting | BaseGenericSetting)
        or meta.label_lower in SHOWN_WAGTAIL_MODELS
        or in_content_app(model)
        or model in get_snippet_models()
    )


def _shown(model) -> bool:
    if model not in _SHOWN:
        _SHOWN[model] = shows_on_public_pages(model)
    return _SHOWN[model]


_SHOWN: dict = {}


def changes_structure(model) -> bool:
    """False for the content apps' own rows (answers, votes, comments, stages):
    they show inside pages, never in routes, menus or the footer."""
    return (
        not in_content_app(model)
        or issubclass(model, Page | BaseSiteSetting | BaseGenericSetting)
        or model in get_snippet_models()
    )


@receiver(post_save, dispatch_uid="page_cache_on_save")
def invalidate_on_save(
    sender, instance, created=False, raw=False, update_fields=None, **kwargs
):
    if raw or not apps.ready or not _shown(sender):
        return
    if created and issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        return  # created with its defaults on first read: nothing changed
    if (
        isinstance(instance, Page)
        and update_fields
        and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS
    ):
        page_cache.invalidate_structure()
        return
    page_cache.invalidate(structure=changes_structure(sender))


@receiver(post_delete, dispatch_uid="page_cache_on_delete")
def invalidate_on_delete(sender, instance, **kwargs):
    if _shown(sender):
        page_cache.invalidate(structure=changes_structure(sender))


@receiver(page_published, dispatch_uid="page_cache_on_publish")
@receiver(page_unpublished, dispatch_uid="page_cache_on_unpublish")
@receiver(post_page_move, dispatch_uid="page_cache_on_move")
def invalidate_on_publication(sender, **kwargs):
    page_cache.invalidate()


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
