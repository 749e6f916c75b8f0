"""Send each unit moderator the day's digest of public feedback waiting.

Meant for a scheduler (cron or a systemd timer, see README): running it more
than once a day sends nothing more, and nobody with nothing waiting gets an
e-mail.
"""

from django.core.management.base import BaseCommand

from cms.core.digest import moderators, send_digest


class Command(BaseCommand):
    help = (
        "E-mail each unit moderator what waits for moderation "
        "(at most once a day per person)."
    )

    def handle(self, *args, **options):
        sent = sum(1 for user in moderators() if send_digest(user))
        self.stdout.write(f"Moderation digest: {sent} e-mail(s) sent.")
