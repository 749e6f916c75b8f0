"""Responses are evidence: deleting one is a moderator's decision, with a reason.

Wagtail's form-submissions screen let anyone who may edit a consultation
delete its public responses, silently. Here only those who may publish the
consultation (the unit's moderators) delete responses, each time with a
reason, and the deletion is recorded in the page's history (who, when, how
many, why); the public figures are computed from the remaining responses.
The view is Wagtail's own, mounted at its path (`admin_overrides.py`).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.forms.views import DeleteSubmissionsView
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page

LOG_ACTION = "consultation.delete_responses"


class DeletionReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for deleting"),
        help_text=_(
            "Recorded in the consultation's history, e.g. a respondent's request "
            "to erase their data, or a duplicate."
        ),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModeratedDeleteSubmissionsView(DeleteSubmissionsView):
    """Delete responses: moderators only, with a reason kept in the history."""

    template_name = "consultation/admin/confirm_delete_responses.html"

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs.get("page_id"))
        if not page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        self.page = page.specific
        if not isinstance(self.page, FormMixin):
            raise Http404  # a page without responses (a moderator's content page)
        self.submissions = self.get_queryset()
        self.form = DeletionReasonForm(request.POST or None)
        if request.method == "POST" and self.form.is_valid():
            self.handle_delete(self.submissions)
            return redirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(**kwargs))

    @transaction.atomic
    def handle_delete(self, submissions):
        submitted = [
            time.isoformat()
            for time in submissions.order_by("submit_time").values_list(
                "submit_time", flat=True
            )
        ]
        count = len(submitted)
        if not count:
            return
        submissions.delete()
        log(
            instance=self.page,
            action=LOG_ACTION,
            user=self.request.user,
            data={
                "count": count,
                "reason": self.form.cleaned_data["reason"],
                "submitted_at": submitted,
            },
        )
        messages.success(
            self.request,
            ngettext(
                "One response has been deleted; the reason is in the page's history.",
                "%(count)d responses have been deleted; the reason is in the "
                "page's history.",
                count,
            )
            % {"count": count},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        return context


class DeleteResponsesFormatter(LogFormatter):
    """How a deletion reads in the page's history."""

    label = _("Delete responses")

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        count = data.get("count", 0)
        return ngettext(
            "Deleted %(count)d response. Reason: %(reason)s",
            "Deleted %(count)d responses. Reason: %(reason)s",
            count,
        ) % {"count": count, "reason": data.get("reason", "")}
