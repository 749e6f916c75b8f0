"""`manage.py search_relevance`: success@3 and MRR of the judged queries."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from search import service
from search.indexing import rebuild
from search.query import parse_params
from search.relevance import (
    JUDGEMENTS,
    Judgement,
    Outcome,
    Report,
    judge,
    load_judgements,
)
from search.synonyms import synonym_groups, uses_group, without_group


def run(judgement: Judgement) -> Outcome:
    params = parse_params({"q": judgement.q, "locale": judgement.locale})
    return judge(judgement, service.search(params).hits)


def evaluate(judgements: list[Judgement]) -> Report:
    """Run every judged query through the search service."""
    report = Report(engine=service.primary_engine().name)
    report.outcomes = [run(judgement) for judgement in judgements]
    return report


def worse(with_group: Outcome, without: Outcome) -> bool:
    """Whether the group made the outcome worse: it fails where it passed, or
    its first relevant page ranks lower (0: not found)."""
    if without.passed and not with_group.passed:
        return True
    rank, rank_without = with_group.rank or 10**6, without.rank or 10**6
    return rank > rank_without


def synonym_effects(judgements: list[Judgement]) -> list[dict]:
    """Each synonym group with the judged queries it makes worse.

    A group only changes the searches whose words contain one of its terms,
    so only those are run again without it.
    """
    effects = []
    for group in synonym_groups():
        touched = [j for j in judgements if uses_group(j.q.split(), group)]
        with_group = [run(j) for j in touched]
        with without_group(group):
            without = [run(j) for j in touched]
        effects.append(
            {
                "group": group,
                "queries": len(touched),
                "worse": [
                    f"{a.locale} {a.q!r}: rank {b.rank} -> {a.rank}"
                    for a, b in zip(with_group, without, strict=True)
                    if worse(a, b)
                ],
            }
        )
    return effects


class Command(BaseCommand):
    help = "Run the judged relevance suite on the configured search engine."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
        parser.add_argument(
            "--rebuild", action="store_true", help="Rebuild the search index first."
        )
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument(
            "--synonyms",
            action="store_true",
            help="Check each synonym group: the judged queries it makes worse.",
        )

    def handle(self, *args, **options) -> None:
        if options["rebuild"]:
            rebuild(force_database=True)
        judgements = load_judgements(options["judgements"])
        if options["synonyms"]:
            self.synonyms(judgements, options["json"])
            return
        report = evaluate(judgements)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict()))
            return
        for outcome in report.outcomes:
            mark = "ok " if outcome.passed else "MISS"
            self.stdout.write(
                f"{mark} {outcome.rank:>2} {outcome.locale} {outcome.q!r:<40} "
                f"{outcome.first}"
            )
        self.stdout.write(
            f"{report.engine}: success@3 {report.success_at_3:.1%}, "
            f"MRR {report.mrr:.3f} over {len(report.outcomes)} queries"
        )

    def synonyms(self, judgements: list[Judgement], as_json: bool) -> None:
        effects = synonym_effects(judgements)
        if as_json:
            self.stdout.write(json.dumps(effects))
            return
        for effect in effects:
            verdict = "; ".join(effect["worse"]) or "makes no judged query worse"
            self.stdout.write(
                f"{', '.join(effect['group'])} ({effect['queries']} queries): {verdict}"
            )
