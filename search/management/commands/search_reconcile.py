"""`manage.py search_reconcile`: bring the search index back in line."""

from django.core.management.base import BaseCommand, CommandError

from search.indexing import reconcile


class Command(BaseCommand):
    help = (
        "Bring both search engines in line with the published pages: retry "
        "updates missed while the cluster was down, add missing pages, remove "
        "stale ones."
    )

    def handle(self, *args, **options) -> None:
        report = reconcile()
        self.stdout.write(
            f"database: {report.stored} written, {report.unstored} removed; "
            f"cluster: {report.indexed} indexed, {report.unindexed} removed, "
            f"{report.pending} pending retried"
        )
        if report.errors:
            raise CommandError("Search cluster unreachable: " + report.errors[0])
