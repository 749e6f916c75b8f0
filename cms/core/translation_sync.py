"""Facts follow the source: publishing a page re-syncs its live translations.

Everything that is not words (fees and currency, durations, dates, periods,
population, decree numbers, states, links, choices) is copied from the
Indonesian source by wagtail-localize when a translation is synced: numbers in
StreamField blocks and `SynchronizedField`s are not segments, so the target
takes them from the source. Without a sync, the English page and everything
built from it (API, open data, search) kept the old fee. So when a page of the
default language is published, each enabled translation whose page is live is
synced and published at once. Its words keep their translations; a string that
changed in the source has none yet, shows in the source language, and the page
says its translation lags (`lagging_source`).

Strings a translator saved since the last publication are published with it:
they are translations of text a moderator already approved in the source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from .locales import locale_by_id
from .memo import remembered
from .translation import source_translation


def live_translations(source: TranslationSource):
    """The enabled translations of `source` whose target page is published."""
    translations = Translation.objects.filter(source=source, enabled=True)
    for translation in translations.select_related("target_locale"):
        target = (
            Page.objects.filter(
                translation_key=source.object_id, locale=translation.target_locale
            )
            .live()
            .first()
        )
        if target is not None:
            yield translation, target


@receiver(page_published, dispatch_uid="core_sync_translations_on_publish")
def sync_translations_on_commit(sender, instance: Page, **kwargs) -> None:
    """Sync once the publication is complete: after every app's receivers
    (a standard's version is recorded before its translations follow)."""
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        transaction.on_commit(lambda: sync_translations(instance.pk))


def sync_translations(page_id: int) -> None:
    """Re-sync and publish the live translations of the page `page_id`."""
    instance = Page.objects.filter(pk=page_id).first()
    if instance is None or not instance.live:
        return
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is None:
        return
    current = extracted_since_publication(source, instance)
    if not current:
        source.update_from_db()
    for translation, target in list(live_translations(source)):
        if current and built_from(target, source):
            continue
        # save_target(publish=True) would publish when the transaction
        # commits, after the page cache and search have been told of the
        # source; publish the new revision now, as the admin's sync does.
        translation.save_target(publish=False)
        target.specific_class.objects.get(pk=target.pk).get_latest_revision().publish()


def extracted_since_publication(source: TranslationSource, page: Page) -> bool:
    """True when the source's segments were extracted after the page's last
    publication (by `translate_page` or an earlier sync in the same
    transaction): they already hold what was published."""
    published = page.last_published_at
    return published is not None and source.last_updated_at >= published


def built_from(target: Page, source: TranslationSource) -> bool:
    """True when `target` was published after its source's last extraction:
    syncing it again would publish the same page once more."""
    published = target.last_published_at
    return published is not None and published >= source.last_updated_at


@dataclass(frozen=True)
class LaggingSource:
    """Where a lagging translation's source is read, and in which language."""

    url: str
    language_code: str


def lagging_source(page: Page) -> LaggingSource | None:
    """Where the source page is read when `page` is a translation with strings
    not yet translated since the source changed; None otherwise.

    Remembered until the tree changes (`cms.core.memo`): it changes when the
    source is published (its strings are extracted again) or the translation
    is, both of which move the tree version. Strings translated but not yet
    published leave the page lagging, as it does until it is published."""
    language_code = locale_by_id(page.locale_id).language_code
    if language_code == settings.LANGUAGE_CODE:
        return None
    return remembered(
        ("lagging translation", page.pk),
        lambda: find_lagging_source(page, language_code),
    )


def find_lagging_source(page: Page, language_code: str) -> LaggingSource | None:
    if not untranslated_segments([page.translation_key], language_code).exists():
        return None
    source = source_translation(page)
    if source.pk == page.pk:
        return None
    return LaggingSource(source.get_url(), locale_by_id(source.locale_id).language_code)


def lagging_translation_keys(
    translation_keys: Iterable[Any], language_code: str
) -> set[Any]:
    """The `translation_keys` of sources whose `language_code` translation has
    strings not yet translated since the source changed, in one query (the
    test of `lagging_source` for many pages at once)."""
    untranslated = untranslated_segments(translation_keys, language_code)
    return set(untranslated.values_list("source__object_id", flat=True).distinct())


def untranslated_segments(
    translation_keys: Iterable[Any], language_code: str
) -> QuerySet[StringSegment]:
    """The source strings of these pages that their enabled `language_code`
    translation has not translated (wagtail-localize's `get_progress` counts
    the same, one translation at a time and in two queries)."""
    return StringSegment.objects.filter(
        source__object_id__in=list(translation_keys),
        source__translations__target_locale__language_code=language_code,
        source__translations__enabled=True,
    ).exclude(
        Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale__language_code=language_code,
                has_error=False,
            )
        )
    )
