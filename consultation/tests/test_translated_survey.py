"""A satisfaction survey's follow-up actions are translated with the page: the
English results page shows them in English."""

import datetime

import pytest

from cms.core.translation import translate_page
from consultation.actions import ActionState
from consultation.models import SurveyFollowUpAction

pytestmark = pytest.mark.django_db


def test_the_english_results_show_the_english_follow_up_actions(client, unit_a, survey):
    survey.follow_up_actions = [
        SurveyFollowUpAction(
            period=str(survey.period_start.year),
            element="U9",
            action="Menambah kursi di ruang tunggu.",
            owner="Kepala Subbagian Rumah Tangga",
            due_date=datetime.date(2026, 3, 31),
            state=ActionState.PLANNED,
        )
    ]
    survey.save_revision().publish()
    translate_page(unit_a, "en", {})
    english = translate_page(
        survey,
        "en",
        {
            "Menambah kursi di ruang tunggu.": "Add seats to the waiting room.",
            "Kepala Subbagian Rumah Tangga": "Head of General Affairs",
        },
    )
    action = english.follow_up_actions.get()
    assert (action.action, action.owner) == (
        "Add seats to the waiting room.",
        "Head of General Affairs",
    )
    assert action.translation_key == survey.follow_up_actions.get().translation_key
    html = client.get(english.url + "results/").content.decode()
    assert "Add seats to the waiting room." in html
    assert "Menambah kursi" not in html


def test_a_password_on_the_survey_hides_the_english_figures_too(
    client, superuser, unit_a, survey
):
    """The figures are counted on the Indonesian page: a password there left
    them public through the English page and its API results."""
    translate_page(unit_a, "en", {})
    english = translate_page(survey, "en", {})
    client.force_login(superuser)
    client.post(
        f"/admin/pages/{survey.pk}/privacy/",
        {"restriction_type": "password", "password": "rahasia-123"},
    )
    client.logout()
    assert client.get(f"/api/surveys/{english.pk}/results/").status_code == 404
    results = client.get(english.url + "results/").content.decode()
    assert 'name="password"' in results


def test_the_english_survey_in_the_api_names_the_english_services(
    client, unit_a, survey, passport, visa
):
    """The services are synchronised, so the English survey holds the
    Indonesian pages: the API lists their English translations (ids and
    titles), an untranslated one as it is, and its results take either id."""
    translate_page(unit_a, "en", {})
    passport_en = translate_page(passport, "en", {passport.title: "New passport"})
    english = translate_page(survey, "en", {})
    data = client.get(f"/api/surveys/{english.pk}/").json()
    assert {(s["id"], s["title"]) for s in data["services"]} == {
        (passport_en.pk, "New passport"),
        (visa.pk, visa.title),
    }
    listed = client.get("/api/surveys/?locale=en").json()["results"]
    assert [s["id"] for s in listed[0]["services"]] == [
        s["id"] for s in data["services"]
    ]
    for service in (passport_en.pk, passport.pk):
        url = f"/api/surveys/{english.pk}/results/?service={service}"
        response = client.get(url)
        assert response.status_code == 200, service
        assert response.json()["service"] == service  # the id asked for
    assert (
        client.get(
            f"/api/surveys/{english.pk}/results/?service={unit_a.pk}"
        ).status_code
        == 400
    )
