"""Post/Redirect/Get: an accepted answer is answered with a 303 to the page's
thank-you route, which says the answer was received, in the page's language."""

import pytest

from cms.core.translation import translate_page
from consultation import receipts
from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.models import ConsultationSubmission, SurveyResponse

from .conftest import valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(unit_b):
    page = ConsultationPageFactory(parent=unit_b, title="FKP Paspor", slug="fkp")
    ConsultationFormFieldFactory(
        page=page, label="Setuju", field_type="radio", choices="Ya\nTidak"
    )
    page.save_revision().publish()
    return page


def fkp_answer() -> dict:
    return {
        "setuju": "Ya",
        "respondent_category": "pengguna",
        "consent": "on",
        "website": "",
    }


def thanks_path(page) -> str:
    return page.url + page.reverse_subpage("thanks")


def english_of(page):
    translate_page(page.get_parent(), "en", {})
    return translate_page(page, "en", {})


# The survey ---------------------------------------------------------------------


def test_accepted_survey_answer_is_a_303_to_the_thank_you_page(
    client, survey, passport
):
    response = client.post(survey.url, valid_post(survey, passport))
    assert response.status_code == 303
    assert response["Location"].startswith(thanks_path(survey) + "?r=")
    assert SurveyResponse.objects.count() == 1
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert "<h1>Terima kasih</h1>" in html
    assert "Jawaban Anda telah disimpan" in html
    assert 'name="u1"' not in html


def test_survey_thank_you_page_uses_the_editors_text(client, survey, passport):
    survey.thank_you_text = "Matur nuwun, jawaban Anda kami terima."
    survey.save_revision().publish()
    response = client.post(survey.url, valid_post(survey, passport), follow=True)
    assert "Matur nuwun, jawaban Anda kami terima." in response.content.decode()


def test_english_survey_thanks_in_english(client, survey, passport):
    english = english_of(survey)
    response = client.post(english.url, valid_post(english, passport))
    assert response.status_code == 303
    assert response["Location"].startswith(thanks_path(english))
    assert response["Location"].startswith("/en/")
    html = client.get(response["Location"]).content.decode()
    assert "<h1>Thank you</h1>" in html and "Your answers have been saved" in html
    assert SurveyResponse.objects.get().survey_id == survey.pk


def test_refreshing_the_survey_thank_you_page_stores_nothing(client, survey, passport):
    location = client.post(survey.url, valid_post(survey, passport))["Location"]
    for _ in range(3):
        assert client.get(location).status_code == 200
    assert client.post(location, valid_post(survey, passport)).status_code == 405
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("query", ["", "?r=", "?r=forged:token", "?r=%00"])
def test_survey_thanks_without_a_valid_receipt_goes_back_to_the_form(
    client, survey, query
):
    response = client.get(thanks_path(survey) + query)
    assert response.status_code == 302
    assert response["Location"] == survey.url


def test_expired_receipt_goes_back_to_the_form(client, survey, passport, monkeypatch):
    location = client.post(survey.url, valid_post(survey, passport))["Location"]
    monkeypatch.setattr(receipts, "MAX_AGE", -1)
    assert client.get(location).status_code == 302


def test_receipt_of_another_page_is_refused(client, survey, passport, consultation):
    location = client.post(survey.url, valid_post(survey, passport))["Location"]
    query = location.partition("?")[2]
    response = client.get(f"{thanks_path(consultation)}?{query}")
    assert response.status_code == 302
    assert response["Location"] == consultation.url


def test_invalid_survey_answer_is_not_redirected(client, survey, passport):
    response = client.post(survey.url, valid_post(survey, passport, u1="9"))
    assert response.status_code == 400
    assert 'id="id_u1_error"' in response.content.decode()


# The consultation ---------------------------------------------------------------


def test_accepted_response_is_a_303_with_the_identity_cookie(client, consultation):
    response = client.post(consultation.url, fkp_answer())
    assert response.status_code == 303
    assert response["Location"].startswith(thanks_path(consultation) + "?r=")
    assert "fkp_respondent" in response.cookies
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert "<h1>Terima kasih</h1>" in html
    assert "Jawaban Anda telah disimpan" in html


def test_english_consultation_thanks_in_english(client, consultation):
    english = english_of(consultation)
    response = client.post(english.url, fkp_answer())
    assert response.status_code == 303
    assert response["Location"].startswith(thanks_path(english))
    html = client.get(response["Location"]).content.decode()
    assert "<h1>Thank you</h1>" in html and "Your response has been saved" in html
    assert ConsultationSubmission.objects.get().page_id == consultation.pk


def test_reposting_the_consultation_answer_is_refused(client, consultation):
    location = client.post(consultation.url, fkp_answer())["Location"]
    assert client.get(location).status_code == 200
    assert client.post(location, fkp_answer()).status_code == 405
    again = client.post(consultation.url, fkp_answer())
    assert again.status_code == 409
    assert ConsultationSubmission.objects.count() == 1


def test_consultation_thanks_without_a_receipt_goes_back(client, consultation):
    response = client.get(thanks_path(consultation))
    assert response.status_code == 302
    assert response["Location"] == consultation.url


def test_honeypot_is_redirected_like_a_person_and_not_stored(client, consultation):
    response = client.post(consultation.url, {**fkp_answer(), "website": "x"})
    assert response.status_code == 303
    assert ConsultationSubmission.objects.count() == 0
