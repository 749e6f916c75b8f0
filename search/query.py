"""Search parameters: parsing and validating what the user typed.

Bad input never reaches an engine: `parse_params` raises `SearchInputError`
with a message fit to show (empty, over 500 characters, no searchable words,
unknown kind or language, a page or year that is not a number).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache

from django.conf import settings
from django.utils.translation import gettext as _

from .analysis import read_list
from .registry import registry

MAX_QUERY_LENGTH = 500
MAX_PAGE = 500
PAGE_SIZE = 10
FACETS = ("kind", "unit", "category", "year", "state")
# Values of one facet a search may choose at once (more are ignored).
MAX_FACET_VALUES = 20
_PHRASE_RE = re.compile(r'"([^"]*)"')
_WORD_RE = re.compile(r"\w+(?:[-'.]\w+)*")
_EXCLUDED_RE = re.compile(r"(?:^|(?<=\s))-(\w+(?:[-'.]\w+)*)")
OR_WORD = "OR"


class SearchInputError(ValueError):
    """The search request cannot be answered; `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SearchParams:
    """A validated search: the text split into words and phrases, and filters."""

    q: str
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    state: tuple[str, ...] = ()
    locale: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE
    match_any: bool = False
    filters: dict[str, list[str]] = field(default_factory=dict, compare=False)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def operator(self) -> str:
        """ "and" (every word must match) unless retrying with any word."""
        return "or" if self.match_any else "and"

    def with_words(self, words: list[str]) -> SearchParams:
        return replace(self, words=tuple(words))

    def chosen(self) -> dict[str, tuple]:
        """The facets with chosen values: any value within a facet matches (OR),
        every facet must match (AND)."""
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}

    def counting(self, name: str) -> SearchParams:
        """This search without the values chosen in facet `name`, on one empty
        page: what counts that facet's values, so that choosing one keeps the
        others' counts (the reader may add or switch a value)."""
        return replace(self, page=1, page_size=0, **{name: ()})


@cache
def stopwords() -> frozenset[str]:
    """Words a query drops: stop words and the words of a question."""
    questions = [w for w in read_list("question_words.txt") if " " not in w]
    return frozenset(read_list("stopwords.txt") + questions)


@cache
def question_phrases() -> tuple[tuple[str, ...], ...]:
    """The question's phrases a query drops word by word ("berapa lama", "how
    long"): alone, "lama" or "long" may name what is asked ("paspor lama")."""
    entries = read_list("question_words.txt")
    return tuple(tuple(e.split()) for e in entries if " " in e)


def clean_text(raw: str) -> str:
    """Drop control and format characters, collapse white space, and read
    compatibility forms as their plain letters (NFKC): "ｐａｓｐｏｒ" typed
    with a full-width keyboard found 26 pages on /id/ and none on /en/."""
    text = unicodedata.normalize("NFKC", raw)
    kept = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(kept.split())


def split_query(text: str) -> tuple[list[str], list[str]]:
    """Words and quoted phrases of `text`; an unclosed quote is ignored."""
    phrases = [" ".join(_WORD_RE.findall(p)) for p in _PHRASE_RE.findall(text)]
    rest = _PHRASE_RE.sub(" ", text)
    words = _WORD_RE.findall(rest.replace('"', " "))
    phrases = [p for p in phrases if p]
    if len(phrases) > 5:
        words += " ".join(phrases[5:]).split()
        phrases = phrases[:5]
    return [w for w in words if w.strip("_")][:32], phrases


def split_operators(text: str) -> tuple[str, list[str], bool]:
    """`text` without its `-word`s, those words, and whether `OR` joined words.

    Every engine then excludes the pages with an excluded word and, with
    `OR`, matches pages with any of the words (`SearchParams.match_any`).
    Outside quotes only; a query of nothing but excluded words keeps them as
    plain words (never a search for "everything but").
    """
    parts = re.split(r'("[^"]*")', text)  # quoted phrases at odd positions
    outside = parts[::2]
    excluded = [w for part in outside for w in _EXCLUDED_RE.findall(part)]
    plain = [w for part in outside for w in _EXCLUDED_RE.sub(" ", part).split()]
    if excluded and not [w for w in plain if w != OR_WORD] and len(parts) == 1:
        return text, [], False
    any_word = OR_WORD in plain[1:-1]
    for i in range(0, len(parts), 2):
        part = _EXCLUDED_RE.sub(" ", parts[i])
        parts[i] = re.sub(r"(?<!\S)OR(?!\S)", " ", part) if any_word else part
    rest = "".join(parts)
    return rest, excluded, any_word


def _text_param(data: Mapping[str, str], name: str, limit: int = 200) -> str:
    value = clean_text(data.get(name) or "")
    if len(value) > limit:
        raise SearchInputError(_("A filter value is too long."))
    return value


def _list_param(data: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Every value of a repeated parameter (`unit=A&unit=B`), once each."""
    getlist = getattr(data, "getlist", None)
    raw = getlist(name) if getlist else [data.get(name) or ""]
    values = [clean_text(v or "") for v in raw][:MAX_FACET_VALUES]
    if any(len(v) > 200 for v in values):
        raise SearchInputError(_("A filter value is too long."))
    return tuple(dict.fromkeys(v for v in values if v))


def _int_param(value: str, message: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SearchInputError(message) from None
    if not low <= number <= high:
        raise SearchInputError(message)
    return number


def parse_params(
    data: Mapping[str, str], kinds: list[str] | None = None
) -> SearchParams:
    """Validate a query string's parameters (`q`, filters, `page`)."""
    raw = data.get("q") or ""
    if len(raw) > MAX_QUERY_LENGTH:
        raise SearchInputError(
            _("Your search is too long: use at most %(max)d characters.")
            % {"max": MAX_QUERY_LENGTH}
        )
    text = clean_text(raw)
    if not text:
        raise SearchInputError(_("Type one or more words to search for."))
    searched, excluded, any_word = split_operators(text)
    words, phrases = split_query(searched)
    if not words and not phrases:
        raise SearchInputError(
            _("Your search has no words or numbers to look for; try other words.")
        )
    kind = _list_param(data, "kind")
    known = kinds if kinds is not None else list(registry.kinds())
    if any(k not in known for k in kind):
        raise SearchInputError(_("Unknown kind of content: choose one from the list."))
    locale = _text_param(data, "locale") or None
    if locale is not None and locale not in {c for c, _n in settings.LANGUAGES}:
        raise SearchInputError(_("Unknown language: use 'id' or 'en'."))
    year = tuple(
        _int_param(
            text, _("The year must be from 1900 to 2100, such as 2025."), 1900, 2100
        )
        for text in _list_param(data, "year")
    )
    page_text = _text_param(data, "page")
    page = (
        _int_param(
            page_text,
            _("The page must be a number from 1 to %(max)d.") % {"max": MAX_PAGE},
            1,
            MAX_PAGE,
        )
        if page_text
        else 1
    )
    params = SearchParams(
        q=text,
        words=tuple(words),
        phrases=tuple(phrases),
        excluded=tuple(excluded),
        match_any=any_word,
        kind=kind,
        unit=_list_param(data, "unit"),
        category=_list_param(data, "category"),
        year=year,
        state=_list_param(data, "state"),
        locale=locale,
        page=page,
    )
    filters = {
        name: [str(v) for v in values] for name, values in params.chosen().items()
    }
    return replace(params, filters=filters)


def content_words(words: tuple[str, ...] | list[str]) -> list[str]:
    """`words` without stop words and question phrases, unless nothing else
    is left."""
    lowered = [w.lower() for w in words]
    dropped: set[int] = set()
    for phrase in question_phrases():
        for start in range(len(lowered) - len(phrase) + 1):
            if tuple(lowered[start : start + len(phrase)]) == phrase:
                dropped.update(range(start, start + len(phrase)))
    kept = [
        w
        for i, w in enumerate(words)
        if i not in dropped and lowered[i] not in stopwords()
    ]
    return kept or list(words)


def highlight_terms(params: SearchParams, extra: list[list[str]]) -> list[str]:
    terms = [*params.words, *" ".join(params.phrases).split()]
    for alt in extra:
        terms += alt
    return [t for t in dict.fromkeys(t.lower() for t in terms) if t not in stopwords()]
