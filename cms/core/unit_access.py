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

from .models import UnitAccessRecord, UnitPage
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
    """Names given to a new unit's editors and moderators groups."""
    key = unit_name(unit)
    return f"{key} — Editor", f"{key} — Moderator"


@transaction.atomic
def ensure_unit_access(unit: UnitPage) -> UnitAccess:
    """Create (or repair) the groups, permissions and workflow of `unit`.

    Idempotent: calling it again changes nothing. It grants on every language
    version of the unit page, so editors can also work on the translations.
    What it made is kept per unit (`UnitAccessRecord`), never looked up by
    name: a new group, collection or workflow whose name is taken gets a
    number after it.
    """
    source = source_translation(unit)
    record, _ = UnitAccessRecord.objects.select_related(
        "editors", "moderators", "collection", "workflow"
    ).get_or_create(unit_key=source.translation_key)
    editors_name, moderators_name = group_names(source)
    made = {
        "editors": record.editors or _new_group(editors_name),
        "moderators": record.moderators or _new_group(moderators_name),
        "collection": record.collection or _new_collection(unit_name(source)),
        "workflow": record.workflow or _new_workflow(unit_name(source)),
    }
    if any(getattr(record, field) != value for field, value in made.items()):
        for field, value in made.items():
            setattr(record, field, value)
        record.save()
    editors, moderators = record.editors, record.moderators
    for group in (editors, moderators):
        group.permissions.add(*_permissions(GLOBAL_PERMISSIONS))

    pages = list(UnitPage.objects.filter(translation_key=source.translation_key))
    _grant_pages(editors, pages, EDITOR_PAGE_PERMISSIONS)
    _grant_pages(moderators, pages, MODERATOR_PAGE_PERMISSIONS)
    for group in (editors, moderators):
        for permission in _permissions(COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=record.collection, permission=permission
            )
    workflow = record.workflow
    _approval_task(workflow, unit_name(source)).groups.add(moderators)
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
    return UnitAccess(editors, moderators, record.collection, workflow)


def unit_name(unit: UnitPage) -> str:
    return unit.short_name or unit.title


def free_name(name: str, taken) -> str:
    """`name`, or `name (2)`, `name (3)`… : the first for which `taken(name)`
    is false."""
    candidate, number = name, 1
    while taken(candidate):
        number += 1
        candidate = f"{name} ({number})"
    return candidate


def _new_group(name: str) -> Group:
    def taken(candidate: str) -> bool:
        return Group.objects.filter(name=candidate).exists()

    return Group.objects.create(name=free_name(name, taken))


def _new_collection(name: str) -> Collection:
    root = Collection.get_first_root_node()

    def taken(candidate: str) -> bool:
        return root.get_children().filter(name=candidate).exists()

    return root.add_child(name=free_name(name, taken))


def _new_workflow(name: str) -> Workflow:
    def taken(candidate: str) -> bool:
        return Workflow.objects.filter(name=f"Moderasi {candidate}").exists()

    return Workflow.objects.create(name=f"Moderasi {free_name(name, taken)}")


def _approval_task(workflow: Workflow, name: str) -> GroupApprovalTask:
    """The workflow's moderators' approval (made with it, or again when it was
    removed from the workflow)."""
    step = workflow.workflow_tasks.select_related("task").first()
    if step is not None:
        task = step.task.specific
        if isinstance(task, GroupApprovalTask):
            return task
    task = GroupApprovalTask.objects.create(name=f"Persetujuan moderator {name}")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return task


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
