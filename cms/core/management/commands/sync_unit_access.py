"""Create or repair every unit's groups, permissions and workflow."""

from django.core.management.base import BaseCommand

from cms.core.models import UnitPage
from cms.core.unit_access import ensure_unit_access


class Command(BaseCommand):
    help = "Create or repair the editors/moderators groups and workflow of every unit."

    def handle(self, *args, **options):
        units = UnitPage.objects.filter(locale__language_code="id")
        for unit in units:
            access = ensure_unit_access(unit)
            self.stdout.write(
                f"{unit.short_name}: {access.editors.name}, {access.moderators.name}"
            )
        self.stdout.write(self.style.SUCCESS(f"{units.count()} units up to date."))
