"""Security checks across the site: escaping of visitors' text, headers everywhere.

Brute force on the admin login (django-axes) is tested in
cms/core/tests/test_security_headers.py, uploads by type and size in the
apps' tests, `check --deploy` in tests/test_deploy.py.
"""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.html import escape

from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.models import ComponentComment, SurveyResponse
from consultation.moderation import ModerationStatus
from consultation.surveys.factories import SatisfactionSurveyPageFactory
from consultation.tests.conftest import valid_post
from standards.factories import ServiceStandardPageFactory
from tests.live import free_port, site_env, start_gunicorn, stop

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def assert_escaped(html: str, payload: str) -> None:
    assert payload not in html
    assert escape(payload) in html


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


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


@pytest.fixture
def consultation(unit_a):
    page = ConsultationPageFactory(parent=unit_a, identity_level="open")
    ConsultationFormFieldFactory(page=page, label="Saran Anda", clean_name="saran")
    page.save_revision().publish()
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_queries_are_escaped_on_the_search_page(client, locales, payload):
    response = client.get("/id/search/", {"q": payload})
    assert response.status_code == 200
    assert_escaped(response.content.decode(), payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_api_answers_queries_as_json_that_is_never_sniffed(
    client, locales, payload
):
    response = client.get("/api/search/", {"q": payload})
    # JSON is data, never markup: browsers told not to sniff never render it.
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_survey_suggestions_are_escaped_on_results_and_in_the_admin(
    client, superuser, survey, payload
):
    page, passport = survey
    posted = client.post(page.get_url(), valid_post(page, passport, suggestion=payload))
    assert posted.status_code == 303  # Post/Redirect/Get to the thank-you page
    assert SurveyResponse.objects.get().suggestion == payload
    staff = Client()
    staff.force_login(superuser)
    queue = staff.get(f"/admin/consultation/surveys/{page.pk}/suggestions/")
    assert queue.status_code == 200
    assert_escaped(queue.content.decode(), payload)
    SurveyResponse.objects.update(suggestion_status=ModerationStatus.APPROVED)
    results = client.get(page.get_url() + "results/")
    assert_escaped(results.content.decode(), payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_consultation_answers_and_comments_are_escaped_in_the_admin(
    client, superuser, consultation, payload
):
    page = client.get(consultation.get_url())
    assert page.status_code == 200
    from tests.test_scale_out import form_data

    answer = form_data(page.content.decode())
    answer["saran"] = payload
    assert client.post(consultation.get_url(), answer).status_code == 303
    standard = ServiceStandardPageFactory(parent=consultation.get_parent(), slug="visa")
    ComponentComment.objects.create(
        consultation=consultation,
        standard=standard,
        component="persyaratan",
        text=payload,
        respondent_key="c:test",
    )
    staff = Client()
    staff.force_login(superuser)
    submissions = staff.get(f"/admin/forms/submissions/{consultation.pk}/")
    assert submissions.status_code == 200
    assert_escaped(submissions.content.decode(), payload)
    comments = staff.get(
        f"/admin/consultation/consultations/{consultation.pk}/comments/"
    )
    assert comments.status_code == 200
    assert_escaped(comments.content.decode(), payload)


def assert_security_headers(response, hsts: bool = False) -> None:
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    assert headers.get("X-Frame-Options") == "DENY" or "frame-ancestors" in csp
    assert "default-src" in csp
    if hsts:
        assert "max-age=31536000" in headers["Strict-Transport-Security"]


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_security_headers(client, unit_a):
    for url in (
        "/id/",
        unit_a.get_url(),
        "/id/no-such-page/",
        "/api/search/?q=paspor",
        "/admin/login/",
    ):
        assert_security_headers(client.get(url))


def test_static_files_and_the_503_page_carry_the_headers_in_production(tmp_path):
    """Production settings under gunicorn, behind an HTTPS proxy, no database."""
    import requests

    from tests.live import manage

    env = site_env(
        tmp_path,
        database_url=f"sqlite:///{tmp_path / 'missing' / 'site.sqlite3'}",
        SECURE_HSTS_SECONDS="31536000",
    )
    manage(env, "collectstatic", "--noinput", "-v0", "-i", "wagtail*", "-i", "admin")
    port = free_port()
    server = start_gunicorn(env, port, workers=1)
    base, https = f"http://127.0.0.1:{port}", {"X-Forwarded-Proto": "https"}
    try:
        static = requests.get(f"{base}/static/css/site.css", headers=https, timeout=30)
        assert static.status_code == 200
        assert_security_headers(static, hsts=True)
        unavailable = requests.get(f"{base}/id/", headers=https, timeout=30)
        assert unavailable.status_code == 503
        assert_security_headers(unavailable, hsts=True)
    finally:
        stop(server)
