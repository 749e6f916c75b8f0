"""Moderation of what the public writes: comments on a consultation's
components and suggestions in satisfaction surveys are published only once a
unit moderator approves them; a hidden one keeps the recorded reason.

`ModerationForm` and `ModerationView` are the one moderation screen: each
package (`forums`, `surveys`) configures the view with its page type, its
records and its wording; the decision, its checks and the per-unit access
(whoever may publish the page, i.e. its unit's moderators) are decided here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.models import Page

from cms.core.page_access import page_for

#: The longest reason kept; a longer one is cut, as the form's field allows.
REASON_MAX_LENGTH = 300
APPROVE = "approve"
HIDE = "hide"


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")


class ModerationForm(forms.Form):
    """One decision on one pending record: approve it, or hide it with a reason.

    The record is posted under `item_field` ("comment", "response") and must be
    one of `items`; any problem is one message for the whole form, worded by
    the screen (`choose_message`, `reason_message`).
    """

    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (HIDE, _("Hide"))])
    reason = forms.CharField(required=False)

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
        if self.cleaned_data["decision"] == APPROVE:
            return ModerationStatus.APPROVED
        return ModerationStatus.HIDDEN

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


class ModerationView(ABC, View):
    """The records of a page waiting for moderation, and a decision on one.

    Open to whoever may publish the page (its unit's moderators, superusers):
    anyone else gets PermissionDenied. A package sets the page type, the
    template, the POST name of the record, the status field and the wording,
    and says which records of the page are moderated (`get_items`).
    """

    page_model: type[Page]
    template_name: str
    page_context_name: str
    item_field: str
    status_field: str = "status"
    #: The record's field naming the moderator, when it keeps one.
    moderator_field: str | None = None
    header_title: str
    choose_message: str
    reason_message: str
    #: How many pending records one screen shows.
    shown = 50

    @abstractmethod
    def get_items(self, page: Page) -> models.QuerySet:
        """The page's records that are moderated (pending or not); each
        package's view says which (comments, SKM suggestions)."""

    def get_page(self, request: HttpRequest, page_id: int) -> Page:
        return page_for(request, self.page_model, page_id, publish=True)

    def get_form(self, page: Page, data=None) -> ModerationForm:
        return ModerationForm(
            data,
            items=self.get_items(page),
            item_field=self.item_field,
            choose_message=self.choose_message,
            reason_message=self.reason_message,
        )

    def get(self, request: HttpRequest, page_id: int) -> HttpResponse:
        return self.render(request, self.get_page(request, page_id))

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        page = self.get_page(request, page_id)
        form = self.get_form(page, request.POST)
        if not form.is_valid():
            return self.render(request, page, error=form.error())
        self.decide(form, request.user)
        return redirect(request.path)

    def decide(self, form: ModerationForm, user) -> None:
        """Record the decision (and the moderator, where the record keeps one)."""
        item = form.item
        setattr(item, self.status_field, form.status)
        item.moderation_reason = form.kept_reason
        fields = [self.status_field, "moderation_reason"]
        if self.moderator_field:
            setattr(item, self.moderator_field, user)
            fields.append(self.moderator_field)
        item.save(update_fields=fields)

    def render(self, request: HttpRequest, page: Page, error: str = "") -> HttpResponse:
        pending = (
            self.get_items(page)
            .filter(**{self.status_field: ModerationStatus.PENDING})
            .order_by("pk")[: self.shown]
        )
        return TemplateResponse(
            request,
            self.template_name,
            {
                self.page_context_name: page,
                "pending": pending,
                "error": error,
                "header_title": self.header_title,
            },
            status=400 if error else 200,
        )
