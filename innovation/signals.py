"""Submission to the competition follows the unit's moderation workflow.

When the unit's moderators approve an entry (or publish it directly), it is
submitted to the competition: its stage becomes "submitted", recorded with the
approving user. A complete entry is a precondition: approving an incomplete
entry is refused before anything is published.
"""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.log_actions import get_active_log_context
from wagtail.models import TaskState
from wagtail.signals import page_published

from . import kipp
from .models import InnovationEntryPage
from .stages import submit_to_competition


@receiver(page_published, sender=InnovationEntryPage)
def submit_on_approval(sender, instance, revision=None, **kwargs):
    if instance.stage != kipp.DRAFT or instance.source_entry().pk != instance.pk:
        return
    if kipp.completeness_problems(kipp.section_values(instance)):
        return
    user = get_active_log_context().user or getattr(revision, "user", None)
    submit_to_competition(instance, user)


@receiver(pre_save, sender=TaskState)
def refuse_approving_incomplete_entry(sender, instance, raw=False, **kwargs):
    if raw or instance.status != TaskState.STATUS_APPROVED or not instance.pk:
        return
    revision = instance.revision
    if revision is None:
        return
    model = revision.content_type.model_class()
    if model is None or not issubclass(model, InnovationEntryPage):
        return
    problems = kipp.completeness_problems(revision.content)
    if problems:
        raise PermissionDenied(kipp.problems_summary(problems))
