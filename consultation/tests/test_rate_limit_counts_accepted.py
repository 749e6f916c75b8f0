"""The public forms' rate limit counts accepted answers only, and a form over
the limit comes back with what the citizen typed.

A citizen who corrects a mistake several times is not refused for it; one who
is refused keeps the answers typed into a long questionnaire, with a message
at the top saying when to send it again.
"""

import re

import pytest
from django.test import Client, override_settings

from consultation.models import (
    ComponentComment,
    ConsultationSubmission,
    SurveyResponse,
    Vote,
)

from .conftest import valid_post

pytestmark = pytest.mark.django_db

SUGGESTION = "Tambahkan kursi di ruang tunggu"


def consultation_answer(**overrides):
    data = {
        "pendapat": "Persyaratan terlalu banyak.",
        "respondent_category": "pengguna",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@override_settings(CONSULTATION_RATE_LIMITS={"survey": (2, 600)})
def test_refused_survey_answers_do_not_count(client, survey, passport):
    for _ in range(5):
        invalid = valid_post(survey, passport, u1="")
        assert client.post(survey.url, invalid).status_code == 400
    for score in ("3", "4"):
        answer = valid_post(survey, passport, u1=score)
        assert client.post(survey.url, answer).status_code == 303
    assert SurveyResponse.objects.count() == 2


@override_settings(CONSULTATION_RATE_LIMITS={"survey": (1, 600)})
def test_a_survey_over_the_limit_comes_back_with_the_answers(client, survey, passport):
    assert client.post(survey.url, valid_post(survey, passport)).status_code == 303
    again = valid_post(survey, passport, u1="4", suggestion=SUGGESTION)
    response = client.post(survey.url, again)
    html = response.content.decode()
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    assert "banyak jawaban dari koneksi Anda" in html
    assert SUGGESTION in html
    assert re.search(r'<input[^>]*name="u1"[^>]*value="4"[^>]*checked', html)
    assert SurveyResponse.objects.count() == 1


@override_settings(CONSULTATION_RATE_LIMITS={"consultation": (1, 600)})
def test_a_consultation_answer_over_the_limit_keeps_what_was_typed(
    client, consultation
):
    assert client.post(consultation.url, consultation_answer()).status_code == 303
    client.cookies.clear()  # another respondent on the same connection
    typed = "Syarat surat keterangan sebaiknya dihapus."
    response = client.post(consultation.url, consultation_answer(pendapat=typed))
    html = response.content.decode()
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "banyak jawaban dari koneksi Anda" in html
    assert typed in html
    assert ConsultationSubmission.objects.count() == 1


@override_settings(CONSULTATION_RATE_LIMITS={"consultation": (1, 600)})
def test_refused_consultation_answers_do_not_count(client, consultation):
    for _ in range(3):
        refused = consultation_answer(consent="")
        assert client.post(consultation.url, refused).status_code == 400
    assert client.post(consultation.url, consultation_answer()).status_code == 303


@override_settings(CONSULTATION_RATE_LIMITS={"comment": (1, 600)})
def test_a_comment_over_the_limit_keeps_its_text(client, consultation, passport):
    url = consultation.url + "comment/"

    def comment(text):
        data = {"standard": passport.pk, "component": "persyaratan", "text": text}
        return client.post(url, {**data, "website": ""})

    assert comment("").status_code == 400  # not counted
    assert comment("Terlalu banyak syarat").status_code == 303
    response = comment("Loket tutup terlalu cepat")
    html = response.content.decode()
    assert response.status_code == 429
    assert "banyak jawaban dari koneksi Anda" in html
    assert "Loket tutup terlalu cepat" in html
    assert "Perbaiki" not in html  # nothing to correct: only to send later
    assert 'action="' + url + '"' in html
    assert ComponentComment.objects.count() == 1


@override_settings(CONSULTATION_RATE_LIMITS={"survey": (1, 600)})
def test_each_survey_counts_a_connection_apart(client, survey, passport, other_survey):
    """A waiting room's Wi-Fi answering two surveys is not a flood of one."""
    other = other_survey
    assert client.post(survey.url, valid_post(survey, passport)).status_code == 303
    assert client.post(other.url, valid_post(other, passport)).status_code == 303
    assert (
        client.post(survey.url, valid_post(survey, passport, u1="4")).status_code == 429
    )


@override_settings(CONSULTATION_RATE_LIMITS={"survey": (2, 600)})
def test_a_survey_answer_sent_again_does_not_count(client, survey, passport):
    """Back and send, nine times: saved once, and it used up the limit of
    everyone behind the same connection (a consulate's waiting-room Wi-Fi)."""
    answer = valid_post(survey, passport)
    for _ in range(5):
        assert client.post(survey.url, answer).status_code == 303
    client.cookies.clear()  # the next citizen on the same connection
    other = valid_post(survey, passport, u1="4")
    assert client.post(survey.url, other).status_code == 303
    assert SurveyResponse.objects.count() == 2


@override_settings(CONSULTATION_RATE_LIMITS={"comment": (2, 600)})
def test_a_comment_sent_again_does_not_count(client, consultation, passport):
    url = consultation.url + "comment/"
    data = {"standard": passport.pk, "component": "persyaratan", "website": ""}
    for _ in range(4):
        response = client.post(url, {**data, "text": "Terlalu banyak syarat"})
        assert response.status_code == 303
    client.cookies.clear()
    response = client.post(url, {**data, "text": "Loket tutup terlalu cepat"})
    assert response.status_code == 303
    assert ComponentComment.objects.count() == 2


# From the outside probe: the last answer a connection may send, sent again
# (Back and Send, or a double tap whose second reply is the one shown), was
# answered 429 "not saved yet, send it again in 9 minutes" though it had been
# saved. A sending that stores nothing is answered as before, whatever the
# limit; a new answer is still held.

PHONE = {"HTTP_USER_AGENT": "Phone", "REMOTE_ADDR": "203.0.113.9"}


@override_settings(CONSULTATION_RATE_LIMITS={"survey": (1, 600)})
def test_the_last_survey_answer_sent_again_is_not_told_it_was_lost(
    client, survey, passport
):
    answer = valid_post(survey, passport)
    assert client.post(survey.url, answer).status_code == 303
    again = client.post(survey.url, answer)
    assert again.status_code == 303
    assert "/thanks/" in again["Location"]
    assert SurveyResponse.objects.count() == 1
    other = client.post(survey.url, valid_post(survey, passport, u1="4"))
    assert other.status_code == 429
    assert SurveyResponse.objects.count() == 1


@override_settings(CONSULTATION_RATE_LIMITS={"survey": (1, 600)})
def test_the_last_survey_answer_double_tapped_is_answered_twice_as_saved(
    survey, passport
):
    url = f"/id/answers/{survey.pk}/"
    data = {**valid_post(survey, passport), "sending": "c3"}
    replies = [Client(**PHONE).post(url, data) for _ in range(2)]
    assert [r.status_code for r in replies] == [303, 303]
    assert SurveyResponse.objects.count() == 1


@override_settings(CONSULTATION_RATE_LIMITS={"comment": (1, 600)})
def test_the_last_comment_sent_again_is_not_told_it_was_lost(
    client, consultation, passport
):
    url = consultation.url + "comment/"
    data = {"standard": passport.pk, "component": "biaya", "website": ""}
    for _ in range(2):
        response = client.post(url, {**data, "text": "Biaya perlu dirinci."})
        assert response.status_code == 303
    response = client.post(url, {**data, "text": "Loket tutup terlalu cepat"})
    assert response.status_code == 429
    assert ComponentComment.objects.count() == 1


@override_settings(CONSULTATION_RATE_LIMITS={"consultation": (1, 600)})
def test_the_last_consultation_response_sent_again_is_told_it_counts(
    client, consultation
):
    assert client.post(consultation.url, consultation_answer()).status_code == 303
    again = client.post(consultation.url, consultation_answer())
    assert again.status_code == 409  # "your response already counts"
    assert "banyak jawaban dari koneksi Anda" not in again.content.decode()
    url = f"/id/answers/{consultation.pk}/"
    data = {**consultation_answer(pendapat="Lain."), "sending": "d4"}
    replies = [Client(**PHONE).post(url, data) for _ in range(2)]
    assert [r.status_code for r in replies] == [303, 303]
    client.cookies.clear()
    other = client.post(consultation.url, consultation_answer(pendapat="Lagi."))
    assert other.status_code == 429
    assert ConsultationSubmission.objects.count() == 2


@override_settings(CONSULTATION_RATE_LIMITS={"poll": (1, 600)})
def test_a_vote_sent_again_over_the_limit_is_told_it_counts(client, poll):
    data = {"choice": "0", "website": ""}
    assert client.post(poll.url, data).status_code == 302
    assert client.post(poll.url, data).status_code == 302  # sent again at once
    again = client.post(poll.url, {**data, "choice": "1"})
    assert again.status_code == 409  # "you have already voted"
    client.cookies.clear()  # the next citizen on the same connection
    assert client.post(poll.url, {**data, "choice": "1"}).status_code == 429
    assert Vote.objects.count() == 1
