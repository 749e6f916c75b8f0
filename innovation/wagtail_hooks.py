"""Admin views of the competition, replication records and page sections."""

import hashlib

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permissions import policy_registry, register_permission_policy

from cms.core import converters  # noqa: F401 (registers <id:...>)
from cms.core import dashboard as core_dashboard
from cms.core.api.endpoints import Endpoint
from cms.core.models import UnitPage
from cms.core.sections import Section
from cms.core.translation import in_locale_or_untranslated
from cms.core.visibility import LINK_FIELDS, public_pages

from . import kipp
from .admin_views import CompetitionViewSet
from .dashboard import unit_innovation
from .models import InnovationEntryPage, InnovationShowcasePage, Replication
from .replications import APPROVE_NOTES, ReplicationPermissionPolicy, units_of

APPROVE_NOTES_LOG_ACTION = "innovation.approve_notes"


@hooks.register("register_admin_viewset")
def register_competition_viewset():
    return CompetitionViewSet()


register_permission_policy(Replication, ReplicationPermissionPolicy(Replication))


@hooks.register("register_log_actions")
def register_replication_log_actions(actions):
    actions.register_action(
        APPROVE_NOTES_LOG_ACTION, _("Approve notes"), _("Notes approved")
    )


class ReplicationForm(WagtailAdminModelForm):
    """Choose the replicated entry and, for unit staff, one of their units.

    The entries offered are the public ones: an entry under a view restriction
    (its unit's groups only) was listed to every unit's staff, title included,
    and could be named as replicated. A record keeps the entry it names."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["original"].widget = forms.Select()
        public = Q(pk__in=InnovationEntryPage.objects.public().values("pk"))
        kept = Q(pk=self.instance.original_id) if self.instance.original_id else Q()
        self.fields["original"].queryset = (
            InnovationEntryPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .exclude(stage=kipp.DRAFT)
            .filter(public | kept)
            .order_by("-competition_year", "title")
        )
        self.fields["unit"].widget = forms.Select()
        if for_user is not None and not for_user.has_perm("innovation.add_replication"):
            units = units_of(for_user)
            self.fields["unit"].queryset = UnitPage.objects.filter(
                pk__in=[u.pk for u in units]
            )
        else:
            self.fields["unit"].queryset = UnitPage.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            ).order_by("title")


class UnitScopedMixin:
    """A record out of the user's reach (another unit's) is not found: 404.

    Wagtail's generic views check permissions on the model only; this asks the
    permission policy which records the user may act on.
    """

    def scoped_queryset(self, action: str = "change"):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, action
        )


class ReplicationIndexView(UnitScopedMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.scoped_queryset().select_related("unit", "original")


class ReplicationEditView(UnitScopedMixin, generic.EditView):
    approve_notes_url_name = None

    def get_queryset(self):
        return self.scoped_queryset("change")

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if (
            self.object.notes_pending
            and self.permission_policy.user_has_permission_for_instance(
                self.request.user, APPROVE_NOTES, self.object
            )
        ):
            buttons.append(
                Button(
                    _("Review notes"),
                    url=reverse(self.approve_notes_url_name, args=[self.object.pk]),
                    icon_name="check",
                    priority=5,
                )
            )
        return buttons


class ReplicationDeleteView(UnitScopedMixin, generic.DeleteView):
    def get_queryset(self):
        return self.scoped_queryset("delete")


class ReplicationHistoryView(UnitScopedMixin, history.HistoryView):
    def get_base_object_queryset(self):
        return self.scoped_queryset("change")


class ReplicationUsageView(UnitScopedMixin, usage.UsageView):
    def get_base_object_queryset(self):
        return self.scoped_queryset("change")


def notes_digest(text: str) -> str:
    """Identifies the reviewed text in the form (line breaks and all)."""
    return hashlib.sha256(text.encode()).hexdigest()


class ApproveNotesView(
    UnitScopedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Compare a record's submitted notes with the public ones and approve them.

    For the moderators of the record's unit, the committee and superusers;
    the record's other staff get 403, everyone else 404. The form carries a
    digest of the text the moderator reviewed: if the notes changed meanwhile,
    nothing is approved and the new text is shown.
    """

    model = Replication
    template_name = "innovation/admin/approve_replication_notes.html"
    page_title = _("Review notes")
    header_icon = "resubmit"
    edit_url_name = None
    index_url_name = None

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Replication)

    def get_base_object_queryset(self):
        return self.scoped_queryset("change").select_related("unit", "original")

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, APPROVE_NOTES, self.object
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Replications")},
            {
                "url": reverse(self.edit_url_name, args=[self.object.pk]),
                "label": str(self.object),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["edit_url"] = reverse(self.edit_url_name, args=[self.object.pk])
        context["notes_digest"] = notes_digest(self.object.notes)
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("reviewed") != notes_digest(self.object.notes):
            messages.error(
                request,
                _("The notes changed while you reviewed them: review them again."),
            )
            context = self.get_context_data()
            return self.render_to_response(context, status=409)
        self.object.approve_notes(request.user)
        log(instance=self.object, action=APPROVE_NOTES_LOG_ACTION, user=request.user)
        messages.success(
            request,
            _("The notes of '%(record)s' are public.") % {"record": self.object},
        )
        return redirect(self.edit_url_name, self.object.pk)


class ReplicationViewSet(ModelViewSet):
    """Replication records: each unit its own, the committee all of them."""

    model = Replication
    edit_handler = ObjectList(
        [
            FieldPanel("original"),
            FieldPanel("unit"),
            FieldPanel("replicated_on"),
            FieldPanel("notes"),
        ],
        base_form_class=ReplicationForm,
    )
    list_display = ["original", "unit", "replicated_on", "notes_status"]
    icon = "resubmit"
    menu_label = _("Replications")
    menu_order = 460
    add_to_admin_menu = True
    name = "replications"
    copy_view_enabled = False
    index_view_class = ReplicationIndexView
    edit_view_class = ReplicationEditView
    delete_view_class = ReplicationDeleteView
    history_view_class = ReplicationHistoryView
    usage_view_class = ReplicationUsageView
    approve_notes_view_class = ApproveNotesView

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            approve_notes_url_name=self.get_url_name("approve_notes"), **kwargs
        )

    @property
    def approve_notes_view(self):
        return self.construct_view(self.approve_notes_view_class)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "approve-notes/<id:pk>/",
                self.approve_notes_view,
                name="approve_notes",
            )
        ]


@hooks.register("register_admin_viewset")
def register_replication_viewset():
    return ReplicationViewSet()


@hooks.register("terpadu_unit_sections")
def unit_innovations(request, unit):
    """The unit's entries in the unit page's language, and those published in
    Indonesian only, as the showcase lists them: an English unit page listed
    one entry where the showcase listed five for the unit."""
    public = public_pages(InnovationEntryPage.objects.all(), within=unit)
    entries = list(
        in_locale_or_untranslated(public, unit.locale)
        .filter(unit__translation_key=unit.translation_key)
        .exclude(stage=kipp.DRAFT)
        .only(*LINK_FIELDS, *InnovationEntryPage.card_fields)
        .order_by("-competition_year", "title")
    )
    if not entries:
        return None
    return Section(
        "innovation/sections/unit_entries.html", {"innovation_entries": entries}, 40
    )


@hooks.register("terpadu_home_sections")
def latest_winners(request, home):
    showcase = InnovationShowcasePage.public_in(request, home.locale_id, home)
    winners = list(
        public_pages(InnovationEntryPage.objects.all(), within=home)
        .filter(locale_id=home.locale_id, stage__in=kipp.winner_stages())
        .only(*LINK_FIELDS, *InnovationEntryPage.card_fields)
        .order_by("-competition_year", "title")[:6]
    )
    if not winners and showcase is None:
        return None
    return Section(
        "innovation/sections/home_winners.html",
        {"innovation_winners": winners, "innovation_showcase": showcase},
        40,
    )


@hooks.register("terpadu_api_endpoints")
def api_endpoints() -> list[Endpoint]:
    """`/api/innovations/` in the API root and in each unit's links."""
    return [
        Endpoint(
            "innovations",
            "api_innovations",
            "Innovation entries (KIPP).",
            unit_link="Its innovation entries.",
        )
    ]


hooks.register(core_dashboard.UNIT_HOOK, unit_innovation)
