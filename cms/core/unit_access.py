"""Per-unit access as code: groups, page and collection permissions, workflow.

Every unit gets an editors group and a moderators group whose page permissions
cover that unit's subtree only (in every language), a media collection of its
own, and a moderation workflow in which the unit's moderators approve what its
editors submit. Least privilege: editors cannot publish, nobody in a unit group
can bulk-delete a subtree, and neither group has permissions outside its unit.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import UnitPage
from .translation import source_translation

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page")
MODERATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
GLOBAL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
)


@dataclass(frozen=True)
class UnitAccess:
    """What `ensure_unit_access` created or found for one unit."""

    editors: Group
    moderators: Group
    collection: Collection
    workflow: Workflow


def group_names(unit: UnitPage) -> tuple[str, str]:
    """Names of a unit's editors and moderators groups (stable across languages)."""
    key = unit.short_name or unit.title
    return f"{key} — Editor", f"{key} — Moderator"


@transaction.atomic
def ensure_unit_access(unit: UnitPage) -> UnitAccess:
    """Create (or repair) the groups, permissions and workflow of `unit`.

    Idempotent: calling it again changes nothing. It grants on every language
    version of the unit page, so editors can also work on the translations.
    """
    source = source_translation(unit)
    editors_name, moderators_name = group_names(source)
    editors, _ = Group.objects.get_or_create(name=editors_name)
    moderators, _ = Group.objects.get_or_create(name=moderators_name)
    for group in (editors, moderators):
        group.permissions.add(*_permissions(GLOBAL_PERMISSIONS))

    pages = list(UnitPage.objects.filter(translation_key=source.translation_key))
    _grant_pages(editors, pages, EDITOR_PAGE_PERMISSIONS)
    _grant_pages(moderators, pages, MODERATOR_PAGE_PERMISSIONS)
    collection = _unit_collection(source)
    for group in (editors, moderators):
        for permission in _permissions(COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    workflow = _unit_workflow(source, moderators)
    assigned = dict(
        WorkflowPage.objects.filter(page__in=pages).values_list(
            "page_id", "workflow_id"
        )
    )
    for page in pages:
        if assigned.get(page.pk) != workflow.pk:
            WorkflowPage.objects.update_or_create(
                page=page, defaults={"workflow": workflow}
            )
    return UnitAccess(editors, moderators, collection, workflow)


def _permissions(pairs) -> list[Permission]:
    wanted = {(app, codename) for app, codename in pairs}
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def _grant_pages(group: Group, pages: list[Page], codenames) -> None:
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    )
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )


def _unit_collection(unit: UnitPage) -> Collection:
    root = Collection.get_first_root_node()
    name = unit.short_name or unit.title
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _unit_workflow(unit: UnitPage, moderators: Group) -> Workflow:
    name = unit.short_name or unit.title
    workflow, _ = Workflow.objects.get_or_create(name=f"Moderasi {name}")
    task = GroupApprovalTask.objects.filter(
        name=f"Persetujuan moderator {name}"
    ).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"Persetujuan moderator {name}")
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    return workflow
