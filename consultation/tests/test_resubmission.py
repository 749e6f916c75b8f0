"""An answer sent again from the same browser (Back and Send again, a reload
that re-posts) is saved once (`consultation.resubmission`); another answer
from that browser, or the same answer from another browser, is saved."""

import pytest
from django.conf import settings
from django.test import Client

from consultation.forums.records import ConsultationSubmission
from consultation.models import ComponentComment, SurveyResponse, Vote

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
    Client(HTTP_USER_AGENT="Another phone").post(url, valid_post(survey, passport))
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


# A double tap on a slow connection: the second sending leaves before the
# first one's cookie comes back, so each arrives as from a new browser.


def tapped_twice(url: str, data: dict, sending: str = "") -> list:
    """The same POST from one phone by two fresh clients (no cookie yet)."""
    phone = {"HTTP_USER_AGENT": "Phone", "REMOTE_ADDR": "203.0.113.7"}
    data = {**data, "sending": sending}
    return [Client(**phone).post(url, data) for _ in range(2)]


def respondent_of(response) -> str:
    """The respondent id the reply's signed cookie gives the browser."""
    return response.cookies["fkp_respondent"].value.split(":")[0]


def test_a_double_tapped_survey_answer_is_saved_once(survey, passport):
    first, second = tapped_twice(
        f"/id/answers/{survey.pk}/", valid_post(survey, passport), "a1"
    )
    assert first.status_code == second.status_code == 303
    assert SurveyResponse.objects.count() == 1


def test_a_double_tapped_comment_is_saved_once(consultation, passport):
    data = {"standard": passport.pk, "component": "biaya", "text": "Mahal."}
    responses = tapped_twice(f"/id/answers/{consultation.pk}/comment/", data)
    assert [r.status_code for r in responses] == [303, 303]
    assert ComponentComment.objects.count() == 1


def test_a_double_tapped_vote_counts_once_and_the_phone_keeps_its_voter(poll):
    data = {"choice": "1", "website": ""}
    first, second = tapped_twice(f"/id/answers/{poll.pk}/", data, "b2")
    assert first.status_code == second.status_code == 302
    assert Vote.objects.count() == 1
    # The cookie the phone keeps (the second reply's) names the vote's voter.
    assert respondent_of(first) == respondent_of(second)


def test_a_double_tapped_consultation_response_is_stored_once(consultation):
    data = {
        "pendapat": "Persyaratan terlalu banyak.",
        "respondent_category": "pengguna",
        "consent": "on",
        "website": "",
    }
    first, second = tapped_twice(f"/id/answers/{consultation.pk}/", data)
    assert first.status_code == second.status_code == 303
    assert ConsultationSubmission.objects.count() == 1
    assert respondent_of(first) == respondent_of(second)


def test_two_people_with_one_address_and_browser_are_told_apart_by_their_forms(
    poll,
):
    """Their pages drew different sending ids (sending.js)."""
    data = {"choice": "0", "website": ""}
    tapped_twice(f"/id/answers/{poll.pk}/", data, "person-1")
    tapped_twice(f"/id/answers/{poll.pk}/", data, "person-2")
    assert Vote.objects.count() == 2


def test_two_browsers_behind_one_address_without_javascript_are_told_apart(
    survey, passport
):
    """No sending id (no JavaScript), same address, browser and answer: two
    citizens at one Wi-Fi were counted once and both told they were saved.
    Their browsers' CSRF cookies differ; a double tap carries the same one."""
    url = f"/id/answers/{survey.pk}/"
    phone = {"HTTP_USER_AGENT": "Phone", "REMOTE_ADDR": "203.0.113.7"}
    data = valid_post(survey, passport)
    for secret in ("a" * 32, "b" * 32, "b" * 32):
        browser = Client(**phone)
        browser.cookies[settings.CSRF_COOKIE_NAME] = secret
        assert browser.post(url, data).status_code == 303
    assert SurveyResponse.objects.count() == 2


def test_a_sending_whose_save_failed_is_saved_when_sent_again(
    survey, passport, monkeypatch
):
    from consultation.surveys import answering

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    url = f"/id/answers/{survey.pk}/"
    phone = Client(HTTP_USER_AGENT="Phone", raise_request_exception=False)
    with monkeypatch.context() as patched:
        patched.setattr(answering, "save_response", broken)
        assert phone.post(url, valid_post(survey, passport)).status_code == 500
    assert phone.post(url, valid_post(survey, passport)).status_code == 303
    assert SurveyResponse.objects.count() == 1
