"""The page cache with the real public pages: forms, answers and results."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from cms.core import page_cache
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
    """Each visitor's form carries a token that only their own cookie accepts."""
    url = consultation.get_url()
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    token_one = TOKEN.search(first.get(url).content.decode())[1]
    page_two = second.get(url)
    assert CACHED not in page_two
    token_two = TOKEN.search(page_two.content.decode())[1]
    assert token_one != token_two
    refused = second.post(url, {"csrfmiddlewaretoken": token_one, "saran_anda": "x"})
    assert refused.status_code == 403
    accepted = second.post(url, {"csrfmiddlewaretoken": token_two, "saran_anda": "x"})
    assert accepted.status_code != 403


def test_a_form_page_is_private_to_its_visitor(client, consultation):
    response = client.get(consultation.get_url())
    assert "private" in response["Cache-Control"]


def stored_seconds(url: str) -> int:
    """How long the page cache keeps `url` (as the test client requests it)."""
    entry = cache.get(page_cache.entry_key(RequestFactory().get(url)))
    return entry["seconds"]


def test_answers_leave_every_cached_page_cached(
    client, survey, unit_a, home_page, django_capture_on_commit_callbacks
):
    """A campaign's answers never empty the cache of the pages around it."""
    page, passport = survey
    urls = [home_page.get_url(), unit_a.get_url(), passport.get_url()]
    urls.append(page.get_url() + "results/")
    for url in urls:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            answer = Client().post(page.get_url(), valid_post(page, passport))
            assert answer.status_code == 303
    assert [client.get(url)[CACHED] for url in urls] == ["hit"] * len(urls)


def test_results_are_kept_a_minute_at_most_and_say_when_they_were_counted(
    client, survey, unit_a
):
    page, _passport = survey
    for url in (page.get_url() + "results/", unit_a.get_url()):
        response = client.get(url)
        assert "s-maxage=60" in response["Cache-Control"]
        assert stored_seconds(url) == page_cache.LIVE_FIGURES_SECONDS
        assert "figures-as-of" in response.content.decode()


def test_a_page_without_live_figures_is_kept_the_site_s_time(client, survey):
    _page, passport = survey
    response = client.get(passport.get_url())
    assert "s-maxage=300" in response["Cache-Control"]
    assert stored_seconds(passport.get_url()) == 300


def test_an_accepted_answer_shows_on_the_results_once_their_minute_is_over(
    client, survey, monkeypatch, django_capture_on_commit_callbacks
):
    import time

    monkeypatch.setattr(page_cache, "LIVE_FIGURES_SECONDS", 1)
    page, passport = survey
    results = page.get_url() + "results/"
    assert 'class="skm-summary"' not in client.get(results).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = Client().post(page.get_url(), valid_post(page, passport))
    assert answer.status_code == 303  # Post/Redirect/Get to the thank-you page
    assert client.get(results)[CACHED] == "hit"
    time.sleep(1.1)
    response = client.get(results)
    assert response[CACHED] == "miss"
    assert 'class="skm-summary"' in response.content.decode()
