"""Consultations and survey results become search documents."""

import pytest

from consultation.forums.factories import ConsultationPageFactory
from search.registry import registry

pytestmark = pytest.mark.django_db


def test_consultation_document_has_state_and_unit(unit_b):
    page = ConsultationPageFactory(parent=unit_b, summary="Paspor lebih cepat")
    document = registry.build(page)
    assert document.kind == "consultation"
    assert document.state == "Dibuka"  # the state's label in the page's language
    assert document.unit == "KBRI Singapura"
    assert "Paspor lebih cepat" in document.summary


def test_survey_document_points_to_the_results(survey, respond):
    respond([4] * 9)
    document = registry.build(survey)
    assert document.kind == "satisfaction_survey"
    assert document.url.endswith("/results/")
    # Indonesian: a decimal comma; the grade apart from its name ("A Sangat
    # baik" read as one phrase), the services covered apart from each other.
    assert "IKM 100,00, A (" in document.summary
    assert " · " in document.body


def test_english_survey_document_has_a_decimal_point(unit_a, survey, respond):
    from cms.core.translation import translate_page

    respond([3] * 9)
    translate_page(unit_a, "en", {})
    english = translate_page(survey, "en", {})
    assert "IKM 75.00, " in registry.build(english).summary


def test_english_consultation_state_is_in_english(unit_b, locales):
    page = ConsultationPageFactory(parent=unit_b)
    english = page.copy_for_translation(locales[1], copy_parents=True)
    english.save_revision().publish()
    english.refresh_from_db()
    assert registry.build(english).state == "Open"
