"""Answering a survey on the web form, and every bad input."""

import datetime
import html
import re

import pytest
from django.test import Client, override_settings

from consultation.models import SurveyQuestion, SurveyResponse

from .conftest import valid_post

pytestmark = pytest.mark.django_db


def test_form_shows_the_nine_questions_of_the_regulation(client, survey):
    response = client.get(survey.url)
    assert response.status_code == 200
    html = response.content.decode()
    for i in range(1, 10):
        assert f'name="u{i}"' in html
    assert "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?" in html
    assert "Sangat sesuai" in html


def test_reworded_question_replaces_the_regulations_wording_at_once(client, survey):
    """Also when the form was seen before (its questions are remembered)."""
    assert "kualitas sarana dan prasarana" in client.get(survey.url).content.decode()
    survey.questions.add(
        SurveyQuestion(element="U9", text="Bagaimana ruang tunggu kami?")
    )
    survey.save_revision().publish()
    html = client.get(survey.url).content.decode()
    assert "Bagaimana ruang tunggu kami?" in html
    assert "kualitas sarana dan prasarana" not in html


def test_a_covered_service_renamed_after_the_form_was_seen_shows_at_once(
    client, survey, passport
):
    assert "Paspor" in client.get(survey.url).content.decode()
    passport.title = "Paspor elektronik"
    passport.save()  # a live page saved: what publishing does to its row
    assert "Paspor elektronik" in client.get(survey.url).content.decode()


def test_an_answer_costs_five_queries_once_the_form_was_seen(
    client, survey, passport, django_assert_num_queries
):
    """The survey's services, questions and time zone and the URL's pages come
    from the process memo: the POST reads the home page in the reader's
    language (2 queries) and the survey's row, and the answer is inserted
    (with its savepoint); with no view restriction anywhere, Wagtail's check of
    them runs no query (`KnownViewRestrictionsMixin`)."""
    client.get(survey.url)
    data = valid_post(survey, passport)
    with django_assert_num_queries(5):
        assert client.post(survey.url, data).status_code == 303
    assert SurveyResponse.objects.count() == 1


def test_valid_answer_is_saved_and_thanked(client, survey, passport):
    response = client.post(survey.url, valid_post(survey, passport), follow=True)
    assert response.redirect_chain[0][1] == 303
    assert "Terima kasih" in response.content.decode()
    saved = SurveyResponse.objects.get()
    assert saved.survey_id == survey.pk
    assert saved.service_id == passport.pk
    assert (saved.u1, saved.u9) == (3, 3)
    assert saved.occupation == "migrant_worker"


def test_profile_is_optional(client, survey, passport):
    data = valid_post(
        survey, passport, age_band="", sex="", education="", occupation=""
    )
    assert client.post(survey.url, data).status_code == 303
    assert SurveyResponse.objects.count() == 1


def test_missing_element_answer_is_refused_next_to_the_field(client, survey, passport):
    data = valid_post(survey, passport)
    del data["u5"]
    response = client.post(survey.url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_u5_error"' in html
    assert 'aria-describedby="id_u5_error"' in html  # the question names its error
    assert 'href="#id_u5_0"' in html  # the summary links to the field
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize("value", ["0", "5", "-1", "3.5", "abc", ""])
def test_answer_outside_the_scale_is_refused(client, survey, passport, value):
    response = client.post(survey.url, valid_post(survey, passport, u3=value))
    assert response.status_code == 400
    assert 'id="id_u3_error"' in response.content.decode()
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize("value", ["999999", "abc", "", "-1"])
def test_unknown_service_is_refused(client, survey, passport, value):
    response = client.post(survey.url, valid_post(survey, passport, service=value))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_service_error"' in html
    assert 'aria-describedby="id_service_error"' in html  # the select names it
    assert SurveyResponse.objects.count() == 0


def test_service_not_covered_by_this_survey_is_refused(
    client, survey, passport, unit_b
):
    from standards.factories import ServiceStandardPageFactory

    other = ServiceStandardPageFactory(parent=unit_b, title="Lain", slug="lain")
    response = client.post(survey.url, valid_post(survey, passport, service=other.pk))
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize(
    "value",
    [
        "31-02-2026",
        "not a date",
        (datetime.date.today() + datetime.timedelta(days=2)).isoformat(),
        (datetime.date.today() - datetime.timedelta(days=800)).isoformat(),
    ],
)
def test_bad_service_date_is_refused(client, survey, passport, value):
    response = client.post(survey.url, valid_post(survey, passport, service_date=value))
    assert response.status_code == 400
    assert 'id="id_service_date_error"' in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_unknown_profile_value_is_refused(client, survey, passport):
    response = client.post(survey.url, valid_post(survey, passport, sex="other"))
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_too_long_suggestion_is_refused(client, survey, passport):
    response = client.post(
        survey.url, valid_post(survey, passport, suggestion="x" * 2001)
    )
    assert response.status_code == 400
    assert 'id="id_suggestion_error"' in response.content.decode()
    # The limit written the reader's way, and reachable: "under 2000" was not.
    assert "Saran paling banyak 2.000 karakter." in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_a_long_suggestion_is_not_cut_by_the_browser_and_comes_back_whole(
    client, survey, passport
):
    """A browser cuts a paste at `maxlength` without a word: the box states
    its limit instead, and a longer text comes back whole with the message."""
    form = client.get(survey.url).content.decode()
    box = re.search(r"<textarea[^>]*suggestion[^>]*>", form).group(0)
    assert "maxlength" not in box
    assert "Paling banyak 2.000 karakter." in form
    long_text = "Antrean panjang sekali. " * 100
    response = client.post(
        survey.url, valid_post(survey, passport, suggestion=long_text)
    )
    assert response.status_code == 400
    assert long_text.strip() in html.unescape(response.content.decode())


def test_too_long_suggestion_is_told_its_limit_in_english(client, survey, passport):
    from cms.core.translation import translate_page

    translate_page(survey.get_parent(), "en", {})
    english = translate_page(survey, "en", {})
    response = client.post(
        english.url, valid_post(survey, passport, suggestion="x" * 2001)
    )
    assert "Keep your suggestion to 2,000 characters or fewer." in (
        response.content.decode()
    )


def test_survey_before_its_period_refuses_answers(client, survey, passport):
    survey.period_start = datetime.date.today() + datetime.timedelta(days=10)
    survey.period_end = datetime.date.today() + datetime.timedelta(days=40)
    survey.save_revision().publish()
    response = client.post(survey.url, valid_post(survey, passport))
    assert response.status_code == 403
    assert "belum dibuka" in response.content.decode() or "not open" in (
        response.content.decode()
    )
    assert SurveyResponse.objects.count() == 0


def test_survey_after_its_period_refuses_answers(client, survey, passport):
    survey.period_end = survey.local_today() - datetime.timedelta(days=1)
    survey.save_revision().publish()
    get = client.get(survey.url)
    assert 'name="u1"' not in get.content.decode()
    # Opening the page sends no answer: "not saved" only answers a sending.
    assert "tidak disimpan" not in get.content.decode()
    response = client.post(survey.url, valid_post(survey, passport))
    assert response.status_code == 403
    assert "Jawaban Anda tidak disimpan." in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_honeypot_answer_is_not_saved(client, survey, passport):
    response = client.post(
        survey.url, valid_post(survey, passport, website="http://spam.example")
    )
    assert response.status_code == 303  # a bot cannot tell it was ignored
    assert SurveyResponse.objects.count() == 0


def test_post_without_csrf_token_is_refused(survey, passport):
    client = Client(enforce_csrf_checks=True)
    response = client.post(survey.url, valid_post(survey, passport))
    assert response.status_code == 403
    assert SurveyResponse.objects.count() == 0


@override_settings(CONSULTATION_RATE_LIMITS={"survey": (2, 600)})
def test_rate_limit_answers_429_with_retry_after(client, survey, passport):
    for score in ("3", "4"):
        answer = valid_post(survey, passport, u1=score)
        assert client.post(survey.url, answer).status_code == 303
    response = client.post(survey.url, valid_post(survey, passport, u1="2"))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    assert SurveyResponse.objects.count() == 2


@override_settings(CONSULTATION_RATE_LIMITS={"survey": (1, 600)})
def test_rate_limit_is_per_ip(client, survey, passport):
    data = valid_post(survey, passport)
    assert client.post(survey.url, data, REMOTE_ADDR="10.0.0.1").status_code == 303
    other = valid_post(survey, passport, u1="4")  # sent again, it would pass
    assert client.post(survey.url, other, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(survey.url, other, REMOTE_ADDR="10.0.0.2").status_code == 303


def test_responses_are_anonymous():
    names = {f.name for f in SurveyResponse._meta.get_fields()}
    assert not names & {"name", "email", "ip_address", "phone", "user"}


def test_only_get_and_post_are_allowed(client, survey):
    assert client.put(survey.url).status_code == 405


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_typed_date_is_read_day_first_in_both_languages(language):
    """An English reader in Singapore types 05/04/2026 for 5 April; Django's
    US formats read it as 4 May, silently."""
    from django.utils import translation

    from consultation.surveys.forms import IsoDateField

    with translation.override(language):
        field = IsoDateField()
        assert field.clean("05/04/2026") == datetime.date(2026, 4, 5)
        assert field.clean("2026-04-05") == datetime.date(2026, 4, 5)
        assert field.clean("11/20/2026") == datetime.date(2026, 11, 20)


@pytest.mark.parametrize("field", ["age_band", "sex", "education", "occupation"])
def test_made_up_profile_value_is_refused_next_to_the_field(
    client, survey, passport, field
):
    data = valid_post(survey, passport, **{field: "999"})
    response = client.post(survey.url, data)
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize("withdrawal", ["restricted", "unpublished"])
def test_a_withdrawn_service_is_neither_offered_nor_named_in_the_results(
    client, survey, passport, visa, withdrawal
):
    """A standard restricted or unpublished after the survey named it stayed in
    the form's list and, with its figures, in the results and the API."""
    from wagtail.models import PageViewRestriction

    SurveyResponse.objects.create(
        survey=survey,
        service=visa,
        survey_date=datetime.date.today(),
        **{f"u{n}": 3 for n in range(1, 10)},
    )
    if withdrawal == "restricted":
        PageViewRestriction.objects.create(
            page=visa, restriction_type="password", password="rahasia"
        )
    else:
        visa.unpublish()
    form = client.get(survey.url).content.decode()
    assert "Paspor" in form and "Visa" not in form
    results_url = survey.url + survey.reverse_subpage("results")
    assert "Visa" not in client.get(results_url).content.decode()
    assert client.get(results_url, {"service": visa.pk}).status_code == 400
    api = client.get(f"/api/surveys/{survey.pk}/results/", {"service": visa.pk})
    assert api.status_code == 400
