"""Pages not yet translated, found by a search in the reader's language.

A unit often publishes in Bahasa Indonesia first. The search in English looks
in the English index only, so a page without an English translation would stay
unfound. `untranslated_hits` runs the same words in the default language and
keeps the pages that have no live translation in the reader's language; the
search page lists them apart, marked as available in Indonesian only, each
linked under the reader's language prefix (`cms.core.language_fallback` serves
the Indonesian page there with a notice in the reader's language).
"""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from wagtail.models import Page

from . import service
from .engines.base import Hit
from .models import IndexedPage
from .query import SearchParams

# At most this many: a pointer to what exists, not a second result list.
UNTRANSLATED_LIMIT = 10


def untranslated_hits(params: SearchParams, language: str) -> list[Hit]:
    """Default-language pages matching every word of `params` that have no live
    `language` translation (first page of a search in another language only).

    Filters whose values are words of the reader's language (category, state)
    are dropped; kind, unit and year mean the same in both languages.
    """
    default = settings.LANGUAGE_CODE
    if language == default or params.locale != language or params.page != 1:
        return []
    if not params.words and not params.phrases:
        return []
    in_source = replace(
        params, locale=default, category=(), state=(), page_size=UNTRANSLATED_LIMIT
    )
    result = service.search(in_source)
    if result.any_word or result.corrected_words or not result.hits:
        return []
    untranslated = untranslated_urls([hit.url for hit in result.hits], language)
    prefix = f"/{default}/"
    return [
        replace(hit, url=f"/{language}/{hit.url.removeprefix(prefix)}")
        if hit.url.startswith(prefix)
        else hit
        for hit in result.hits
        if hit.url in untranslated
    ]


def untranslated_urls(urls: list[str], language: str) -> set[str]:
    """Those of the indexed `urls` whose page has no live `language` translation
    (one query)."""
    translated_keys = Page.objects.filter(
        locale__language_code=language, live=True
    ).values("translation_key")
    translated = Page.objects.filter(translation_key__in=translated_keys).values("pk")
    return set(
        IndexedPage.objects.filter(url__in=urls)
        .exclude(page_id__in=translated)
        .values_list("url", flat=True)
    )
