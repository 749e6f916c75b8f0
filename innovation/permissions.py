"""Who may do what in the competition: the committee and the panel.

The groups are created by a migration with the least privilege they need: the
committee moves stages and sees scores and the ranking; the panel scores
entries and sees scores. Neither gets page permissions: they work in the
competition's own admin views, never in the units' page trees.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

COMMITTEE_GROUP = "KIPP — Committee"
PANEL_GROUP = "KIPP — Panel"

COMMITTEE_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("innovation", "move_stage"),
    ("innovation", "view_scores"),
    ("innovation", "view_ranking"),
    ("innovation", "add_replication"),
    ("innovation", "change_replication"),
    ("innovation", "delete_replication"),
)
PANEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("innovation", "score_entry"),
    ("innovation", "view_scores"),
)

User = AbstractBaseUser | AnonymousUser


def can_move_stages(user: User) -> bool:
    """Members of the national committee (and superusers)."""
    return user.is_authenticated and user.has_perm("innovation.move_stage")


def can_score(user: User) -> bool:
    """Members of the independent panel (and superusers)."""
    return user.is_authenticated and user.has_perm("innovation.score_entry")


def can_view_scores(user: User) -> bool:
    """The panel and the committee; never the public or the units."""
    return user.is_authenticated and user.has_perm("innovation.view_scores")


def can_view_ranking(user: User) -> bool:
    """The committee: the ranking per year and its exports."""
    return user.is_authenticated and user.has_perm("innovation.view_ranking")


def can_open_competition(user: User) -> bool:
    """Whether the competition's admin views are open to `user` at all."""
    return can_move_stages(user) or can_view_scores(user)
