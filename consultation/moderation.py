"""Moderation of what the public writes: comments on a consultation's
components and suggestions in satisfaction surveys are published only once a
unit moderator approves them; a hidden one keeps the recorded reason.

`ModerationForm` is the one moderation form, for comments and suggestions
alike: approve, hide with a reason, or restore a decided record to the queue
(a hidden record is kept, so hiding is never final). `decide` records the
decision. The admin screens around it (`moderation_admin`) are Wagtail
ViewSets that each package configures with its record type.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page

#: The longest reason kept; a longer one is cut, as the form's field allows.
REASON_MAX_LENGTH = 300
APPROVE = "approve"
HIDE = "hide"
RESTORE = "restore"
LOG_ACTION = "consultation.moderate"


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")


def written_language_field() -> models.CharField:
    """The language of the site a comment or suggestion was written on, so the
    public pages mark it (`lang`) for screen readers and translators, and
    moderators see it. Empty for records stored before it was kept."""
    return models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the site the respondent wrote on."),
    )


def writing_language() -> str:
    """The reader's language now (the URL's prefix), if it is one of the site's."""
    language = get_language()
    return language if language in dict(settings.LANGUAGES) else ""


class ModerationForm(forms.Form):
    """One decision on one record: approve it, hide it with a reason, or
    restore it (back to waiting for moderation, its reason cleared).

    The record is posted under `item_field` ("comment", "response") and must be
    one of `items`; any problem is one message for the whole form, worded by
    the screen (`choose_message`, `reason_message`).
    """

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (HIDE, _("Hide")), (RESTORE, _("Restore"))],
        help_text=_("Restore puts a decided record back in the queue."),
    )
    reason = forms.CharField(
        label=_("Reason for hiding (required to hide)"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": REASON_MAX_LENGTH}),
    )

    def __init__(
        self,
        *args: Any,
        items: models.QuerySet,
        item_field: str,
        choose_message: str,
        reason_message: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.item_field = item_field
        self.choose_message = choose_message
        self.reason_message = reason_message
        self.fields[item_field] = forms.ModelChoiceField(queryset=items)

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"][:REASON_MAX_LENGTH]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.item_field in self.errors or "decision" in self.errors:
            raise forms.ValidationError(self.choose_message)
        if cleaned.get("decision") == HIDE and not cleaned.get("reason"):
            raise forms.ValidationError(self.reason_message)
        return cleaned

    @property
    def item(self) -> models.Model:
        return self.cleaned_data[self.item_field]

    @property
    def status(self) -> str:
        return {
            APPROVE: ModerationStatus.APPROVED,
            HIDE: ModerationStatus.HIDDEN,
            RESTORE: ModerationStatus.PENDING,
        }[self.cleaned_data["decision"]]

    @property
    def kept_reason(self) -> str:
        """The reason, recorded for a hidden record only."""
        return (
            self.cleaned_data["reason"]
            if self.status == ModerationStatus.HIDDEN
            else ""
        )

    def error(self) -> str:
        """The one message shown above the records."""
        errors = self.non_field_errors()
        return errors[0] if errors else str(self.choose_message)


def decide(
    form: ModerationForm,
    user: Any,
    page: Page,
    status_field: str = "status",
    moderator_field: str | None = None,
) -> models.Model:
    """Record the valid `form`'s decision on its record (and the moderator,
    where the record keeps one) and in the history of the record's `page`;
    return the record."""
    item = form.item
    setattr(item, status_field, form.status)
    item.moderation_reason = form.kept_reason
    fields = [status_field, "moderation_reason"]
    if moderator_field:
        setattr(item, moderator_field, user)
        fields.append(moderator_field)
    item.save(update_fields=fields)
    log(
        instance=page,
        action=LOG_ACTION,
        user=user,
        data={
            "kind": str(item._meta.verbose_name),
            "record": item.pk,
            "status": form.status,
            "reason": form.kept_reason,
        },
    )
    return item


class ModerationFormatter(LogFormatter):
    """How a decision reads in the page's history."""

    label = _("Moderate public feedback")

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        message = _("%(kind)s %(record)s: %(status)s.") % {
            "kind": capfirst(data.get("kind", "")),
            "record": data.get("record", ""),
            "status": ModerationStatus(data.get("status")).label,
        }
        if data.get("reason"):
            message += " " + _("Reason: %(reason)s") % {"reason": data["reason"]}
        return message
