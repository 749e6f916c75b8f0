"""Admin views of the competition, replication records and page sections."""

from django import forms
from django.conf import settings
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.core.models import UnitPage
from cms.core.sections import Section
from cms.core.visibility import public_pages

from . import kipp, permissions
from .models import InnovationEntryPage, InnovationShowcasePage, Replication


@hooks.register("register_admin_urls")
def register_competition_urls():
    return [path("innovation/", include("innovation.admin_urls"))]


class CompetitionMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_open_competition(request.user)


@hooks.register("register_admin_menu_item")
def register_competition_menu_item():
    return CompetitionMenuItem(
        _("KIPP competition"),
        reverse("innovation_admin:entries"),
        icon_name="tasks",
        order=450,
    )


def units_of(user) -> list[UnitPage]:
    """The units (default language) whose pages `user` may add to."""
    if not user.is_authenticated:
        return []
    page_ids = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="add_page"
    ).values("page_id")
    return list(
        UnitPage.objects.filter(
            pk__in=page_ids, locale__language_code=settings.LANGUAGE_CODE
        )
    )


class ReplicationPermissionPolicy(ModelPermissionPolicy):
    """The committee manages every record; a unit's staff manage their unit's."""

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in ("add", "change", "delete", "view") and bool(units_of(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission(user, action):
            return True
        return instance.unit_id in {unit.pk for unit in units_of(user)}

    def instances_user_has_permission_for(self, user, action):
        if super().user_has_permission(user, action):
            return Replication.objects.all()
        return Replication.objects.filter(unit__in=units_of(user))


register_permission_policy(Replication, ReplicationPermissionPolicy(Replication))


class ReplicationForm(WagtailAdminModelForm):
    """Choose the replicated entry and, for unit staff, one of their units."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["original"].widget = forms.Select()
        self.fields["original"].queryset = (
            InnovationEntryPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .exclude(stage=kipp.DRAFT)
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


class ReplicationViewSet(ModelViewSet):
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
    list_display = ["original", "unit", "replicated_on"]
    icon = "resubmit"
    menu_label = _("Replications")
    menu_order = 460
    add_to_admin_menu = True
    name = "replications"


@hooks.register("register_admin_viewset")
def register_replication_viewset():
    return ReplicationViewSet()


@hooks.register("terpadu_unit_sections")
def unit_innovations(request, unit):
    entries = list(
        public_pages(InnovationEntryPage.objects.child_of(unit), within=unit)
        .exclude(stage=kipp.DRAFT)
        .order_by("-competition_year", "title")
    )
    if not entries:
        return None
    return Section(
        "innovation/sections/unit_entries.html", {"innovation_entries": entries}, 40
    )


@hooks.register("terpadu_home_sections")
def latest_winners(request, home):
    showcase = public_pages(
        InnovationShowcasePage.objects.filter(locale_id=home.locale_id), within=home
    ).first()
    winners = list(
        public_pages(InnovationEntryPage.objects.all(), within=home)
        .filter(locale_id=home.locale_id, stage__in=kipp.winner_stages())
        .order_by("-competition_year", "title")[:6]
    )
    if not winners and showcase is None:
        return None
    return Section(
        "innovation/sections/home_winners.html",
        {"innovation_winners": winners, "innovation_showcase": showcase},
        40,
    )
