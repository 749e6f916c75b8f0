"""Consultations and surveys in the unit dashboard (`forums.dashboard`,
`surveys.dashboard`) and the survey's poster on its edit screen."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from cms.core.dashboard import Workplace
from consultation.forums.dashboard import unit_consultations
from consultation.forums.factories import ConsultationPageFactory
from consultation.forums.models import Commitment
from consultation.forums.records import ComponentComment
from consultation.surveys.dashboard import unit_surveys
from consultation.surveys.factories import SurveyResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The lines are read in the English source text (the admin follows each
    user's language; tests/test_unit_dashboard.py checks the Indonesian)."""
    with translation.override("en"):
        yield


TODAY = datetime.date.today()


def moderator_of(unit) -> Workplace:
    return Workplace(None, (unit,), frozenset({unit.pk}))


def lines(contribute, unit, workplace=None):
    block = contribute(workplace or moderator_of(unit)).get(unit.pk)
    return block.lines if block else []


def test_an_overdue_outcome_is_flagged_with_its_edit_screen(unit_a):
    page = ConsultationPageFactory(
        parent=unit_a,
        title="Paspor elektronik",
        opens_on=TODAY - datetime.timedelta(days=120),
        closes_on=TODAY - datetime.timedelta(days=100),
    )
    [line] = lines(unit_consultations, unit_a)
    assert "Paspor elektronik: the outcome was due on" in line.text
    assert line.attention
    assert line.url == reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_consultations_opening_or_closing_within_two_weeks_are_listed(unit_a):
    ConsultationPageFactory(
        parent=unit_a,
        title="Segera dibuka",
        opens_on=TODAY + datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=40),
    )
    ConsultationPageFactory(
        parent=unit_a,
        title="Segera ditutup",
        opens_on=TODAY - datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=5),
    )
    ConsultationPageFactory(
        parent=unit_a,
        title="Masih lama",
        opens_on=TODAY - datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=60),
    )
    texts = [line.text for line in lines(unit_consultations, unit_a)]
    assert any(text.startswith("Segera dibuka opens on") for text in texts)
    assert any(text.startswith("Segera ditutup closes on") for text in texts)
    assert not any("Masih lama" in text for text in texts)


def test_a_pending_comment_is_counted_for_moderators_only(unit_a, survey, passport):
    page = ConsultationPageFactory(parent=unit_a)
    for text in ("satu", "dua"):
        ComponentComment.objects.create(
            consultation=page,
            standard=passport,
            component="biaya",
            text=text,
            respondent_key=text,
        )
    [line] = [line for line in lines(unit_consultations, unit_a) if line.moderation]
    assert line.count == 2
    assert line.url == reverse("consultation_moderation:index")
    editor = Workplace(None, (unit_a,), frozenset())
    assert not [
        line for line in lines(unit_consultations, unit_a, editor) if line.moderation
    ]


def test_an_overdue_commitment_is_flagged(unit_a):
    page = ConsultationPageFactory(parent=unit_a)
    Commitment.objects.create(
        page=page,
        said="Tambah loket",
        action="Loket kedua dibuka",
        owner="Kepala",
        due_date=TODAY - datetime.timedelta(days=2),
        locale=page.locale,
    )
    [line] = lines(unit_consultations, unit_a)
    assert "Commitment overdue since" in line.text and "Tambah loket" in line.text
    assert line.attention


def test_a_short_sample_is_flagged_against_the_minimum(unit_a, survey, respond):
    respond([3] * 9, suggestion="Tambah kursi")
    texts = {line.text: line for line in lines(unit_surveys, unit_a)}
    sample = texts["SKM KJRI Toronto: 1 respondent of the minimum sample of 278"]
    assert sample.attention
    assert sample.url == reverse("consultation_survey:report", args=[survey.pk])
    assert "SKM KJRI Toronto: index so far 75.00" in texts
    assert texts["suggestion waiting for moderation"].count == 1


def test_the_index_so_far_has_a_decimal_comma_in_indonesian(unit_a, survey, respond):
    respond([3, 3, 3, 3, 3, 3, 3, 3, 4])
    with translation.override("id"):
        texts = {line.text for line in lines(unit_surveys, unit_a)}
    assert "SKM KJRI Toronto: indeks sejauh ini 77,78" in texts


def test_the_kiosk_and_the_poster_are_one_click_away(unit_a, survey):
    urls = {line.text: line.url for line in lines(unit_surveys, unit_a)}
    assert urls["SKM KJRI Toronto: kiosk tablets"] == reverse(
        "consultation_survey:kiosks", args=[survey.pk]
    )
    assert urls["SKM KJRI Toronto: QR poster"].endswith("/poster/")


def test_the_survey_edit_screen_links_to_the_poster(client, survey, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "editor"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content
    assert (survey.url + "poster/").encode() in html


def test_another_units_survey_is_not_in_the_block(unit_a, unit_b, survey):
    SurveyResponseFactory(survey=survey)
    assert unit_b.pk not in unit_surveys(moderator_of(unit_b))
