"""Build the demo site: units, pages, accounts and every app's demo content.

Each app's part prints what it built and how long it took, so a first run
(about half a minute) shows its progress. The upkeep of every save (page
cache, search indexes, reference index) waits until the end and is done once
(`cms.core.seeding.upkeep_deferred`). Idempotent: a second run finds what
exists and creates nothing new. Refuses to
run under production settings, because it creates accounts with a known
password.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.core.seeding import DemoContext, demo_modules, upkeep_deferred


class Command(BaseCommand):
    help = "Create the demo site (development only); safe to run repeatedly."

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith("production"):
            raise CommandError("seed_demo creates known passwords: not in production.")
        ctx = DemoContext(stdout=self.stdout)
        begun = time.monotonic()
        with upkeep_deferred():
            for module in demo_modules():
                app = module.__name__.removesuffix(".demo")
                self.stdout.write(f"==> Building the demo content of {app}")
                started = time.monotonic()
                with transaction.atomic():
                    module.seed(ctx)
                self.stdout.write(f"    {app}: {time.monotonic() - started:.1f} s")
        self.stdout.write(
            self.style.SUCCESS(f"Demo site ready in {time.monotonic() - begun:.1f} s.")
        )
        self.stdout.write("Development accounts (log in at /admin/):")
        for role, username, password in ctx.credentials:
            self.stdout.write(f"  {role:<32} {username:<32} {password}")
