"""A renamed unit's pages are found under its new name at once (issue 21)."""

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
