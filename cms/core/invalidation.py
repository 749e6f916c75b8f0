"""Which cached pages a change makes stale, for the page cache and a CDN in front.

A page is shown by itself, by its translations (an English listing marks an
Indonesian-only page), by the pages above it and their translations (its unit
page lists it, the home page shows recent ones), by every index page (the
national lists of units, standards, consultations, innovations) and by the
pages that link it (Wagtail's reference index: rich text, StreamField and
foreign keys), and by the pages its type names in `pages_showing_this()`
(every page of a unit shows the unit; a unit's standards show its pledge). A
page of the main menu, or one a setting or snippet links (the footer's privacy
notice), shows on every page.

`invalidate_page` makes those pages stale in the site's own cache
(`cms.core.page_cache`) and, when `WAGTAILFRONTENDCACHE` is configured, purges
their URLs from the reverse proxy or CDN through
`wagtail.contrib.frontend_cache` (which purges the page itself on its own).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, ReferenceIndex
from wagtail.snippets.models import get_snippet_models

from . import page_cache
from .models import HomePage, IndexPage


def _index_page_types() -> list[ContentType]:
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, IndexPage | HomePage) and not model._meta.abstract
    ]
    return list(ContentType.objects.get_for_models(*models).values())


def _shows_everywhere(model: type) -> bool:
    return issubclass(model, BaseSiteSetting | BaseGenericSetting) or (
        model in get_snippet_models()
    )


def _linking(page_ids: set[int]) -> tuple[set[int], bool]:
    """Pages that link these pages, and whether a setting or snippet links one
    of them or a translation of one: a setting names a page in one language
    (the footer's Indonesian privacy notice) and every language's pages show
    it in theirs."""
    page_type = ContentType.objects.get_for_model(Page)
    group = set(
        Page.objects.filter(
            translation_key__in=Page.objects.filter(pk__in=page_ids).values(
                "translation_key"
            )
        ).values_list("pk", flat=True)
    )
    rows = (
        ReferenceIndex.objects.filter(
            to_content_type=page_type,
            to_object_id__in=[str(pk) for pk in page_ids | group],
        )
        .values_list("base_content_type_id", "object_id", "to_object_id")
        .distinct()
    )
    linking: set[int] = set()
    everywhere = False
    for content_type_id, object_id, to_object_id in rows:
        if content_type_id == page_type.pk:
            if int(to_object_id) in page_ids:
                linking.add(int(object_id))
            continue
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        everywhere = everywhere or (model is not None and _shows_everywhere(model))
    return linking, everywhere


def _in_main_menu(pages: list[Page]) -> bool:
    """A page shown in menus just below a home page appears on every page."""
    menu_depth = Page.steplen * 3  # root, home, the page
    return any(page.show_in_menus and len(page.path) == menu_depth for page in pages)


def pages_showing(page_ids: Iterable[int]) -> tuple[set[int], bool]:
    """Ids of the pages that show any of these pages, and whether one of
    them shows on every page (see the module docstring)."""
    page_ids = set(page_ids)
    pages = list(Page.objects.filter(pk__in=page_ids).only("path", "show_in_menus"))
    ancestor_paths = {
        page.path[:end]
        for page in pages
        for end in range(2 * Page.steplen, len(page.path) + 1, Page.steplen)
    }
    keys = Page.objects.filter(Q(pk__in=page_ids) | Q(path__in=ancestor_paths))
    shown_by = set(
        Page.objects.filter(
            Q(translation_key__in=keys.values("translation_key"))
            | Q(content_type__in=_index_page_types())
        ).values_list("pk", flat=True)
    )
    linking, everywhere = _linking(page_ids)
    declared = _declared(page_ids)
    return (
        shown_by | linking | declared | page_ids,
        everywhere or _in_main_menu(pages),
    )


def _declared(page_ids: set[int]) -> set[int]:
    """The pages that these pages' types say show them (`pages_showing_this`)."""
    types = set(
        Page.objects.filter(pk__in=page_ids).values_list("content_type_id", flat=True)
    )
    models = [ContentType.objects.get_for_id(pk).model_class() for pk in types]
    if not any(hasattr(model, "pages_showing_this") for model in models if model):
        return set()
    declared: set[int] = set()
    for page in Page.objects.filter(pk__in=page_ids).specific():
        if hasattr(page, "pages_showing_this"):
            declared.update(page.pages_showing_this())
    return declared


def invalidate_page(page_ids: Iterable[int]) -> None:
    """Make stale every cached page that shows these pages (see module docstring)."""
    shown_by, everywhere = pages_showing(page_ids)
    if everywhere:
        page_cache.invalidate_site()
    else:
        page_cache.invalidate_pages(shown_by)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        batch = PurgeBatch()
        batch.add_pages(Page.objects.filter(pk__in=shown_by).specific())
        batch.purge()
