"""Give every new unit its groups, permissions and workflow.

A unit page created in the admin, by `seed_demo`, or as a translation gets its
access set up in the same transaction that creates it.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import UnitPage


@receiver(post_save, sender=UnitPage)
def set_up_unit_access(sender, instance: UnitPage, created: bool, raw=False, **kwargs):
    if raw or not created:
        return
    from .unit_access import ensure_unit_access

    ensure_unit_access(instance)
