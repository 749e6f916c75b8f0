"""Fixtures of the consultation app's tests: a survey with two services."""

import datetime
from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
    published_poll,
)
from consultation.surveys import kiosk
from consultation.surveys.factories import (
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)
from standards.factories import ServiceStandardPageFactory


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate-limit counters live in the cache: start every test from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def passport(unit_a):
    return ServiceStandardPageFactory(parent=unit_a, title="Paspor", slug="paspor")


@pytest.fixture
def visa(unit_a):
    return ServiceStandardPageFactory(parent=unit_a, title="Visa", slug="visa")


@pytest.fixture
def survey(unit_a, passport, visa):
    page = SatisfactionSurveyPageFactory(
        parent=unit_a,
        title="SKM KJRI Toronto",
        slug="skm",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date.today() + datetime.timedelta(days=365),
        population=1000,
    )
    page.services.set([passport, visa])
    page.save_revision().publish()
    return page


@pytest.fixture
def other_survey(unit_a, survey, passport):
    """A second open survey of unit A over the same period and service."""
    page = SatisfactionSurveyPageFactory(
        parent=unit_a,
        slug="skm-2",
        period_start=survey.period_start,
        period_end=survey.period_end,
    )
    page.services.set([passport])
    page.save_revision().publish()
    return page


@pytest.fixture
def respond(survey):
    """Create a stored answer: respond([u1..u9], **fields)."""

    def make(answers, **fields):
        values = {f"u{i}": v for i, v in enumerate(answers, start=1)}
        return SurveyResponseFactory(survey=survey, **values, **fields)

    return make


def valid_post(survey, standard, **overrides):
    """A complete valid questionnaire as POST data."""
    data = {f"u{i}": "3" for i in range(1, 10)}
    data.update(
        {
            "service": str(standard.pk),
            "service_date": survey.local_today().isoformat(),
            "age_band": "30_39",
            "sex": "female",
            "education": "s1",
            "occupation": "migrant_worker",
            "suggestion": "",
            "website": "",
        }
    )
    data.update(overrides)
    return data


@pytest.fixture
def their_enrolment(survey, unit_b):
    """A kiosk enrolment of another unit's survey (same period as `survey`)."""
    theirs = SatisfactionSurveyPageFactory(
        parent=unit_b,
        slug="skm-b",
        period_start=survey.period_start,
        period_end=survey.period_end,
    )
    return kiosk.create_enrolment(theirs, "Loket B", None)


def enrolment_path(page, enrolment) -> str:
    """The public path of an enrolment's link on `page` (any language)."""
    query = urlencode({kiosk.LINK_PARAMETER: kiosk.link_token(enrolment)})
    return page.url + page.reverse_subpage("kiosk_enrol") + "?" + query


@pytest.fixture
def enrol(survey):
    """Enrol a test client as a kiosk tablet of the survey, through its link."""

    def make(client, name="Loket 1"):
        enrolment = kiosk.create_enrolment(survey, name, None)
        response = client.post(enrolment_path(survey, enrolment))
        assert response.status_code == 303
        enrolment.refresh_from_db()
        return enrolment

    return make


@pytest.fixture
def consultation(unit_a, passport):
    """An open consultation of unit A on its passport standard, with one
    question (modules that need another override it)."""
    page = ConsultationPageFactory(parent=unit_a, title="FKP Paspor", slug="fkp")
    ConsultationFormFieldFactory(page=page, label="Pendapat", field_type="multiline")
    page.standards.set([passport])
    page.save_revision().publish()
    return page


@pytest.fixture
def poll(consultation):
    """An open poll of the consultation with two choices."""
    return published_poll(consultation)
