"""The judged relevance suite: citizen queries and the pages that must answer them.

`search/tests/relevance/judgements.yaml` lists queries with the pages that must
be in the top three (patterns of their URL path, or `kind:<kind>`).
`manage.py search_relevance` runs them through the search service (whatever
engine is configured) and prints success@3 and the mean reciprocal rank (over
the first result page), as JSON with `--json`; `search/tests/test_relevance.py`
runs it on every engine over the demo site and `tests/bench/relevance.py`
records the figures in `var/bench.json`.

This module judges result lists and holds the figures without Django set up
(the bench reads reports in a plain Python process): it imports no search
module, and a hit is anything with a `url` and a `kind` (`RankedPage`).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

JUDGEMENTS = Path(__file__).resolve().parent / "tests" / "relevance" / "judgements.yaml"
TOP = 3


class RankedPage(Protocol):
    """What judging reads of a search hit (`search.engines.base.Hit`)."""

    url: str
    kind: str


@dataclass(frozen=True)
class Judgement:
    """A query, its language and the pages that must answer it."""

    q: str
    locale: str
    relevant: tuple[str, ...]
    not_first: tuple[str, ...] = ()


@dataclass
class Outcome:
    """How one judged query fared: rank of the first relevant hit (0: none)."""

    q: str
    locale: str
    rank: int
    first: str
    passed: bool


@dataclass
class Report:
    """The suite's figures on one engine."""

    engine: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def success_at_3(self) -> float:
        return sum(o.passed for o in self.outcomes) / max(1, len(self.outcomes))

    @property
    def mrr(self) -> float:
        ranks = [1 / o.rank if o.rank else 0.0 for o in self.outcomes]
        return sum(ranks) / max(1, len(ranks))

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "queries": len(self.outcomes),
            "success_at_3": round(self.success_at_3, 4),
            "mrr": round(self.mrr, 4),
            "outcomes": [asdict(o) for o in self.outcomes],
        }


def load_judgements(path: Path = JUDGEMENTS) -> list[Judgement]:
    """The judged queries of `path`."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Judgement(
            q=str(e["q"]),
            locale=e["locale"],
            relevant=tuple(e["relevant"]),
            not_first=tuple(e.get("not_first", ())),
        )
        for e in entries
    ]


def matches(hit: RankedPage, pattern: str) -> bool:
    """True when `hit` is the page `pattern` names (URL path pattern or kind)."""
    if pattern.startswith("kind:"):
        return hit.kind == pattern[5:]
    path = hit.url.split("?", 1)[0]
    path = path if path.endswith("/") else path + "/"
    return fnmatch.fnmatchcase(path, f"*/{pattern.strip('/')}/")


def judge(judgement: Judgement, hits: list[RankedPage]) -> Outcome:
    """The outcome of `judgement` for the result list `hits`."""
    rank = next(
        (
            i
            for i, hit in enumerate(hits, 1)
            if any(matches(hit, p) for p in judgement.relevant)
        ),
        0,
    )
    wrong_first = bool(hits) and any(matches(hits[0], p) for p in judgement.not_first)
    return Outcome(
        q=judgement.q,
        locale=judgement.locale,
        rank=rank,
        first=hits[0].url if hits else "",
        passed=0 < rank <= TOP and not wrong_first,
    )


# A page of a unit: /<language>/<units index>/<unit>/<the page below the unit>
UNIT_PAGE = re.compile(r"^/(?P<language>[^/]+)/[^/]+/[^/]+/(?P<below>.+)$")


def same_answer(first_url: str, second_url: str) -> bool:
    """The same page, or the same service offered by another unit (the same
    address below the unit, in the same language).

    Many units publish the same standard ("paspor-baru" of KBRI Singapura and
    of KBRI Kuala Lumpur). For a query that names no unit the two score
    almost alike, and each engine breaks that tie its own way: both answers
    are the one the citizen asked for, so they agree.
    """
    if first_url == second_url:
        return True
    first, second = UNIT_PAGE.match(first_url or ""), UNIT_PAGE.match(second_url or "")
    return bool(
        first
        and second
        and first["language"] == second["language"]
        and first["below"] == second["below"]
    )


def agreement(first: Report, second: Report) -> float:
    """Share of queries whose first results give the same answer on both
    engines (`same_answer`)."""
    pairs = list(zip(first.outcomes, second.outcomes, strict=True))
    same = sum(same_answer(a.first, b.first) for a, b in pairs)
    return same / max(1, len(pairs))
