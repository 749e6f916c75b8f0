"""Keep versions and the publishing rule in step with Wagtail's events.

- `page_published`: store a `ServiceStandardVersion` snapshot of the standard.
- approval of a workflow task: a moderator cannot approve (and so publish) a
  standard whose service-delivery components are empty, or whose decreed
  components changed without a new decree or a correction reason; the approval
  is turned into a request for changes whose comment gives the reason, and the
  moderator is told (`cms.core.admin_guards.UnitWorkflowActionView`).
"""

from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import TaskState
from wagtail.signals import page_published

from cms.core.translation import source_translation

from .models import ServiceStandardPage, ServiceStandardVersion
from .structure import components_data

REFUSAL_LOG_ACTION = "standards.publication_refused"


def snapshot_fields(page: ServiceStandardPage) -> dict:
    """The values a version keeps of `page`."""
    currency = page.unit.currency if page.unit_id else ""
    return {
        "title": page.title,
        "decree_number": page.decree_number,
        "decree_date": page.decree_date,
        "effective_date": page.effective_date,
        "correction_reason": page.correction_reason,
        "completeness": page.completeness,
        "data": components_data(page, currency),
    }


def source_version_number(page: ServiceStandardPage) -> int | None:
    """For a translation, the number of its source's version as published now.

    The source's publication is recorded first (nothing is added when it is
    already): outside a transaction the translations are synced and published
    as soon as the source is (`cms.core.translation_sync`), before this app's
    receiver records the source's new version, and the translation's previous
    version was overwritten with the new decree and fees."""
    source = source_translation(page)
    if source.pk == page.pk:
        return None
    if source.live:
        return record_version(source, source.live_revision).number
    latest = source.versions.order_by("-number").first()
    return latest.number if latest else None


def record_version(page: ServiceStandardPage, revision=None) -> ServiceStandardVersion:
    """Store a version of `page` as published now, unless nothing changed.

    A translation's versions follow its source's: publishing it again for the
    same source version (its words translated, its facts synced,
    `cms.core.translation_sync`) refreshes that version instead of adding one.
    """
    fields = snapshot_fields(page)
    number = source_version_number(page)
    with transaction.atomic():
        versions = ServiceStandardVersion.objects.select_for_update().filter(page=page)
        if number is not None and versions.filter(number=number).exists():
            versions.filter(number=number).update(revision=revision, **fields)
            return versions.get(number=number)
        latest = versions.order_by("-number").first()
        if number is not None:
            return ServiceStandardVersion.objects.create(
                page=page,
                number=number,
                revision=revision,
                published_at=page.last_published_at or timezone.now(),
                **fields,
            )
        if latest is not None and all(
            getattr(latest, name) == value for name, value in fields.items()
        ):
            return latest
        return ServiceStandardVersion.objects.create(
            page=page,
            number=(latest.number + 1) if latest else 1,
            revision=revision,
            published_at=page.last_published_at or timezone.now(),
            **fields,
        )


@receiver(page_published)
def standard_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, ServiceStandardPage):
        record_version(instance, revision)


@receiver(pre_save, sender=TaskState)
def refuse_incomplete_approval(sender, instance, **kwargs):
    if instance.pk is None or instance.status != TaskState.STATUS_APPROVED:
        return
    # What the approval publishes: the latest revision (Wagtail's
    # `publish_workflow_state`), which a moderator may have corrected in the
    # editor before approving; the task's own revision is the one submitted.
    revision = instance.workflow_state.content_object.get_latest_revision()
    if revision is None:
        return
    model = revision.content_type.model_class()
    if model is None or not issubclass(model, ServiceStandardPage):
        return
    previous = (
        TaskState.objects.filter(pk=instance.pk)
        .values_list("status", flat=True)
        .first()
    )
    if previous != TaskState.STATUS_IN_PROGRESS:
        return
    candidate = revision.as_object()
    missing = candidate.missing_delivery_components()
    problems = candidate.publication_problems()
    if not problems:
        return
    reason = " ".join(problems)
    instance.status = TaskState.STATUS_REJECTED
    instance.comment = (
        f"{instance.comment}\n\n{reason}".strip() if instance.comment else reason
    )
    log(
        instance=candidate,
        action=REFUSAL_LOG_ACTION,
        user=instance.finished_by,
        revision=revision,
        data={"missing": missing, "reason": reason},
    )
