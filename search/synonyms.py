"""Editor-managed synonyms: the rules for the cluster and query-side expansion."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache

from cms.core import generations

from .analysis import read_list
from .models import Synonym, split_terms

VERSION_KEY = "search:synonyms"
CACHE_KEY = "search:synonym-groups:{version}"
# Groups left out in this context (`without_group`: the relevance suite's check).
_left_out: ContextVar[tuple[tuple[str, ...], ...]] = ContextVar("left_out", default=())


def synonym_rules() -> list[str]:
    """Solr-format equivalence lines ("wni, warga negara indonesia")."""
    return [", ".join(terms) for terms in synonym_groups()]


def synonym_groups() -> list[list[str]]:
    """Every equivalence list, its terms lower-cased (cached until a change)."""
    key = CACHE_KEY.format(version=generations.read(VERSION_KEY))
    groups = cache.get(key)
    if groups is None:
        groups = [split_terms(s.terms) for s in Synonym.objects.all()]
        groups = [g for g in groups if len(g) > 1]
        cache.set(key, groups, 3600)
    left_out = _left_out.get()
    return [g for g in groups if tuple(g) not in left_out] if left_out else groups


@contextmanager
def without_group(group: list[str]) -> Iterator[None]:
    """Search as if `group` were not a synonym group (in this context only)."""
    token = _left_out.set((*_left_out.get(), tuple(group)))
    try:
        yield
    finally:
        _left_out.reset(token)


def uses_group(words: list[str], group: list[str]) -> bool:
    """Whether a search for `words` is expanded by `group`."""
    return any(True for _ in occurrences([w.lower() for w in words], group))


def occurrences(lowered: list[str], group: list[str]) -> Iterator[tuple[int, str]]:
    """(position, term) of each term of `group` found in `lowered`, a
    multi-word term as a sequence of words."""
    for term in group:
        parts = term.split()
        n = len(parts)
        for i in range(len(lowered) - n + 1):
            if lowered[i : i + n] == parts:
                yield i, term


def forget_synonyms() -> None:
    """Every process reads the synonyms again (`cms.core.generations`)."""
    generations.bump(VERSION_KEY)


def seed_synonyms() -> int:
    """Create the synonyms of `data/synonyms.txt` that are missing; return how many."""
    created = 0
    for line in read_list("synonyms.txt"):
        terms = ", ".join(split_terms(line))
        _obj, was_created = Synonym.objects.get_or_create(terms=terms)
        created += was_created
    forget_synonyms()
    return created


def expand(words: list[str]) -> list[list[str]]:
    """Alternative word lists where a synonym replaces a term of `words`.

    ["wni", "paspor"] -> [["warga", "negara", "indonesia", "paspor"], ...]; the
    original is not included. Multi-word terms are matched as a sequence.
    """
    lowered = [w.lower() for w in words]
    alternatives: list[list[str]] = []
    for group in synonym_groups():
        for i, term in occurrences(lowered, group):
            end = i + len(term.split())
            for other in group:
                if other == term:
                    continue
                alt = lowered[:i] + other.split() + lowered[end:]
                if alt not in alternatives and alt != lowered:
                    alternatives.append(alt)
    return alternatives[:10]
