"""`manage.py search_relevance`: success@3 and MRR of the judged queries."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from search import service
from search.indexing import rebuild
from search.query import parse_params
from search.relevance import JUDGEMENTS, Judgement, Report, judge, load_judgements


def evaluate(judgements: list[Judgement]) -> Report:
    """Run every judged query through the search service."""
    report = Report(engine=service.primary_engine().name)
    for judgement in judgements:
        params = parse_params({"q": judgement.q, "locale": judgement.locale})
        result = service.search(params)
        report.outcomes.append(judge(judgement, result.hits))
    return report


class Command(BaseCommand):
    help = "Run the judged relevance suite on the configured search engine."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
        parser.add_argument(
            "--rebuild", action="store_true", help="Rebuild the search index first."
        )
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, **options) -> None:
        if options["rebuild"]:
            rebuild(force_database=True)
        report = evaluate(load_judgements(options["judgements"]))
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
