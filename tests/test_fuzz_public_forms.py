"""Bad input at volume on every public form: never a 5xx, never a stray row.

Hypothesis posts random and hostile values (very long strings, wrong types,
unknown fields, HTML and SQL fragments, NULs, invalid UTF-8) to the SKM survey
form and kiosk, the consultation form, the per-component comment form and the
poll. The fields are read from the rendered page. A refused post (4xx) leaves
every table as it was; an accepted one adds exactly one row; a complete valid
answer is always accepted and stored once.
"""

import datetime
import re
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.core.public_text import strip_invisible_controls
from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
    published_poll,
)
from consultation.models import (
    ComponentComment,
    ConsultationSubmission,
    SurveyResponse,
    Vote,
)
from consultation.surveys.factories import SatisfactionSurveyPageFactory
from standards.factories import ServiceStandardPageFactory
from tests.fuzz_forms import (
    HONEYPOT,
    HOSTILE_TEXT,
    form_posting_to,
    hostile_answers,
    invalid_utf8_bodies,
    raw_body,
    valid_answers,
)

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FORM_ENCODED = "application/x-www-form-urlencoded"
TABLES = (SurveyResponse, ConsultationSubmission, ComponentComment, Vote)


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """The per-IP limits would turn the volume into 429s: lift them here."""
    scopes = ("survey", "kiosk", "consultation", "poll", "comment")
    settings.CONSULTATION_RATE_LIMITS = dict.fromkeys(scopes, (10**9, 600))
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def passport(unit_a):
    return ServiceStandardPageFactory(parent=unit_a, title="Paspor", slug="paspor")


@pytest.fixture
def survey(unit_a, passport):
    page = SatisfactionSurveyPageFactory(
        parent=unit_a,
        slug="skm",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date.today() + datetime.timedelta(days=365),
    )
    page.services.set([passport])
    page.save_revision().publish()
    return page


@pytest.fixture
def consultation(unit_a, passport):
    page = ConsultationPageFactory(parent=unit_a, slug="fkp")
    ConsultationFormFieldFactory(page=page, label="Pendapat", field_type="multiline")
    ConsultationFormFieldFactory(
        page=page, label="Setuju", field_type="radio", choices="Ya\nTidak\nRagu"
    )
    ConsultationFormFieldFactory(
        page=page, label="Hari", field_type="checkboxes", choices="Sabtu\nMinggu"
    )
    ConsultationFormFieldFactory(
        page=page, label="Kota", field_type="dropdown", choices="Toronto\nOttawa"
    )
    ConsultationFormFieldFactory(page=page, label="Nilai", field_type="number")
    page.standards.set([passport])
    page.save_revision().publish()
    return page


@pytest.fixture
def poll(consultation):
    return published_poll(consultation)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def added(before: dict[str, int]) -> int:
    after = counts()
    return sum(after[name] - before[name] for name in before)


def post(url: str, data) -> object:
    """POST with a fresh client: a new respondent with no identity cookie,
    from a page of their own (the sending id `sending.js` draws when a page
    opens, unless the example sets one: the same answer from one address
    and browser within seconds is otherwise one double-tapped sending)."""
    if isinstance(data, dict) and not data.get("sending"):
        data = {**data, "sending": uuid.uuid4().hex}
    body = data if isinstance(data, bytes) else raw_body(data)
    return Client().post(url, body, content_type=FORM_ENCODED)


def check_hostile(url: str, data) -> None:
    before = counts()
    response = post(url, data)
    assert response.status_code < 500, (response.status_code, data)
    stored = added(before)
    if response.status_code >= 400:
        assert stored == 0, (response.status_code, data)
    else:
        assert stored <= 1, data
    honeypot = data.get(HONEYPOT) if isinstance(data, dict) else None
    if honeypot and not isinstance(honeypot, list):
        assert stored == 0, data


def errors(response) -> list[str]:
    """The error messages a refused form shows, for the failure report."""
    html = response.content.decode(errors="replace")
    return re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)


def check_valid(url: str, data: dict, accepted=(200, 302, 303)) -> None:
    before = counts()
    response = post(url, data)
    assert response.status_code in accepted, (
        response.status_code,
        data,
        errors(response),
    )
    assert added(before) == 1, data


def fuzz_form(url: str, form, accepted=(200, 302, 303)) -> None:
    """Hostile posts, invalid UTF-8 bodies, then valid answers to `form`."""

    @FUZZ
    @given(st.one_of(hostile_answers(form), invalid_utf8_bodies(form)))
    def hostile(data):
        check_hostile(url, data)

    @settings(FUZZ, max_examples=10)
    @given(valid_answers(form), st.data())
    def wrong_choice(data, draw):
        choices = [f for f in form.fields.values() if f.kind in ("radio", "select")]
        if not choices:
            return
        target = draw.draw(st.sampled_from(choices))
        # The forms strip invisible control characters first (`public_text`):
        # a value that is an option once stripped is a valid answer.
        bad = draw.draw(
            HOSTILE_TEXT.filter(
                lambda v: strip_invisible_controls(v) not in target.options
            )
        )
        before = counts()
        response = post(url, {**data, target.name: bad})
        assert 400 <= response.status_code < 500, (response.status_code, data)
        assert added(before) == 0

    @settings(FUZZ, max_examples=10)
    @given(valid_answers(form))
    def valid(data):
        check_valid(url, data, accepted)

    hostile()
    wrong_choice()
    valid()


def test_survey_form_survives_hostile_input_and_stores_every_valid_answer(
    client, survey
):
    """Posted where the form posts (`consultation.answers`) and to the page."""
    html = client.get(survey.url).content.decode()
    form = form_posting_to(html, f"/answers/{survey.pk}/")
    fuzz_form(form.action, form)
    fuzz_form(survey.url, form)


def test_kiosk_survives_hostile_input_and_stores_a_completed_answer(client, survey):
    kiosk_url = survey.url + survey.reverse_subpage("kiosk")
    html = client.get(kiosk_url).content.decode()
    form = form_posting_to(html, "")

    @FUZZ
    @given(st.one_of(hostile_answers(form), invalid_utf8_bodies(form)))
    def hostile(data):
        before = counts()
        response = post(kiosk_url, data)
        assert response.status_code < 500, (response.status_code, data)
        assert added(before) == 0  # no forged state can complete the survey

    hostile()

    # A respondent who presses a valid answer on every screen is stored once.
    before, browser, screens = counts(), Client(), 0
    page = browser.get(kiosk_url).content.decode()
    while "answer" in (form := form_posting_to(page, "")).fields:
        answer = form.fields["answer"].options[0]
        response = browser.post(
            kiosk_url,
            {"state": form.fields["state"].value, "answer": answer},
            follow=True,
        )
        assert response.status_code == 200
        page, screens = response.content.decode(), screens + 1
        if screens > 20 or added(before):
            break
    assert added(before) == 1


def test_consultation_form_survives_hostile_input_and_stores_every_valid_answer(
    client, consultation
):
    html = client.get(consultation.url).content.decode()
    form = form_posting_to(html, f"/answers/{consultation.pk}/")
    fuzz_form(form.action, form)


def test_component_comment_survives_hostile_input_and_stores_every_valid_one(
    client, consultation
):
    html = client.get(consultation.url).content.decode()
    form = form_posting_to(html, "comment/")
    fuzz_form(form.action, form)


def test_poll_vote_survives_hostile_input_and_stores_every_valid_vote(client, poll):
    html = client.get(poll.url).content.decode()
    form = form_posting_to(html, f"/answers/{poll.pk}/")
    fuzz_form(form.action, form)
