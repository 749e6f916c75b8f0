"""The committee and panel groups created by the migration: least privilege."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from innovation.permissions import COMMITTEE_GROUP, PANEL_GROUP

pytestmark = pytest.mark.django_db


def codenames(name):
    return set(
        Group.objects.get(name=name).permissions.values_list("codename", flat=True)
    )


def test_committee_group_may_move_stages_and_see_the_ranking():
    assert codenames(COMMITTEE_GROUP) == {
        "access_admin",
        "move_stage",
        "view_scores",
        "view_ranking",
        "add_replication",
        "change_replication",
        "delete_replication",
    }


def test_panel_group_may_only_score_and_see_scores():
    assert codenames(PANEL_GROUP) == {"access_admin", "score_entry", "view_scores"}


def test_competition_groups_have_no_page_permissions():
    assert not GroupPagePermission.objects.filter(
        group__name__in=[COMMITTEE_GROUP, PANEL_GROUP]
    ).exists()


def test_seventeen_sdgs_exist():
    from innovation.models import SustainableDevelopmentGoal

    assert list(
        SustainableDevelopmentGoal.objects.values_list("number", flat=True)
    ) == list(range(1, 18))
