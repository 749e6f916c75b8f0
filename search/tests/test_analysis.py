"""The production mapping and the Indonesian stemmer's rules (no cluster needed)."""

import pytest

from search.analysis import SEARCH_ANALYZER, SYNONYM_FILTER
from search.index import index_body
from search.stemming import stem

pytestmark = pytest.mark.django_db

# What every engine indexes (search/stemming.py: Snowball, as PostgreSQL's
# `indonesian` configuration, with the men-/pen- + t repair).
STEMS = {
    "pelayanan": "layan",
    "layanan": "layan",
    "persyaratan": "syarat",
    "pengaduan": "adu",
    "perwakilan": "wakil",
    "kewarganegaraan": "warganegara",
    "penerbitan": "terbit",
    "pendaftaran": "daftar",
    "pemberian": "beri",
    "menyapu": "sapu",
    "legalisasi": "legalisasi",
    "memindahkan": "pindah",
}


@pytest.mark.parametrize(("word", "expected"), sorted(STEMS.items()))
def test_indonesian_stems(word, expected):
    assert stem(word, "id") == expected


@pytest.mark.parametrize("word", ["diaspora", "pemilu"])
def test_stem_exclusions_keep_words_the_rules_mangle(settings, word):
    settings.SEARCH_ANALYSIS_PROFILE = "indonesian"
    assert stem(word, "id") == word
    filters = index_body("id")["settings"]["analysis"]["filter"]
    assert word in filters["terpadu_keywords"]["keywords"]


def analysis(settings, locale: str, profile: str) -> dict:
    settings.SEARCH_ANALYSIS_PROFILE = profile
    return index_body(locale)["settings"]["analysis"]


def test_production_indonesian_index_uses_stemmer_and_stop_words(settings):
    result = analysis(settings, "id", "indonesian")
    assert result["filter"]["terpadu_stemmer"] == {
        "type": "stemmer",
        "language": "indonesian",
    }
    assert result["filter"]["terpadu_stop"]["stopwords"] == "_indonesian_"
    chain = result["analyzer"]["terpadu_index"]["filter"]
    assert chain == [
        "lowercase",
        "asciifolding",
        "terpadu_stop",
        "terpadu_keywords",
        "terpadu_stemmer",
    ]


def test_synonym_graph_runs_in_search_analyzer_before_the_stemmer(settings):
    result = analysis(settings, "id", "indonesian")
    chain = result["analyzer"][SEARCH_ANALYZER]["filter"]
    assert result["filter"][SYNONYM_FILTER]["type"] == "synonym_graph"
    assert chain.index(SYNONYM_FILTER) < chain.index("terpadu_stemmer")
    assert SYNONYM_FILTER not in result["analyzer"]["terpadu_index"]["filter"]


def test_search_analyzer_carries_seeded_acronyms(settings):
    rules = analysis(settings, "id", "indonesian")["filter"][SYNONYM_FILTER]
    assert "wni, warga negara indonesia" in rules["synonyms"]


def test_english_index_uses_english_analysis(settings):
    result = analysis(settings, "en", "indonesian")
    assert result["filter"]["terpadu_stemmer"]["language"] == "english"
    assert result["filter"]["terpadu_stop"]["stopwords"] == "_english_"


def test_plain_profile_has_no_stemmer(settings):
    result = analysis(settings, "id", "plain")
    assert "terpadu_stemmer" not in result["filter"]
    assert result["analyzer"]["terpadu_index"]["filter"] == [
        "lowercase",
        "asciifolding",
        "terpadu_stop",
    ]


def test_mapping_has_keyword_facets_and_completion(settings):
    properties = index_body("id")["mappings"]["properties"]
    for name in ("kind", "unit", "unit_type", "category", "state", "locale"):
        assert properties[name]["type"] == "keyword"
    assert properties["year"]["type"] == "integer"
    assert properties["published"]["type"] == "date"
    assert properties["suggest"]["type"] == "completion"
    assert properties["title"]["search_analyzer"] == SEARCH_ANALYZER
