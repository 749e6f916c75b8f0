"""`manage.py search_flush_stats`: the search counts from the cache to the database."""

from django.core.management.base import BaseCommand

from search.stats import STORED_DAYS, flush, prune


class Command(BaseCommand):
    help = (
        "Move the search counts kept in the cache into the database (the "
        "admin's search report), and delete counts older than "
        f"{STORED_DAYS} days. Run it every few minutes from a scheduler."
    )

    def handle(self, *args, **options) -> None:
        written = flush()
        pruned = prune()
        self.stdout.write(f"{written} search counts written, {pruned} old ones deleted")
