"""Editors see which translations of their unit's pages lag the source
(`cms.core.translation_dashboard`), whatever the page type."""

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail_localize.models import StringSegment, TranslationSource

from cms.core.dashboard import unit_blocks, workplace_for
from cms.core.translation import translate_page
from consultation.forums.factories import ConsultationPageFactory

pytestmark = pytest.mark.django_db

LAGS = "the English translation has text not yet translated"


def every_string(page) -> dict[str, str]:
    source, _ = TranslationSource.get_or_create_from_instance(page)
    texts = StringSegment.objects.filter(source=source).values_list(
        "string__data", flat=True
    )
    return {text: f"EN {text}" for text in texts}


@pytest.fixture
def consultation(unit_a, make_staff, django_capture_on_commit_callbacks):
    cache.clear()
    translate_page(unit_a, "en", every_string(unit_a))
    page = ConsultationPageFactory(parent=unit_a, title="Konsultasi paspor")
    page.save_revision().publish()
    translate_page(page, "en", every_string(page))
    return type(page).objects.get(pk=page.pk)


def lines_of(user, unit) -> list[str]:
    with translation.override("en"):
        blocks = unit_blocks(workplace_for(user))[unit.pk]
    return [line.text for block in blocks for line in block.lines]


def test_a_consultation_changed_in_indonesian_is_listed_as_lagging(
    unit_a, make_staff, consultation, django_capture_on_commit_callbacks
):
    editor = make_staff(unit_a)
    assert not any(LAGS in text for text in lines_of(editor, unit_a))
    consultation.summary = "Ringkasan baru yang belum diterjemahkan."
    with django_capture_on_commit_callbacks(execute=True):
        consultation.save_revision().publish()
    lagging = [text for text in lines_of(editor, unit_a) if LAGS in text]
    assert lagging == [f"EN Konsultasi paspor: {LAGS}"]


def test_another_units_editor_does_not_see_it(
    unit_a, unit_b, make_staff, consultation, django_capture_on_commit_callbacks
):
    consultation.summary = "Ringkasan baru yang belum diterjemahkan."
    with django_capture_on_commit_callbacks(execute=True):
        consultation.save_revision().publish()
    other = make_staff(unit_b)
    with translation.override("en"):
        blocks = unit_blocks(workplace_for(other)).get(unit_b.pk, [])
    assert not any(LAGS in line.text for block in blocks for line in block.lines)
