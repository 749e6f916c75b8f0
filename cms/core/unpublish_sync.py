"""Unpublishing a page unpublishes its translations.

A unit withdraws a standard, a survey or a consultation by unpublishing the
Indonesian page; wagtail-localize leaves the English translation live, so the
withdrawn page stayed listed in English (unit pages, search, the APIs, open
data, the sitemap), and an English survey kept taking answers, which are
counted on the Indonesian page. Every unpublication of a default-language page
(Wagtail's screen, its bulk action, the admin API, a scheduled expiry) is made
to its live translations too, as its view restrictions are
(`cms.core.restriction_sync`). Publishing it again leaves the translations to
their own moderation.
"""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_unpublished

from .locales import default_language, locale_by_id


@receiver(page_unpublished)
def unpublish_translations(sender, instance: Page, **kwargs) -> None:
    if locale_by_id(instance.locale_id).language_code != default_language():
        return
    translations = (
        Page.objects.filter(translation_key=instance.translation_key, live=True)
        .exclude(pk=instance.pk)
        .specific()
    )
    for translation in translations:
        translation.unpublish()
