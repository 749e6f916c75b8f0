"""Answers, suggestions and comments are stored without invisible controls."""

import pytest

from consultation.models import ComponentComment, ConsultationSubmission, SurveyResponse

from .conftest import valid_post

pytestmark = pytest.mark.django_db

REVERSED = "Biaya\u202e 000.05 pR\u202c tidak wajar"
CLEAN = "Biaya 000.05 pR tidak wajar"


def test_survey_suggestion_is_stored_without_controls(client, survey, passport):
    client.post(survey.url, valid_post(survey, passport, suggestion=REVERSED))
    assert SurveyResponse.objects.get().suggestion == CLEAN


def test_consultation_answer_is_stored_without_controls(client, consultation):
    data = {
        "pendapat": REVERSED,
        "respondent_category": "pengguna",
        "consent": "on",
        "website": "",
    }
    client.post(consultation.url, data)
    assert ConsultationSubmission.objects.get().form_data["pendapat"] == CLEAN


def test_consultation_answer_of_controls_only_is_missing(client, consultation):
    data = {
        "pendapat": "\u202e\u2067",
        "respondent_category": "pengguna",
        "consent": "on",
        "website": "",
    }
    response = client.post(consultation.url, data)
    assert response.status_code == 400
    assert not ConsultationSubmission.objects.exists()


def test_comment_is_stored_without_controls(client, consultation, passport):
    client.post(
        consultation.url + "comment/",
        {
            "standard": passport.pk,
            "component": "persyaratan",
            "text": REVERSED,
            "website": "",
        },
    )
    assert ComponentComment.objects.get().text == CLEAN
