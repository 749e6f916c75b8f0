"""Build the demo site: units, pages, accounts and every app's demo content.

Idempotent: a second run finds what exists and creates nothing new. Refuses to
run under production settings, because it creates accounts with a known
password.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.core.seeding import DemoContext, demo_modules


class Command(BaseCommand):
    help = "Create the demo site (development only); safe to run repeatedly."

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith("production"):
            raise CommandError("seed_demo creates known passwords: not in production.")
        ctx = DemoContext(stdout=self.stdout)
        for module in demo_modules():
            with transaction.atomic():
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
        self.stdout.write("Development accounts (log in at /admin/):")
        for role, username, password in ctx.credentials:
            self.stdout.write(f"  {role:<32} {username:<32} {password}")
