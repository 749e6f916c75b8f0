"""Index settings and mappings: analyzers per locale and analysis profile.

Two profiles (setting `SEARCH_ANALYSIS_PROFILE`):

- `indonesian` (production): the Indonesian index gets Elasticsearch's
  Indonesian stemmer and stop words, ASCII folding and a stem-exclusion list
  (`data/stem_exclusions.txt`); the English index the English stemmer and stop
  words.
- `plain`: standard tokenizer, lower case, ASCII folding, stop words, synonyms,
  no stemmer, for engines without the Indonesian stemmer (osmem-server).

Synonyms are applied only by the search analyzer (a `synonym_graph` filter
placed before the stemmer), so editors change them without reindexing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

DATA_DIR = Path(__file__).resolve().parent / "data"
PROFILES = ("indonesian", "plain")
INDEX_ANALYZER = "terpadu_index"
SEARCH_ANALYZER = "terpadu_search"
SYNONYM_FILTER = "terpadu_synonyms"
# The `*_stem` fields hold words stemmed in Python (`search/stemming.py`), the
# same stems the database engine indexes: split on spaces, nothing more.
STEM_ANALYZER = "terpadu_stems"


def read_list(name: str) -> list[str]:
    """Lines of a data file in `search/data/`, without comments and blanks."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and line[0] != "#"]


@cache
def stem_exclusions() -> list[str]:
    return read_list("stem_exclusions.txt")


def current_profile() -> str:
    profile = getattr(settings, "SEARCH_ANALYSIS_PROFILE", "indonesian")
    if profile not in PROFILES:
        raise ValueError(f"SEARCH_ANALYSIS_PROFILE must be one of {PROFILES}")
    return profile


def synonym_filter(synonyms: list[str]) -> dict[str, Any]:
    """The search-time synonym filter; an empty list still yields a valid filter."""
    return {
        "type": "synonym_graph",
        "lenient": True,
        "synonyms": synonyms or ["terpadu, terpadu"],
    }


def analysis_settings(
    locale: str, synonyms: list[str], profile: str | None = None
) -> dict[str, Any]:
    """The `analysis` section of the index settings for `locale`."""
    profile = profile or current_profile()
    language = "indonesian" if locale == "id" else "english"
    filters: dict[str, Any] = {
        "terpadu_stop": {"type": "stop", "stopwords": f"_{language}_"},
        SYNONYM_FILTER: synonym_filter(synonyms),
    }
    chain = ["lowercase", "asciifolding"]
    stemming: list[str] = []
    if profile == "indonesian":
        if language == "indonesian":
            filters["terpadu_keywords"] = {
                "type": "keyword_marker",
                "keywords": stem_exclusions(),
            }
            stemming = ["terpadu_keywords"]
        else:
            stemming = ["english_possessive"]
            filters["english_possessive"] = {
                "type": "stemmer",
                "language": "possessive_english",
            }
        filters["terpadu_stemmer"] = {"type": "stemmer", "language": language}
        stemming.append("terpadu_stemmer")
    return {
        "filter": filters,
        "analyzer": {
            INDEX_ANALYZER: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*chain, "terpadu_stop", *stemming],
            },
            SEARCH_ANALYZER: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*chain, SYNONYM_FILTER, "terpadu_stop", *stemming],
            },
            STEM_ANALYZER: {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["lowercase"],
            },
        },
    }
