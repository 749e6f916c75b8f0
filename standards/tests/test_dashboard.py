"""Standards in the unit dashboard (`standards.dashboard`): incomplete,
not evaluated for a year, English translation lagging the source."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail_localize.models import StringSegment, TranslationSource

from cms.core.dashboard import Workplace
from cms.core.translation import translate_page
from standards.dashboard import unit_standards
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The lines are read in the English source text (the admin follows each
    user's language; tests/test_unit_dashboard.py checks the Indonesian)."""
    with translation.override("en"):
        yield


def texts(unit, user=None) -> list[str]:
    block = unit_standards(Workplace(user, (unit,), frozenset())).get(unit.pk)
    return [line.text for line in block.lines] if block else []


def test_a_standard_in_effect_for_more_than_a_year_is_flagged(unit_a):
    page = ServiceStandardPageFactory(
        parent=unit_a,
        title="Visa",
        effective_date=datetime.date(2020, 1, 1),
        last_published_at=timezone.now() - datetime.timedelta(days=400),
    )
    block = unit_standards(Workplace(None, (unit_a,), frozenset()))[unit_a.pk]
    old = [line for line in block.lines if "not evaluated" in line.text]
    assert [line.url for line in old] == [
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ]
    assert old[0].attention


def test_a_recent_publication_counts_as_an_evaluation(unit_a):
    ServiceStandardPageFactory(
        parent=unit_a, title="Visa", effective_date=datetime.date(2020, 1, 1)
    ).save_revision().publish()
    assert not [text for text in texts(unit_a) if "not evaluated" in text]


def test_a_new_draft_is_not_called_unevaluated(unit_a):
    """Seconds after an editor began a standard, the dashboard said it had not
    been evaluated for over a year."""
    ServiceStandardPageFactory(
        parent=unit_a, title="Baru", effective_date=None, live=False
    )
    found = texts(unit_a)
    assert any("Baru:" in text for text in found)
    assert not [text for text in found if "not evaluated" in text]


def test_an_incomplete_standard_says_how_many_components_are_filled(unit_a):
    ServiceStandardPageFactory(parent=unit_a, title="Legalisasi")
    assert any(
        "Legalisasi:" in text and "components filled in" in text
        for text in texts(unit_a)
    )


def test_an_english_translation_older_than_the_source_is_listed(
    unit_a, django_capture_on_commit_callbacks
):
    page = ServiceStandardPageFactory(parent=unit_a, title="Paspor baru")
    page.save_revision().publish()
    translate_page(unit_a, "en", {})
    source, _ = TranslationSource.get_or_create_from_instance(page)
    strings = StringSegment.objects.filter(source=source).values_list(
        "string__data", flat=True
    )
    english = translate_page(page, "en", {text: text for text in strings})
    assert not [text for text in texts(unit_a) if "English translation" in text]

    page = type(page).objects.get(pk=page.pk)
    page.summary = "Ringkasan yang baru saja diubah."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    block = unit_standards(Workplace(None, (unit_a,), frozenset()))[unit_a.pk]
    lagging = [line for line in block.lines if "English translation" in line.text]
    assert [line.url for line in lagging] == [
        reverse("wagtailadmin_pages:edit", args=[english.pk])
    ]


def test_another_units_standards_are_not_counted(unit_a, unit_b):
    ServiceStandardPageFactory(parent=unit_b, title="Visa Singapura")
    assert not [text for text in texts(unit_a) if "Singapura" in text]
