"""Point the default Site at PUBLIC_BASE_URL (`cms.core.sites`)."""

from django.core.management.base import BaseCommand

from cms.core.sites import follow_public_base_url


class Command(BaseCommand):
    help = "Give the default Site the hostname and port of PUBLIC_BASE_URL."

    def handle(self, *args, **options):
        site = follow_public_base_url()
        if site is None:
            self.stdout.write("No default site yet: nothing to update.")
        elif options["verbosity"] > 0:
            self.stdout.write(f"Site address: {site.root_url}/")
