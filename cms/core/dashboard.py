"""The editors' workplace: what waits for a user in each of their units.

The core knows units and people, not the work: each app says what waits in
its part of a unit through the `terpadu_unit_dashboard` hook, a function
`(workplace: Workplace) -> dict[int, Block]` (unit pk -> its block) that
answers for every unit of the workplace in a bounded number of queries, and
what the whole country should look at through `terpadu_national_dashboard`,
`(user) -> Block | None`. The home page of the admin shows one panel per unit
(`UnitDashboardPanel`), superusers the national summary
(`NationalSummaryPanel`); the moderators' digest
(`send_moderation_digest`) reads the lines marked `moderation`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import GroupPagePermission

from .models import UnitPage

UNIT_HOOK = "terpadu_unit_dashboard"
NATIONAL_HOOK = "terpadu_national_dashboard"
#: Items of one kind listed one by one before a "more" line.
ITEMS_PER_KIND = 8
#: How far ahead "soon" looks (opening, closing, due dates).
SOON_DAYS = 14


@dataclass(frozen=True)
class Line:
    """One thing to do (or to know), linking to the screen where it is done.

    `attention` marks what is late or short; `moderation` what waits for a
    moderator's decision (the digest sends those)."""

    text: str
    url: str
    count: int | None = None
    attention: bool = False
    moderation: bool = False


@dataclass
class Block:
    """An app's part of a unit's section: a heading and its lines."""

    title: str
    lines: list[Line] = field(default_factory=list)
    order: int = 100

    def add(self, line: Line) -> None:
        self.lines.append(line)

    def add_items(
        self, lines: list[Line], more_url: str, limit: int = ITEMS_PER_KIND
    ) -> None:
        """Add `lines` (one per item), the first `limit` of them and then one
        line saying how many more there are, linking to `more_url`."""
        self.lines.extend(lines[:limit])
        if len(lines) > limit:
            self.add(
                Line(
                    _("%(count)s more") % {"count": len(lines) - limit},
                    more_url,
                    attention=any(line.attention for line in lines[limit:]),
                )
            )


@dataclass(frozen=True)
class Workplace:
    """A user and the units (default language) whose groups they belong to."""

    user: Any
    units: tuple[UnitPage, ...]
    moderated: frozenset[int]

    @property
    def unit_ids(self) -> list[int]:
        return [unit.pk for unit in self.units]

    def moderates(self, unit_id: int) -> bool:
        return unit_id in self.moderated


def unit_permissions(user: AbstractBaseUser | AnonymousUser | None = None) -> QuerySet:
    """The page permissions groups hold on units (default language): those of
    `user`'s groups, or of every group."""
    grants = GroupPagePermission.objects.filter(
        page__in=UnitPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    )
    return grants if user is None else grants.filter(group__user=user)


def moderated_unit_ids(user: AbstractBaseUser | AnonymousUser) -> frozenset[int]:
    """The units whose pages `user` may publish (moderate), in one query."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    grants = unit_permissions(user).filter(permission__codename="publish_page")
    return frozenset(grants.values_list("page_id", flat=True))


def workplace_for(user: AbstractBaseUser | AnonymousUser) -> Workplace:
    """The units `user` works in, in two queries whatever their number."""
    if not user.is_authenticated or not user.is_active:
        return Workplace(user, (), frozenset())
    grants = list(unit_permissions(user).values_list("page_id", "permission__codename"))
    unit_ids = {page_id for page_id, _codename in grants}
    moderated = {page_id for page_id, codename in grants if codename == "publish_page"}
    units = tuple(UnitPage.objects.filter(pk__in=unit_ids).order_by("title"))
    return Workplace(user, units, frozenset(moderated))


def unit_blocks(workplace: Workplace) -> dict[int, list[Block]]:
    """Every app's blocks for each unit of the workplace, in order."""
    blocks: dict[int, list[Block]] = {unit.pk: [] for unit in workplace.units}
    if not workplace.units:
        return blocks
    for contribute in hooks.get_hooks(UNIT_HOOK):
        for unit_id, block in contribute(workplace).items():
            if unit_id in blocks and block.lines:
                blocks[unit_id].append(block)
    for unit_blocks_list in blocks.values():
        unit_blocks_list.sort(key=lambda block: block.order)
    return blocks


def national_blocks(user: AbstractBaseUser) -> list[Block]:
    """The national summary's blocks, in order."""
    found = [contribute(user) for contribute in hooks.get_hooks(NATIONAL_HOOK)]
    return sorted(
        (block for block in found if block is not None), key=lambda b: b.order
    )


def moderation_lines(blocks: Iterable[Block]) -> list[Line]:
    """The lines of `blocks` that wait for a moderator and are not empty."""
    return [
        line
        for block in blocks
        for line in block.lines
        if line.moderation and (line.count or 0) > 0
    ]


def unit_admin_url(unit: UnitPage | int) -> str:
    """The unit's page listing in the admin."""
    return reverse("wagtailadmin_explore", args=[getattr(unit, "pk", unit)])


def edit_url(page: Any) -> str:
    """The admin's edit screen of a page."""
    return reverse("wagtailadmin_pages:edit", args=[getattr(page, "pk", page)])


class UnitDashboardPanel(Component):
    """One unit's section on the admin's home page."""

    template_name = "core/admin/unit_dashboard.html"
    order = 100

    def __init__(self, unit: UnitPage, blocks: list[Block], moderator: bool) -> None:
        self.unit = unit
        self.blocks = blocks
        self.moderator = moderator

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "unit_url": unit_admin_url(self.unit),
            "blocks": self.blocks,
            "role": _("moderator") if self.moderator else _("editor"),
        }


class NationalSummaryPanel(Component):
    """What a superuser looks at across every unit."""

    template_name = "core/admin/national_summary.html"
    order = 100

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {"blocks": self.blocks}


def homepage_panels(user: AbstractBaseUser) -> list[Component]:
    """The national summary for a superuser, else one panel per unit."""
    if user.is_superuser:
        return [NationalSummaryPanel(national_blocks(user))]
    workplace = workplace_for(user)
    blocks = unit_blocks(workplace)
    return [
        UnitDashboardPanel(unit, blocks[unit.pk], workplace.moderates(unit.pk))
        for unit in workplace.units
    ]
