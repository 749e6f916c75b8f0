"""Hostile query strings on every JSON endpoint and public GET page: never a 5xx.

The search API and its suggestions, `results.json` of surveys and
consultations, the search page, the survey results page, a standard's
comparison page, and every route under `/api/` (found in the URL
configuration, so endpoints added later are fuzzed too) get random and
hostile parameters: very long strings, HTML and SQL fragments, NULs, numbers
out of range, repeated keys and bytes that are not UTF-8. Reading never
writes: the answer tables keep their row counts.
"""

import datetime
import re
from urllib.parse import quote_from_bytes

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.models import ConsultationSubmission, SurveyResponse
from consultation.surveys.factories import SatisfactionSurveyPageFactory
from standards.factories import ServiceStandardPageFactory
from tests.fuzz_forms import HOSTILE_TEXT, INVALID_UTF8

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PARAMETER_NAMES = [
    "q",
    "page",
    "period",
    "service",
    "from",
    "to",
    "locale",
    "kind",
    "unit",
    "category",
    "type",
    "fields",
    "order",
    "limit",
    "offset",
    "search",
    "format",
    "year",
    "lang",
    "id",
]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_pages(unit_a):
    passport = ServiceStandardPageFactory(parent=unit_a, title="Paspor", slug="paspor")
    survey = SatisfactionSurveyPageFactory(
        parent=unit_a,
        slug="skm",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date.today() + datetime.timedelta(days=365),
    )
    survey.services.set([passport])
    survey.save_revision().publish()
    consultation = ConsultationPageFactory(parent=unit_a, slug="fkp")
    ConsultationFormFieldFactory(
        page=consultation, label="Setuju", field_type="radio", choices="Ya\nTidak"
    )
    consultation.standards.set([passport])
    consultation.save_revision().publish()
    return {"standard": passport, "survey": survey, "consultation": consultation}


@st.composite
def hostile_query(draw) -> str:
    """A query string of known and unknown names with hostile values."""
    names = st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(max_size=20))
    pairs = draw(st.lists(st.tuples(names, HOSTILE_TEXT), max_size=6))
    parts = [
        quote_from_bytes(str(k).encode("utf-8", "surrogatepass"))
        + "="
        + quote_from_bytes(str(v).encode("utf-8", "surrogatepass"))
        for k, v in pairs
    ]
    if draw(st.booleans()):
        name = draw(st.sampled_from(PARAMETER_NAMES))
        parts.append(f"{name}={quote_from_bytes(draw(INVALID_UTF8) * 3)}")
    return "&".join(parts)


def api_routes(standard_pk: int) -> list[str]:
    """Every GET route under /api/, path parameters filled in."""
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            text = str(pattern.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + text)
            elif isinstance(pattern, URLPattern):
                routes.append(prefix + text)

    walk(get_resolver().url_patterns, "")
    found = []
    for route in routes:
        if not route.startswith("api/") or "(?P<format>" in route:
            continue
        route = re.sub(r"<(?:\w+:)?(?:pk|id)>|\(\?P<(?:pk|id)>[^)]*\)", "%d", route)
        route = route.replace("%d", str(standard_pk))
        if "<" in route or "(" in route or "\\" in route:
            continue  # a parameter the fuzzing cannot fill sensibly
        found.append("/" + route)
    return sorted(set(found))


def get_never_fails(url: str) -> None:
    before = (SurveyResponse.objects.count(), ConsultationSubmission.objects.count())

    @FUZZ
    @given(hostile_query())
    def fuzz(query):
        response = Client().get(f"{url}?{query}")
        assert response.status_code < 500, (response.status_code, url, query)

    fuzz()
    after = (SurveyResponse.objects.count(), ConsultationSubmission.objects.count())
    assert after == before


def test_search_api_never_fails(site_pages):
    get_never_fails("/api/search/")


def test_search_suggestions_never_fail(site_pages):
    get_never_fails("/api/search/suggest/")


def test_search_page_never_fails(site_pages):
    get_never_fails("/id/search/")


def test_survey_results_json_never_fails(site_pages):
    get_never_fails(site_pages["survey"].url + "results.json")


def test_survey_results_page_never_fails(site_pages):
    survey = site_pages["survey"]
    get_never_fails(survey.url + survey.reverse_subpage("results"))


def test_consultation_results_json_never_fails(site_pages):
    get_never_fails(site_pages["consultation"].url + "results.json")


def test_standard_comparison_never_fails(site_pages):
    standard = site_pages["standard"]
    get_never_fails(standard.url + standard.reverse_subpage("compare"))


def test_every_api_route_never_fails(site_pages):
    routes = api_routes(site_pages["standard"].pk)
    assert "/api/search/" in routes  # the discovery itself works
    for route in routes:
        response = Client().get(route)
        assert response.status_code < 500, (response.status_code, route)

    @settings(FUZZ, max_examples=60)
    @given(st.sampled_from(routes), hostile_query())
    def fuzz(route, query):
        response = Client().get(f"{route}?{query}")
        assert response.status_code < 500, (response.status_code, route, query)

    fuzz()


def test_every_api_route_refuses_a_write_in_the_apis_error_shape(site_pages):
    """The API is read-only: a POST, PUT or DELETE anywhere under /api/ is a
    405 whose body is the API's `{"error": …}` (the search views and
    Wagtail's pages API answered DRF's `{"detail": …}`). The documentation
    page is HTML and the OpenAPI document negotiates its format: both are left
    out."""
    documents = {"/api/docs/", "/api/schema/"}
    routes = [r for r in api_routes(site_pages["standard"].pk) if r not in documents]
    assert "/api/search/" in routes and "/api/v2/pages/" in routes
    for route in routes:
        for method in ("post", "put", "delete"):
            response = getattr(Client(), method)(route)
            assert response.status_code == 405, (method, route)
            assert response["Content-Type"].startswith("application/json"), route
            assert set(response.json()) == {"error"}, (method, route)
