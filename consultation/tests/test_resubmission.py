"""An answer sent again from the same browser (Back and Send again, a reload
that re-posts) is saved once (`consultation.resubmission`); another answer
from that browser, or the same answer from another browser, is saved."""

import pytest
from django.test import Client

from consultation.models import ComponentComment, SurveyResponse

from .conftest import valid_post

pytestmark = pytest.mark.django_db


def test_the_same_survey_answer_sent_again_is_saved_once(client, survey, passport):
    url = f"/id/answers/{survey.pk}/"
    first = client.post(url, valid_post(survey, passport))
    again = client.post(url, valid_post(survey, passport))
    assert first.status_code == again.status_code == 303
    assert client.get(again["Location"]).status_code == 200
    assert SurveyResponse.objects.count() == 1


def test_another_answer_from_the_same_browser_is_saved(client, survey, passport):
    url = f"/id/answers/{survey.pk}/"
    client.post(url, valid_post(survey, passport))
    client.post(url, valid_post(survey, passport, u9="4"))
    client.post(url, valid_post(survey, passport))
    assert SurveyResponse.objects.count() == 2


def test_the_same_answer_from_another_browser_is_saved(client, survey, passport):
    url = f"/id/answers/{survey.pk}/"
    client.post(url, valid_post(survey, passport))
    Client().post(url, valid_post(survey, passport))
    assert SurveyResponse.objects.count() == 2


def test_the_cookie_stays_on_the_answer_address_and_holds_no_answer(
    client, survey, passport
):
    url = f"/id/answers/{survey.pk}/"
    response = client.post(url, valid_post(survey, passport, suggestion="Antre"))
    cookie = response.cookies["answers_sent"]
    assert cookie["path"] == url
    assert cookie["httponly"]
    assert "Antre" not in cookie.value and "30_39" not in cookie.value


def test_a_comment_is_redirected_and_saved_once(client, consultation, passport):
    url = f"/id/answers/{consultation.pk}/comment/"
    data = {
        "standard": passport.pk,
        "component": "biaya",
        "text": "Biaya perlu dirinci.",
        "website": "",
    }
    response = client.post(url, data)
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert 'class="next-steps"' in thanks.content.decode()
    client.post(url, data)
    assert ComponentComment.objects.count() == 1


def test_the_comment_thanks_page_without_a_receipt_leads_to_the_consultation(
    client, consultation
):
    response = client.get(consultation.url + "comment/thanks/")
    assert response.status_code == 302
    assert response["Location"] == consultation.get_url()
