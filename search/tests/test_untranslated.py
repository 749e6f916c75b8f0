"""A page published only in Indonesian is found by the English search, marked
as available in Indonesian only, and opens under /en/ with an English notice."""

import pytest

from cms.core.translation import translate_page
from search.indexing import rebuild

pytestmark = pytest.mark.django_db

SECTION = "Not yet translated: available in Indonesian only"


@pytest.fixture
def pages(search_engine, unit_b, make_page):
    translate_page(unit_b, "en", {})
    only_indonesian = make_page(
        unit_b, "Visa kunjungan Singapura", "Visa kunjungan bagi warga Singapura."
    )
    translated = make_page(
        unit_b, "Visa diplomatik Singapura", "Visa diplomatik bagi warga Singapura."
    )
    translate_page(translated, "en", {"Visa diplomatik Singapura": "Diplomatic visa"})
    rebuild()
    return only_indonesian, translated


def test_english_search_lists_an_indonesian_only_page_under_en(client, pages):
    only_indonesian, translated = pages
    html = client.get("/en/search/?q=visa").content.decode()
    assert SECTION in html
    section = html.split(SECTION, 1)[1].split("</section>", 1)[0]
    english_url = "/en/" + only_indonesian.url.removeprefix("/id/")
    assert f'href="{english_url}" lang="id"' in section
    assert "Visa kunjungan Singapura" in section and "in Indonesian only" in section
    assert "Visa diplomatik Singapura" not in section, "it has an English page"
    page = client.get(english_url)
    assert page.status_code == 200
    assert "This page is not available in English yet" in page.content.decode()


def test_the_indonesian_search_has_no_such_section(client, pages):
    assert SECTION not in client.get("/id/search/?q=visa").content.decode()


def test_a_fully_translated_result_has_no_such_section(client, pages):
    assert SECTION not in client.get("/en/search/?q=diplomatik").content.decode()
