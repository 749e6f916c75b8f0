"""The site's locales, remembered per process (`cms.core.memo.remembered`).

Wagtail's `Locale.get_default()` and `Locale.get_active()` read the locale's
row on every call, and `page.locale` reads it for every page: several queries
per page for two rows that change only when an administrator adds a language,
which moves the tree generation that the memo follows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from .memo import remembered

PageT = TypeVar("PageT", bound=Page | None)


def default_language() -> str:
    """The language code of the default locale (`Locale.get_default()`'s)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _locales() -> dict:
    def load() -> dict:
        rows = list(Locale.objects.all())
        return {
            "by_code": {locale.language_code: locale for locale in rows},
            "by_id": {locale.pk: locale for locale in rows},
        }

    return remembered(("locales",), load)


def locale_for(language_code: str) -> Locale:
    """The locale of `language_code` (Locale.DoesNotExist when there is none)."""
    try:
        return _locales()["by_code"][language_code]
    except KeyError:
        raise Locale.DoesNotExist(language_code) from None


def locale_by_id(locale_id: int) -> Locale:
    """The locale with primary key `locale_id`, as `page.locale` would read it."""
    try:
        return _locales()["by_id"][locale_id]
    except KeyError:
        raise Locale.DoesNotExist(locale_id) from None


def with_locale(page: PageT) -> PageT:
    """`page` with its locale attached from the remembered rows: what
    `select_related("locale")` gives, without joining the table (a join cost
    about half a millisecond of SQL compilation per query). None stays None."""
    if page is not None:
        page.locale = locale_by_id(page.locale_id)
    return page


def with_locales(pages: Iterable[PageT]) -> list[PageT]:
    """`with_locale` for each of `pages`."""
    return [with_locale(page) for page in pages]


def default_locale() -> Locale:
    """`Locale.get_default()`, without its query."""
    return locale_for(default_language())


def active_locale() -> Locale:
    """`Locale.get_active()`, without its query."""
    language = get_supported_content_language_variant(get_language())
    return locale_for(language)


def localized(page: Page) -> Page:
    """`page.localized`: its live translation in the active language, else
    `page`; no query when `page` is in that language already."""
    locale = active_locale()
    if page.locale_id == locale.pk:
        return page
    translation = page.get_translation_or_none(locale)
    return translation if translation is not None and translation.live else page


def remembered_localized(page: Page) -> Page:
    """`localized(page)`, remembered until the page tree changes, for a page the
    chrome shows on every page (the home page above the menu, the footer's
    privacy notice): which page translates which belongs to the tree's
    structure, like the pages down a URL. The same instance serves every
    request: read it, do not change it."""
    locale = active_locale()
    if page.locale_id == locale.pk:
        return page
    return remembered(("localized", page.pk, locale.pk), lambda: localized(page))
