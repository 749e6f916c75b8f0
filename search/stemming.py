"""One analysis for every engine: words folded, lower-cased and stemmed.

The Snowball stemmers (PyStemmer: the same algorithms as PostgreSQL's
`indonesian` and `english` text search configurations) stem Indonesian pages
with the Indonesian stemmer and English pages with the English one, plus two
repairs of the Indonesian rules so that the forms of one word meet:

- `men-`/`pen-` before a vowel stand for a root in `t` (meN- + terbit =
  menerbitkan, peN- + tulis = penulis); Snowball drops the `t` ("erbit"), so it
  is put back ("terbit", as "terbit" and "diterbitkan" stem);
- `memper-`/`diper-`/`terper-` leave `per-` on the root ("memperpanjang" ->
  "perpanjang"): that stem is stemmed once more ("panjang").

Words of `data/stem_exclusions.txt` (that the rules mangle), numbers and words
with digits are kept as they are. The database engine (SQLite FTS5 and
PostgreSQL) indexes and queries these stems; the cluster gets them in its
`*_stem` fields (`search/index.py`), so every engine matches the same words.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache

import Stemmer

from .analysis import stem_exclusions

LANGUAGES = {"id": "indonesian", "en": "english"}
VOWELS = frozenset("aeiou")
_TOKEN_RE = re.compile(r"\w+")
_local = threading.local()


def _stemmer(language: str) -> Stemmer.Stemmer:
    """A stemmer per thread (PyStemmer's objects are not thread-safe)."""
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(language)
    return stemmers[language]


@cache
def _excluded() -> frozenset[str]:
    return frozenset(w.lower() for w in stem_exclusions())


def fold(text: str) -> str:
    """Lower case without accents ("Pendaftaran É" -> "pendaftaran e")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """The folded words of `text` (letters and digits; `_` splits)."""
    return [t for t in _TOKEN_RE.findall(fold(text).replace("_", " ")) if t]


def language_of(locale: str | None) -> str:
    return LANGUAGES.get((locale or "id")[:2], "indonesian")


def stem(word: str, locale: str | None) -> str:
    """The stem of one folded word in the language of `locale`."""
    if len(word) < 4 or word in _excluded() or any(ch.isdigit() for ch in word):
        return word
    language = language_of(locale)
    stemmed = _stemmer(language).stemWord(word)
    if language != "indonesian":
        return stemmed
    return _repair(word, stemmed)


def _repair(word: str, stemmed: str) -> str:
    if (
        word[:3] in ("men", "pen")
        and word[3:4] in VOWELS
        and stemmed[:1] in VOWELS
        and word[3:].startswith(stemmed[:2])
    ):
        return "t" + stemmed
    if word.startswith(("memper", "diper", "terper")) and stemmed.startswith("per"):
        return _stemmer("indonesian").stemWord(stemmed)
    return stemmed


def analyze(text: str, locale: str | None) -> list[str]:
    """The stems of the words of `text`."""
    return [stem(t, locale) for t in tokens(text)]


def analyzed(text: str, locale: str | None) -> str:
    """`analyze(text)` as one space-separated string (what the indexes hold)."""
    return " ".join(analyze(text, locale))


def query_stems(word: str, locale: str | None) -> list[str]:
    """The stems a query word matches: in its language, or in both when the
    search is not limited to one."""
    folded = tokens(word)
    if not folded:
        return []
    locales = [locale] if locale else list(LANGUAGES)
    return list(dict.fromkeys(stem(t, code) for t in folded for code in locales))
