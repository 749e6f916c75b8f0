"""A renamed unit's pages are found under its new name at once (issue 21)."""

import datetime

import pytest

from search.query import parse_params
from search.service import search

pytestmark = pytest.mark.django_db


def test_renaming_a_unit_reindexes_its_pages(
    search_engine, unit_b, make_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_page(unit_b, "Layanan visa", "Visa kunjungan.")
        unit_b.title = "Kedutaan Besar RI Singapura Raya"
        unit_b.short_name = "KBRI Raya"
        unit_b.save_revision().publish()
    result = search(parse_params({"q": "visa raya", "locale": "id"}))
    assert [h.title for h in result.hits] == ["Layanan visa"]
    assert [h.unit for h in result.hits] == ["KBRI Raya"]


def test_units_are_suggested_by_short_name_once_and_digits_suggest_nothing(
    unit_b, client
):
    from search.indexing import rebuild

    unit_b.title = "Kedutaan Besar Republik Indonesia di Singapura"
    unit_b.save_revision().publish()
    rebuild()
    data = client.get("/api/search/suggest/", {"q": "KBRI S"}).json()
    texts = [s["text"] for s in data["suggestions"]]
    assert texts == ["Kedutaan Besar Republik Indonesia di Singapura"]
    assert client.get("/api/search/suggest/", {"q": "2025"}).json() == {
        "suggestions": []
    }


def test_a_consultation_state_follows_the_clock_after_search_refresh(
    search_engine, unit_a, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.management import call_command
    from django.utils import timezone

    from consultation.forums.documents import state_label
    from consultation.forums.factories import ConsultationPageFactory

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        page = ConsultationPageFactory(
            parent=unit_a,
            title="Konsultasi jam layanan",
            opens_on=today + datetime.timedelta(days=2),
            closes_on=today + datetime.timedelta(days=10),
        )
        page.save_revision().publish()

    def state_found(state: str) -> list[str]:
        label = state_label(state, "id")
        params = parse_params({"q": "jam layanan", "locale": "id", "state": label})
        return [h.title for h in search(params).hits]

    assert state_found("upcoming") == ["Konsultasi jam layanan"]
    now = timezone.now()
    for days, state in [(3, "open"), (12, "closed")]:
        later = now + datetime.timedelta(days=days)
        monkeypatch.setattr(timezone, "now", lambda later=later: later)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("search_refresh")
        assert state_found(state) == ["Konsultasi jam layanan"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("search_refresh")
    assert state_found("open") == []


def test_a_survey_index_found_in_results_follows_its_answers_after_search_refresh(
    search_engine, unit_a, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from consultation.surveys.factories import (
        SatisfactionSurveyPageFactory,
        SurveyResponseFactory,
    )

    with django_capture_on_commit_callbacks(execute=True):
        survey = SatisfactionSurveyPageFactory(
            parent=unit_a, title="Survei kepuasan layanan visa", population=0
        )
        survey.save_revision().publish()

    def found_by_index() -> list[str]:
        params = parse_params({"q": "baik visa", "locale": "id"})
        return [h.highlight for h in search(params).hits]

    assert ["IKM" in h for h in found_by_index()] == [False]
    for score in (3, 4, 4):
        SurveyResponseFactory(survey=survey, u1=score, u2=score, u3=score)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("search_refresh")
    [first] = found_by_index()
    assert "IKM" in first
    SurveyResponseFactory(survey=survey, u1=1, u2=1, u3=1, u4=1, u5=1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("search_refresh")
    assert found_by_index() != [first]
