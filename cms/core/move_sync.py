"""Moving a page moves its translations under the translations of its new parent.

A standard moved from one unit to another in Indonesian stayed under the old
unit in English: its English address, its unit in the API and in search named
the old unit, and the English address of the new place redirected back. When
a default-language page changes parent, each translation moves under the new
parent's translation in its language, when there is one and no sibling there
already has the translation's slug (the translation then stays, as Wagtail
would refuse that slug to an editor too). A reorder under the same parent
changes nothing here.
"""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Page
from wagtail.signals import post_page_move

from .locales import default_language, locale_by_id


@receiver(post_page_move)
def move_translations(
    sender, instance: Page, parent_page_before: Page, parent_page_after: Page, **kwargs
) -> None:
    if parent_page_before.pk == parent_page_after.pk:
        return
    if locale_by_id(instance.locale_id).language_code != default_language():
        return
    for translation in instance.get_translations():
        target = parent_page_after.get_translation_or_none(translation.locale)
        if target is None or translation.get_parent().pk == target.pk:
            continue
        if target.get_children().filter(slug=translation.slug).exists():
            continue
        MovePageAction(translation, target, pos="last-child").execute(
            skip_permission_checks=True
        )
