"""`manage.py search_rebuild`: new indices, bulk load, atomic alias swap."""

import time

from django.core.management.base import BaseCommand, CommandError

from search.indexing import CLUSTER_ERRORS, rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index: rewrite the database engine's rows; with "
        "ELASTICSEARCH_URL, build new indices, swap the aliases atomically, then "
        "run search_reconcile."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--database",
            action="store_true",
            help="Also rewrite every row of the database engine (slow on SQLite).",
        )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            counts, report = rebuild(force_database=options["database"])
        except CLUSTER_ERRORS as error:
            raise CommandError(f"Search cluster unreachable: {error}") from error
        elapsed = time.perf_counter() - started
        detail = ", ".join(f"{k}: {v}" for k, v in counts.items()) or "no cluster"
        self.stdout.write(
            f"Rebuilt in {elapsed:.1f} s ({detail}); reconcile: "
            f"{report.indexed} indexed, {report.unindexed} removed"
        )
        if report.errors:
            raise CommandError("Reconcile failed: " + report.errors[0])
