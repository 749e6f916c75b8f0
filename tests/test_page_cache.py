"""The page cache with the real public pages: forms, answers and results."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.surveys.factories import SatisfactionSurveyPageFactory
from consultation.tests.conftest import valid_post
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

CACHED = "X-Page-Cache"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(unit_a):
    page = ConsultationPageFactory(parent=unit_a, identity_level="open")
    ConsultationFormFieldFactory(page=page, label="Saran Anda")
    page.save_revision().publish()
    return page


@pytest.fixture
def survey(unit_a):
    passport = ServiceStandardPageFactory(parent=unit_a, title="Paspor", slug="paspor")
    page = SatisfactionSurveyPageFactory(
        parent=unit_a,
        slug="skm",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date.today() + datetime.timedelta(days=365),
        population=1000,
    )
    page.services.set([passport])
    page.save_revision().publish()
    return page, passport


def test_a_form_page_never_shows_another_visitors_csrf_token(consultation):
    url = consultation.get_url()
    first, second = Client(), Client()
    page_one = first.get(url)
    page_two = second.get(url)
    assert CACHED not in page_two
    token_one = _unmask_cipher_token(TOKEN.search(page_one.content.decode())[1])
    token_two = _unmask_cipher_token(TOKEN.search(page_two.content.decode())[1])
    assert token_one == first.cookies["csrftoken"].value
    assert token_two == second.cookies["csrftoken"].value
    assert token_one != token_two


def test_a_form_page_is_private_to_its_visitor(client, consultation):
    response = client.get(consultation.get_url())
    assert "private" in response["Cache-Control"]


def test_an_accepted_survey_answer_shows_at_once_on_the_results_page(
    client, survey, django_capture_on_commit_callbacks
):
    page, passport = survey
    results = page.get_url() + "results/"
    assert 'class="skm-summary"' not in client.get(results).content.decode()
    assert client.get(results)[CACHED] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        answer = Client().post(page.get_url(), valid_post(page, passport))
    assert answer.status_code == 303  # Post/Redirect/Get to the thank-you page
    response = client.get(results)
    assert response[CACHED] == "miss"
    assert 'class="skm-summary"' in response.content.decode()
