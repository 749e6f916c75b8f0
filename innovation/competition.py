"""Who may see, move and score the competition's entries: the permission policy
of the KIPP admin screens (`CompetitionViewSet`).

The competition is national. The committee (`innovation.move_stage`) and the
independent panel (`innovation.score_entry`) see every unit's submitted entries;
the committee moves stages and sees the ranking, the panel scores, both see the
scores. A unit's editors and moderators hold none of these permissions, so no
entry of any unit (their own included) is open to them here: they work on their
entries in the unit's page tree. Superusers hold every permission.

A unit's drafts are never the competition's business: no action reaches an
entry still at the draft stage, whoever asks, so its screens answer 404.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from wagtail.permission_policies import BasePermissionPolicy

from . import kipp, permissions
from .models import InnovationEntryPage

User = permissions.User

VIEW = "view"
MOVE_STAGE = "move_stage"
SCORE = "score"
VIEW_SCORES = "view_scores"
VIEW_RANKING = "view_ranking"

#: Each action of the competition's screens and the test of `permissions`
#: deciding it.
ACTION_CHECKS = {
    VIEW: permissions.can_open_competition,
    MOVE_STAGE: permissions.can_move_stages,
    SCORE: permissions.can_score,
    VIEW_SCORES: permissions.can_view_scores,
    VIEW_RANKING: permissions.can_view_ranking,
}

#: The Django permissions (app label, codename) granting each action.
ACTION_PERMISSIONS = {
    VIEW: (("innovation", "move_stage"), ("innovation", "view_scores")),
    MOVE_STAGE: (("innovation", "move_stage"),),
    SCORE: (("innovation", "score_entry"),),
    VIEW_SCORES: (("innovation", "view_scores"),),
    VIEW_RANKING: (("innovation", "view_ranking"),),
}


def competition_entries() -> QuerySet[InnovationEntryPage]:
    """The entries of the competition: submitted (not draft), source language."""
    return InnovationEntryPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).exclude(stage=kipp.DRAFT)


class CompetitionPermissionPolicy(BasePermissionPolicy):
    """The committee and the panel act on every unit's submitted entries, each
    within its role; nobody acts on a draft; unit staff act on nothing here."""

    def __init__(self, model: type[InnovationEntryPage] = InnovationEntryPage):
        super().__init__(model)

    def user_has_permission(self, user: User, action: str) -> bool:
        check = ACTION_CHECKS.get(action)
        return bool(check and check(user))

    def user_has_any_permission(self, user: User, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(
        self, user: User, action: str, instance: InnovationEntryPage
    ) -> bool:
        return instance.stage != kipp.DRAFT and self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(
        self, user: User, actions: Iterable[str], instance: InnovationEntryPage
    ) -> bool:
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_permission_for(
        self, user: User, action: str
    ) -> QuerySet[InnovationEntryPage]:
        if self.user_has_permission(user, action):
            return competition_entries()
        return InnovationEntryPage.objects.none()

    def instances_user_has_any_permission_for(
        self, user: User, actions: Iterable[str]
    ) -> QuerySet[InnovationEntryPage]:
        if self.user_has_any_permission(user, actions):
            return competition_entries()
        return InnovationEntryPage.objects.none()

    def users_with_any_permission(self, actions: Iterable[str]):
        """Active users whose groups or own permissions grant one of `actions`,
        and active superusers."""
        granting = Q()
        for action in actions:
            for app_label, codename in ACTION_PERMISSIONS.get(action, ()):
                granting |= Q(content_type__app_label=app_label, codename=codename)
        perms = Permission.objects.filter(granting) if granting else None
        condition = Q(is_superuser=True)
        if perms is not None:
            condition |= Q(user_permissions__in=perms)
            condition |= Q(groups__permissions__in=perms)
        return (
            get_user_model().objects.filter(is_active=True).filter(condition).distinct()
        )

    def users_with_permission(self, action: str):
        return self.users_with_any_permission([action])

    def users_with_any_permission_for_instance(
        self, actions: Iterable[str], instance: InnovationEntryPage
    ):
        if instance.stage == kipp.DRAFT:
            return get_user_model().objects.none()
        return self.users_with_any_permission(actions)

    def users_with_permission_for_instance(
        self, action: str, instance: InnovationEntryPage
    ):
        return self.users_with_any_permission_for_instance([action], instance)
