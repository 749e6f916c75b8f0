"""Answers posted to `/<language>/answers/<page id>/` (`consultation.answers`):
the same outcomes as posting to the page's own URL, for less work."""

import datetime
import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from consultation.forums.factories import (
    PollPageFactory,
)
from consultation.models import (
    ComponentComment,
    ConsultationSubmission,
    PollChoice,
    SurveyResponse,
    Vote,
)

from .conftest import valid_post

pytestmark = pytest.mark.django_db


def form_action(html: str, marker: str) -> str:
    """The action of the POST form whose opening tag contains `marker`."""
    for tag in re.findall(r"<form [^>]*>", html):
        if 'method="post"' in tag and marker in tag:
            return re.search(r'action="([^"]+)"', tag).group(1)
    raise AssertionError(f"no POST form with {marker!r}")


def test_the_survey_form_posts_to_the_answer_url(client, survey):
    html = client.get(survey.url).content.decode()
    assert form_action(html, "survey-form") == f"/id/answers/{survey.pk}/"


def test_an_answer_is_stored_and_thanked(client, survey, passport):
    response = client.post(
        f"/id/answers/{survey.pk}/", valid_post(survey, passport), follow=True
    )
    first_url, status = response.redirect_chain[0]
    assert status == 303
    assert first_url.startswith(survey.url + "thanks/?r=")
    assert "Terima kasih" in response.content.decode()
    assert SurveyResponse.objects.get().survey_id == survey.pk


def test_an_answer_costs_only_its_insert_once_the_survey_was_seen(
    client, survey, passport, django_assert_num_queries
):
    """The survey, its questions and services, and its thank-you URL come from
    the process memo: the answer's insert is the only query."""
    url = f"/id/answers/{survey.pk}/"
    client.post(url, valid_post(survey, passport))
    with django_assert_num_queries(1):
        answer = valid_post(survey, passport, u1="4")
        assert client.post(url, answer).status_code == 303
    assert SurveyResponse.objects.count() == 2


def test_a_wrong_answer_is_shown_again_with_the_message_next_to_the_field(
    client, survey, passport
):
    data = valid_post(survey, passport)
    del data["u3"]
    response = client.post(f"/id/answers/{survey.pk}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert form_action(html, "survey-form") == f"/id/answers/{survey.pk}/"
    assert SurveyResponse.objects.count() == 0


def test_english_answers_are_answered_in_english(client, survey, passport):
    data = valid_post(survey, passport)
    del data["u3"]
    html = client.post(f"/en/answers/{survey.pk}/", data).content.decode()
    assert 'lang="en"' in html


def test_opening_the_answer_address_leads_to_the_form(client, survey):
    """After an error the address bar shows the answer URL: opening it again
    shows the survey, not an empty page."""
    response = client.get(f"/en/answers/{survey.pk}/")
    assert response.status_code == 302
    assert response["Location"] == survey.get_url()
    assert client.get("/id/answers/999999/").status_code == 404


def test_a_form_sent_without_the_security_cookie_is_explained_on_the_site(
    survey, passport
):
    """A browser that blocks cookies gets the site's page, in its language,
    saying nothing was saved and how to send the form, not Django's page."""
    browser = Client(enforce_csrf_checks=True)
    url = f"/en/answers/{survey.pk}/"
    response = browser.post(url, valid_post(survey, passport))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "The form could not be sent" in html
    assert f'href="{url}"' in html
    assert "DEBUG" not in html
    assert SurveyResponse.objects.count() == 0


def test_only_get_and_post_are_accepted(client, survey):
    response = client.put(f"/id/answers/{survey.pk}/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


def test_an_unpublished_survey_takes_no_answer_even_once_remembered(
    client, survey, passport
):
    url = f"/id/answers/{survey.pk}/"
    assert client.post(url, valid_post(survey, passport)).status_code == 303
    survey.unpublish()
    assert client.post(url, valid_post(survey, passport)).status_code == 404
    assert SurveyResponse.objects.count() == 1


def test_a_closed_survey_refuses_answers(client, survey, passport):
    survey.period_end = datetime.date(2024, 12, 31)
    survey.save_revision().publish()
    response = client.post(f"/id/answers/{survey.pk}/", valid_post(survey, passport))
    assert response.status_code == 403
    assert SurveyResponse.objects.count() == 0


def test_pages_that_take_no_answers_and_other_routes_are_not_found(
    client, survey, passport
):
    data = valid_post(survey, passport)
    assert client.post(f"/id/answers/{passport.pk}/", data).status_code == 404
    assert client.post(f"/id/answers/{survey.pk}/results/", data).status_code == 404
    assert client.post("/id/answers/999999/", data).status_code == 404
    assert SurveyResponse.objects.count() == 0


def test_a_password_protected_survey_asks_for_the_password_first(
    client, survey, passport
):
    PageViewRestriction.objects.create(
        page=survey, restriction_type="password", password="rahasia"
    )
    response = client.post(f"/id/answers/{survey.pk}/", valid_post(survey, passport))
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize("restriction_type", ["password", "login"])
def test_opening_a_restricted_pages_answer_address_does_not_say_where_it_is(
    client, survey, restriction_type
):
    """Counting through ids led anyone to the address of each restricted
    survey, consultation and poll; now the restriction comes first, and past
    it the reader is led to the form."""
    PageViewRestriction.objects.create(
        page=survey, restriction_type=restriction_type, password="rahasia"
    )
    response = client.get(f"/id/answers/{survey.pk}/")
    assert survey.slug not in response.get("Location", "")
    assert survey.slug not in response.content.decode()
    if restriction_type == "password":
        assert 'name="password"' in response.content.decode()
    else:
        assert (
            response["Location"].startswith("/admin/login/")
            or "login" in (response["Location"])
        )


def test_the_kiosk_posts_its_steps_to_the_answer_url(client, survey):
    html = client.get(survey.url + "kiosk/").content.decode()
    assert form_action(html, "action") == f"/id/answers/{survey.pk}/kiosk/"


def test_a_consultation_response_comment_and_vote_go_to_answer_urls(
    client, consultation, passport
):
    poll = PollPageFactory(parent=consultation)
    poll.choices.add(PollChoice(text="Sabtu"))
    poll.choices.add(PollChoice(text="Minggu"))
    poll.save_revision().publish()
    html = client.get(consultation.url).content.decode()
    base = f"/id/answers/{consultation.pk}/"
    assert form_action(html, f'action="{base}" novalidate') == base
    assert f'action="{base}comment/"' in html
    assert f'action="/id/answers/{poll.pk}/"' in html

    response = client.post(
        base,
        {
            "pendapat": "Persyaratan terlalu banyak.",
            "respondent_category": "pengguna",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 303
    assert ConsultationSubmission.objects.filter(page=consultation).count() == 1
    comment = {
        "standard": passport.pk,
        "component": "persyaratan",
        "text": "Terlalu banyak",
        "website": "",
    }
    assert client.post(base + "comment/", comment).status_code == 303
    assert ComponentComment.objects.count() == 1
    vote = {"choice": "0", "website": "", "next": consultation.url}
    response = client.post(f"/id/answers/{poll.pk}/", vote)
    assert response.status_code == 302
    assert Vote.objects.count() == 1
