"""One stemming, query syntax and typo behaviour on every engine (issue 21).

Run on the database engine (SQLite, or PostgreSQL with DATABASE_URL) and on
the test cluster (`search_engine` fixture).
"""

from functools import partial

import pytest

from search.indexing import rebuild
from search.query import parse_params
from search.service import search
from search.stemming import analyze, stem

pytestmark = pytest.mark.django_db

FORMS = {
    "terbit": ["terbit", "penerbitan", "diterbitkan", "menerbitkan"],
    "panjang": ["panjang", "perpanjangan", "memperpanjang"],
}


@pytest.mark.parametrize("root", sorted(FORMS))
def test_forms_of_one_word_have_one_stem(root):
    assert {stem(form, "id") for form in FORMS[root]} == {root}


def test_english_pages_are_stemmed_in_english():
    assert analyze("Visas and passports for the director", "en") == [
        "visa",
        "and",
        "passport",
        "for",
        "the",
        "director",
    ]


@pytest.fixture
def forms_site(search_engine, unit_b, make_page, django_capture_on_commit_callbacks):
    make = partial(make_page, unit_b, publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        pages = {
            "terbit": make("Paspor terbit", "Paspor terbit dalam tiga hari."),
            "penerbitan": make("Layanan penerbitan", "Penerbitan surat keterangan."),
            "diterbitkan": make("Kartu", "Kartu diterbitkan oleh kantor."),
            "menerbitkan": make("Kantor", "Kantor menerbitkan dokumen."),
            "panjang": make("Antrean panjang", "Antrean panjang di loket."),
            "perpanjangan": make("Izin", "Perpanjangan izin tinggal."),
            "memperpanjang": make("Visa", "Cara memperpanjang visa."),
            "hilang": make("Paspor hilang", "Penggantian paspor hilang."),
            "lain": make("Legalisasi", "Legalisasi dokumen dan paspor lain."),
        }
    rebuild()
    return pages


def found(q: str) -> set[str]:
    result = search(parse_params({"q": q, "locale": "id"}))
    return {hit.title for hit in result.hits}


@pytest.mark.parametrize("root", sorted(FORMS))
def test_every_form_finds_the_same_pages(forms_site, root):
    expected = {forms_site[form].title for form in FORMS[root]}
    for form in FORMS[root]:
        assert found(form) == expected, form


def test_excluded_word_leaves_its_pages_out(forms_site):
    assert found("paspor -hilang") == {"Paspor terbit", "Legalisasi"}
    assert found("paspor") == {"Paspor terbit", "Legalisasi", "Paspor hilang"}


def test_or_matches_any_word(forms_site):
    assert found("kartu OR kantor") == {"Kartu", "Kantor"}


def test_a_typo_is_corrected_and_said_the_same_on_every_engine(forms_site):
    result = search(parse_params({"q": "legalisai", "locale": "id"}))
    assert [h.title for h in result.hits] == ["Legalisasi"]
    assert result.corrected_words == ["legalisasi"]


def test_short_words_and_numbers_are_never_corrected(forms_site):
    assert found("2024") == set()
    assert search(parse_params({"q": "viza", "locale": "id"})).total == 0


def test_search_page_says_what_it_searched_for(forms_site, client):
    response = client.get("/id/search/", {"q": "legalisai"})
    assert "legalisasi" in response.content.decode()
