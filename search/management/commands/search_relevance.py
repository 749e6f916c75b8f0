"""`manage.py search_relevance`: success@3 and MRR of the judged queries."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from search.indexing import rebuild
from search.relevance import JUDGEMENTS, evaluate, load_judgements


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
