"""`manage.py search_refresh`: documents that change with time, brought up to date."""

from django.core.management.base import BaseCommand

from search.indexing import refresh_timely


class Command(BaseCommand):
    help = (
        "Update the search documents that change with time (a consultation's "
        "open or closed state, a survey's figures) in both engines. Run it from "
        "a scheduler, e.g. every 15 minutes."
    )

    def handle(self, *args, **options) -> None:
        changed = refresh_timely()
        self.stdout.write(f"{len(changed)} search documents updated")
