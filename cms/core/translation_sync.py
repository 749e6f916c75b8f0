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

Strings a translator saved since the translation was last published by
someone are not (a sync's own publications are logged as `SYNC_LOG_ACTION`,
not as a publication: `reviewed_at`): nobody has reviewed them (they are
published when the translation is, through its moderation). The sync
publishes such a string as the live page shows it, else in the source language
(`words_as_published`); the translator's work stays in the translation editor.
The same holds for overrides (a link or a synchronised text a translator
replaced for this language): one saved since the last reviewed publication is
left out, so the page shows the source's reviewed value until the
translation's own moderation publishes it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery, Value
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry
from wagtail.signals import page_published
from wagtail_localize.models import (
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .locales import locale_by_id
from .memo import remembered
from .translation import source_translation

# How a sync's publication of a translation is logged: not "wagtail.publish",
# which marks a publication someone reviewed (`reviewed_at`).
SYNC_LOG_ACTION = "terpadu.translation_sync"


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
        with transaction.atomic(), words_as_published(translation, target):
            translation.save_target(publish=False)
        revision = target.specific_class.objects.get(pk=target.pk).get_latest_revision()
        revision.publish(log_action=False)
        log(instance=revision.content_object, action=SYNC_LOG_ACTION, revision=revision)


def reviewed_at(target: Page):
    """When the content of `target`'s last reviewed publication was saved:
    the creation of the latest revision published by someone (an editor with
    the right, or its moderation's approval) that a sync did not make. What a
    translator saved after it was in no revision anyone published, however
    many syncs have published the page since, and even when a moderator
    approved a revision a sync made meanwhile (Wagtail's approval publishes the
    latest revision, which then holds the sync's words, not the translator's)."""
    entries = PageLogEntry.objects.filter(page_id=target.pk, revision__isnull=False)
    synced = entries.filter(action=SYNC_LOG_ACTION).values("revision_id")
    created = (
        entries.filter(action="wagtail.publish")
        .exclude(revision_id__in=synced)
        .order_by("-timestamp")
        .values_list("revision__created_at", flat=True)
        .first()
    )
    # A page published before publications were logged: its last publication.
    return created or target.last_published_at


def unreviewed_strings(translation: Translation, since) -> QuerySet:
    """The strings of `translation` saved after `since` (`reviewed_at`)."""
    return StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        context__object_id=translation.source.object_id,
        updated_at__gt=since,
        has_error=False,
    ).select_related("context")


def unreviewed_overrides(translation: Translation, since) -> QuerySet:
    """The overrides of `translation` saved after `since` (`reviewed_at`; an
    editor's PUT to the translation editor publishes nothing by itself)."""
    return SegmentOverride.objects.filter(
        locale_id=translation.target_locale_id,
        context__object_id=translation.source.object_id,
        updated_at__gt=since,
        has_error=False,
    )


def live_strings(target: Page) -> dict[str, list[str]]:
    """The strings of the live `target`, by their path in the page."""
    found: dict[str, list[str]] = {}
    for segment in extract_segments(target.specific):
        if isinstance(segment, StringSegmentValue):
            found.setdefault(segment.path, []).append(segment.string.data)
    return found


@contextmanager
def words_as_published(translation: Translation, target: Page) -> Iterator[None]:
    """While the target is saved, each unreviewed string reads as the live
    page shows it where its path holds that one string, else is left out (the
    source's text is used: the paragraphs of a rich text share a path, and
    which one it was cannot be told), and each unreviewed override is left out
    (the source's value is used). Restored afterwards, unchanged."""
    # wagtail-localize applies no override with `has_error`: the source's
    # value is published instead, until the translation's moderation.
    since = reviewed_at(target)
    overrides = list(
        unreviewed_overrides(translation, since).values_list("pk", flat=True)
    )
    SegmentOverride.objects.filter(pk__in=overrides).update(has_error=True)
    try:
        with strings_as_published(translation, target, since):
            yield
    finally:
        SegmentOverride.objects.filter(pk__in=overrides).update(has_error=False)


@contextmanager
def strings_as_published(
    translation: Translation, target: Page, since
) -> Iterator[None]:
    """`words_as_published` for the strings saved after `since`."""
    held = list(unreviewed_strings(translation, since))
    if not held:
        yield
        return
    live = live_strings(target)
    replaced, left_out = [], []
    for string in held:
        shown = live.get(string.context.path, []) if string.context else []
        if len(shown) == 1:
            StringTranslation.objects.filter(pk=string.pk).update(data=shown[0])
            replaced.append(string)
        else:
            left_out.append(string.pk)
    # `has_error` strings are the ones wagtail-localize does not apply.
    StringTranslation.objects.filter(pk__in=left_out).update(has_error=True)
    try:
        yield
    finally:
        StringTranslation.objects.filter(pk__in=left_out).update(has_error=False)
        for string in replaced:
            StringTranslation.objects.filter(pk=string.pk).update(data=string.data)


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


# Why a translation lags its source (`lagging_translation_keys`).
UNTRANSLATED = "untranslated"
UNFOLLOWED = "unfollowed"


@dataclass(frozen=True)
class LaggingSource:
    """Where a lagging translation's source is read, and in which language.

    `changed_at`: when the translation no longer follows its source (its sync
    was stopped) and the source was published after it, that publication; its
    facts, a fee included, may be out of date. None when only some strings are
    not translated yet."""

    url: str
    language_code: str
    changed_at: datetime.datetime | None = None


def lagging_source(page: Page) -> LaggingSource | None:
    """Where the source page is read when `page` is a translation with strings
    not yet translated since the source changed, or one that no longer follows
    its source and is older than it; None otherwise.

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
    why = lagging_translation_keys([page.translation_key], language_code)
    if page.translation_key not in why:
        return None
    source = source_translation(page)
    if source.pk == page.pk:
        return None
    changed_at = (
        source.last_published_at if why[page.translation_key] == UNFOLLOWED else None
    )
    return LaggingSource(
        source.get_url(), locale_by_id(source.locale_id).language_code, changed_at
    )


def lag_reasons(pages: Iterable[Page]) -> dict[int, str]:
    """{page id: why} for those of `pages` that are translations lagging their
    source (`lagging_translation_keys`, one query per language among them)."""
    by_language: dict[str, list[Page]] = {}
    for page in pages:
        language = locale_by_id(page.locale_id).language_code
        if language != settings.LANGUAGE_CODE:
            by_language.setdefault(language, []).append(page)
    reasons: dict[int, str] = {}
    for language, translations in by_language.items():
        why = lagging_translation_keys(
            [p.translation_key for p in translations], language
        )
        reasons.update(
            {
                p.pk: why[p.translation_key]
                for p in translations
                if p.translation_key in why
            }
        )
    return reasons


def lagging_translation_keys(
    translation_keys: Iterable[Any], language_code: str
) -> dict[Any, str]:
    """The `translation_keys` of sources whose live `language_code` translation
    lags, with why: `UNTRANSLATED`, strings not yet translated since the source
    changed; `UNFOLLOWED`, a translation that no longer follows its source (a
    moderator stopped its sync, so a changed fee is not copied) published
    before the source's last publication. One query (the test of
    `lagging_source` for many pages at once)."""
    keys = list(translation_keys)
    untranslated = (
        untranslated_segments(keys, language_code)
        .order_by()
        .values_list("source__object_id", Value(UNTRANSLATED))
    )
    unfollowed = (
        unfollowed_translations(keys, language_code)
        .order_by()
        .values_list("translation_key", Value(UNFOLLOWED))
    )
    lagging: dict[Any, str] = {}
    for key, why in untranslated.union(unfollowed):
        if lagging.get(key) != UNTRANSLATED:
            lagging[key] = why
    return lagging


def unfollowed_translations(
    translation_keys: list[Any], language_code: str
) -> QuerySet:
    """The live `language_code` pages of these keys that no enabled
    translation keeps in sync and whose live source was published after them."""
    source_published = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=settings.LANGUAGE_CODE,
        live=True,
    ).values("last_published_at")[:1]
    following = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"),
        target_locale_id=OuterRef("locale_id"),
        enabled=True,
    )
    return (
        Page.objects.filter(
            translation_key__in=translation_keys,
            locale__language_code=language_code,
            live=True,
        )
        .alias(source_published=Subquery(source_published))
        .filter(last_published_at__lt=F("source_published"))
        .exclude(Exists(following))
    )


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
