"""Who may see, change and approve replication records.

A unit's staff (its editors and moderators) record the replications their unit
made, and see and change only those; the KIPP committee (the model permissions
`innovation.add/change/delete_replication`) and superusers manage every record.
The admin views ask `ReplicationPermissionPolicy` for the records a user may
reach, so another unit's record is not found (404) rather than shown.

A record's notes are public only once approved: `Replication.notes` is what the
unit's staff wrote, `Replication.published_notes` what a moderator of that unit
(or the committee, or a superuser) approved (`APPROVE_NOTES`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from wagtail.models import GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy

from cms.core.models import UnitPage

from .models import Replication

User = AbstractBaseUser | AnonymousUser

APPROVE_NOTES = "approve_notes"
UNIT_ACTIONS = ("add", "change", "delete", "view")


def units_of(user: User, codename: str = "add_page") -> list[UnitPage]:
    """The units (default language) on whose page `user`'s groups hold the page
    permission `codename`: `add_page` for their staff, `publish_page` for
    their moderators."""
    if not user.is_authenticated or not user.is_active:
        return []
    page_ids = GroupPagePermission.objects.filter(
        group__user=user, permission__codename=codename
    ).values("page_id")
    return list(
        UnitPage.objects.filter(
            pk__in=page_ids, locale__language_code=settings.LANGUAGE_CODE
        )
    )


class ReplicationPermissionPolicy(ModelPermissionPolicy):
    """The committee manages every record; a unit's staff manage their unit's;
    a unit's moderators approve their unit's notes."""

    def manages_all(self, user: User, action: str) -> bool:
        """The committee's model permission (and any active superuser)."""
        if action == APPROVE_NOTES:
            action = "change"
        return super().user_has_permission(user, action)

    def units_for(self, user: User, action: str) -> list[UnitPage]:
        """The units whose records `user` may act on as their staff."""
        if action == APPROVE_NOTES:
            return units_of(user, "publish_page")
        if action in UNIT_ACTIONS:
            return units_of(user)
        return []

    def user_has_permission(self, user: User, action: str) -> bool:
        return self.manages_all(user, action) or bool(self.units_for(user, action))

    def user_has_permission_for_instance(
        self, user: User, action: str, instance: Replication
    ) -> bool:
        if self.manages_all(user, action):
            return True
        return instance.unit_id in {unit.pk for unit in self.units_for(user, action)}

    def instances_user_has_permission_for(
        self, user: User, action: str
    ) -> QuerySet[Replication]:
        if self.manages_all(user, action):
            return Replication.objects.all()
        return Replication.objects.filter(unit__in=self.units_for(user, action))

    def instances_user_has_any_permission_for(
        self, user: User, actions
    ) -> QuerySet[Replication]:
        queryset = Replication.objects.none()
        for action in actions:
            queryset |= self.instances_user_has_permission_for(user, action)
        return queryset
