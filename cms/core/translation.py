"""Pages and their translations: the source translation, and translating from code.

Editors translate in the admin; `seed_demo` and tests need the same machinery
without the UI, so the English pages stay synced from the Indonesian source.
Answers, scores and stage history are stored against the source translation (the
page in the default language), which `source_translation` finds.
"""

from typing import TypeVar

from django.db.models import Q, QuerySet
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from .locales import default_language, locale_by_id
from .queries import first_row

PageT = TypeVar("PageT", bound=Page)


class ServedInItsLanguage:
    """A page type whose serving builds what it shows (forms, labels, figures)
    in the page's language, for every route of a `RoutablePageMixin` (list it
    before that mixin).

    An untranslated page is served under the reader's URL with its content in
    its own language (`templates/base.html`); a form built in the reader's
    language put English choices under Indonesian questions. The chrome still
    renders in the reader's language: the response is rendered after `serve`.
    """

    def serve(self, request, *args, **kwargs):
        with translation.override(locale_by_id(self.locale_id).language_code):
            return super().serve(request, *args, **kwargs)


def in_locale_or_untranslated(pages: QuerySet, locale: Locale) -> QuerySet:
    """`pages` in `locale`, plus those of the default language that have no
    live translation in it: a listing in English still lists what is
    published in Indonesian only (the template marks it and links it through
    `reader_url`, where it opens with an English notice)."""
    if locale.language_code == default_language():
        return pages.filter(locale=locale)
    translated = Page.objects.filter(locale=locale, live=True).values("translation_key")
    return pages.filter(
        Q(locale=locale)
        | (
            Q(locale__language_code=default_language())
            & ~Q(translation_key__in=translated)
        )
    )


def source_translation(page: PageT) -> PageT:
    """`page` in the default language, of the same specific type; `page` itself
    when it is in the default language or has no translation there.

    One query, as `page.get_translation_or_none(Locale.get_default())` would
    take two (the locale, then the page) on every English page.
    """
    language = default_language()
    if locale_by_id(page.locale_id).language_code == language:
        return page
    # One translation per language at most.
    translations = page.get_translations().filter(locale__language_code=language)
    return first_row(translations, page)


def translate_page(
    page: Page, language_code: str, strings: dict[str, str], publish: bool = True
) -> Page:
    """Create or update the `language_code` translation of `page`.

    `strings` maps each source string (as extracted by wagtail-localize) to its
    translation; strings without an entry fall back to the source text. The
    page's parent must already be translated (or be the tree root's child).
    """
    page = page.specific_class.objects.get(pk=page.pk)  # fresh publication dates
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(page)
    changed = created
    stale = page.last_published_at and page.last_published_at > source.last_updated_at
    if not created and stale:
        source.update_from_db()
        changed = True
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    changed |= _store_strings(source, locale, strings)
    target = page.get_translation_or_none(locale)
    if changed or target is None or (publish and not target.live):
        # wagtail-localize defers publishing to the end of the transaction, when
        # the parent's tree counters it holds may be stale; publish right away.
        translation.save_target(publish=False)
        target = page.get_translation(locale)
        if publish:
            target.get_latest_revision().publish()
    return page.get_translation(locale).specific


def _store_strings(source: TranslationSource, locale: Locale, strings) -> bool:
    """Save the given translations of the source's segments; True if any changed.

    The existing translations are read in one query, and each new or changed
    one saved on its own (`StringTranslation.save` checks it and updates the
    page's draft title): a page of a hundred strings costs a hundred writes,
    not three hundred queries.
    """
    segments = StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )
    wanted = {
        (segment.string, segment.context): strings[segment.string.data]
        for segment in segments
        if segment.string.data in strings
    }
    existing = {
        (translation.translation_of_id, translation.context_id): translation
        for translation in StringTranslation.objects.filter(
            translation_of__in=[string for string, _ in wanted], locale=locale
        )
    }
    changed = False
    for (string, context), text in wanted.items():
        translation = existing.get((string.pk, context.pk))
        if translation is None:
            translation = StringTranslation(
                translation_of=string, locale=locale, context=context
            )
        elif translation.data == text:
            continue
        translation.data = text
        translation.translation_type = "manual"
        translation.save()
        changed = True
    return changed
