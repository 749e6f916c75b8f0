"""The admin's moderation of public feedback, as Wagtail ViewSets.

`FeedbackViewSet` is one listing of a package's moderated records (comments on
components, SKM suggestions) with filters, CSV/XLSX export (`list_export`) and
one screen per record carrying the one `ModerationForm` (approve, hide with a
reason, restore). `PageFeedbackView` is the same listing limited to one page,
kept under the page's own URL (the page header's "Moderate ..." button) and
taking the form's POST for any record of that page.

Who sees what is `FeedbackPermissionPolicy`: the records of pages in the units
the user moderates (their groups hold `publish_page` on the unit, as the
dashboard and digest count them: `cms.core.dashboard.moderated_unit_ids`); every
record for superusers. Another unit's record is not found (404), by listing,
filter, export or id; nobody adds or deletes a record here.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from cms.core import converters  # noqa: F401 (registers <id:...>)
from cms.core.dashboard import moderated_unit_ids
from cms.core.local_time import local_date, local_second
from cms.core.models import UnitPage
from cms.core.page_access import page_for
from cms.core.spreadsheets import SafeSpreadsheetExportMixin

from .forums.records import PERSONAL_DATA_PERMISSION
from .moderation import ModerationForm, ModerationStatus, decide

User = AbstractBaseUser | AnonymousUser

#: An exported record's text that is not published, for a user without the
#: personal-data permission.
WITHHELD_TEXT = _("(not published: exported only with the personal-data permission)")

#: What a moderator does with a record here; adding and deleting are no one's.
ACTIONS = ("change", "view")

#: The hook of the "Public feedback" menu's items after the queue
#: (`consultation.admin_views.PublicFeedbackMenu`): each `FeedbackViewSet`'s
#: listing, shown to whoever its permission policy lets moderate some records.
MENU_HOOK = "terpadu_public_feedback_menu_item"


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """The records of pages in the units the user moderates; all of them for
    superusers (and holders of the model's change permission).

    `page_field` names the record's page (`consultation`, `survey`).
    """

    def __init__(self, model: type[models.Model], page_field: str) -> None:
        super().__init__(model)
        self.page_field = page_field

    def records(self) -> models.QuerySet:
        """Every moderated record of the model (a subclass may leave some out)."""
        return self.model._default_manager.all()

    def manages_all(self, user: User, action: str) -> bool:
        return action in ACTIONS and super().user_has_permission(user, "change")

    def unit_ids(self, user: User, action: str) -> list[int]:
        """The units whose records `user` moderates."""
        if action not in ACTIONS:
            return []
        return sorted(moderated_unit_ids(user))

    def user_has_permission(self, user: User, action: str) -> bool:
        return self.manages_all(user, action) or bool(self.unit_ids(user, action))

    def user_has_permission_for_instance(
        self, user: User, action: str, instance: models.Model
    ) -> bool:
        return (
            self.instances_user_has_permission_for(user, action)
            .filter(pk=instance.pk)
            .exists()
        )

    def instances_user_has_permission_for(
        self, user: User, action: str
    ) -> models.QuerySet:
        if self.manages_all(user, action):
            return self.records()
        return self.records().filter(
            **{f"{self.page_field}__unit_id__in": self.unit_ids(user, action)}
        )

    def instances_user_has_any_permission_for(
        self, user: User, actions
    ) -> models.QuerySet:
        queryset = self.model._default_manager.none()
        for action in actions:
            queryset |= self.instances_user_has_permission_for(user, action)
        return queryset

    def pages_for(self, user: User, page_model: type[Page]) -> models.QuerySet:
        """The pages (default language) whose records `user` may moderate."""
        pages = page_model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        if self.manages_all(user, "change"):
            return pages
        return pages.filter(unit_id__in=self.unit_ids(user, "change"))


def feedback_filterset(
    model: type[models.Model],
    page_model: type[Page],
    policy: FeedbackPermissionPolicy,
    status_field: str,
) -> type[WagtailFilterSet]:
    """Filters by status, page and unit, offering only the user's pages and
    units (another unit's titles never show in a filter)."""

    def pages(request: HttpRequest) -> models.QuerySet:
        return policy.pages_for(request.user, page_model).order_by("title")

    def units(request: HttpRequest) -> models.QuerySet:
        unit_ids = pages(request).values("unit_id")
        return UnitPage.objects.filter(pk__in=unit_ids).order_by("title")

    class Meta:
        fields: list[str] = []

    Meta.model = model
    attributes = {
        "Meta": Meta,
        "status": django_filters.ChoiceFilter(
            field_name=status_field,
            label=_("Status"),
            choices=ModerationStatus.choices,
        ),
        "page": django_filters.ModelChoiceFilter(
            field_name=policy.page_field,
            label=page_model._meta.verbose_name,
            queryset=pages,
        ),
        "unit": django_filters.ModelChoiceFilter(
            field_name=f"{policy.page_field}__unit",
            label=_("Unit"),
            queryset=units,
        ),
    }
    return type(f"{model.__name__}FeedbackFilterSet", (WagtailFilterSet,), attributes)


class FeedbackIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """The records the user moderates, newest first; filtered and exported
    within them only.

    Moderators read every record on screen, where they decide on it. A file
    that leaves the admin holds the text of a record not published (waiting,
    or hidden, often for the personal data it holds) and the moment of a
    record to the second only for the personal-data permission, as the
    responses' exports do (UU 27/2022); without it, the day."""

    records_prefetch: tuple[str, ...] = ()
    text_field = "text"
    status_field = "status"
    # When each was sent, in the admin's time zone to the second, as the
    # responses' export writes it (Wagtail's default: UTC with microseconds).
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        datetime.datetime: {
            generic.IndexView.FORMAT_CSV: local_second,
            generic.IndexView.FORMAT_XLSX: local_second,
        },
    }

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.shows_personal_data = request.user.has_perm(PERSONAL_DATA_PERMISSION)
        if not self.shows_personal_data:
            self.custom_value_preprocess = {
                **self.custom_value_preprocess,
                datetime.datetime: dict.fromkeys(self.FORMATS, local_date),
            }

    def get_base_queryset(self) -> models.QuerySet:
        return (
            self.permission_policy.instances_user_has_permission_for(
                self.request.user, "change"
            )
            .select_related(*self.records_prefetch)
            .order_by("-pk")
        )

    def to_row_dict(self, item: models.Model) -> dict[str, Any]:
        """A record's row, a field with choices as its label in the admin's
        language ("Menunggu moderasi", not "pending"), as on screen."""
        row = super().to_row_dict(item)
        for name in row:
            display = getattr(item, f"get_{name}_display", None)
            if display is not None:
                row[name] = display()
        published = getattr(item, self.status_field) == ModerationStatus.APPROVED
        if self.text_field in row and not (published or self.shows_personal_data):
            row[self.text_field] = WITHHELD_TEXT
        return row


class PageFeedbackView(FeedbackIndexView):
    """The records of one page (the page's "Moderate ..." screen): for whoever
    may publish the page; a POST is one `ModerationForm` decision on one of
    its records (named by `item_field`), then back to this screen."""

    page_model: type[Page] | None = None
    item_field = "item"
    moderator_field: str | None = None
    choose_message = ""
    reason_message = ""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.page = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any):
        page = page_for(request, self.page_model, kwargs["page_id"], publish=True)
        self.page = page.source
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> models.QuerySet:
        page_field = self.permission_policy.page_field
        return super().get_base_queryset().filter(**{page_field: self.page})

    def get_page_subtitle(self) -> str:
        return self.page.title

    def get_filterset_kwargs(self) -> dict[str, Any]:
        """The page's filter chosen, so that the listing's filter form (which
        refreshes through the ViewSet's results URL) keeps to the page, and
        the records waiting for moderation shown first (until another status,
        or none, is chosen)."""
        kwargs = super().get_filterset_kwargs()
        data = kwargs["data"].copy()
        data.setdefault("page", str(self.page.pk))
        data.setdefault("status", ModerationStatus.PENDING)
        kwargs["data"] = data
        return kwargs

    def get_form(self, data=None) -> ModerationForm:
        return ModerationForm(
            data,
            items=self.get_base_queryset(),
            item_field=self.item_field,
            choose_message=self.choose_message,
            reason_message=self.reason_message,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST)
        if not form.is_valid():
            messages.error(request, form.error())
            response = self.get(request, *args, **kwargs)
            response.status_code = 400
            return response
        item = decide(
            form, request.user, self.page, self.status_field, self.moderator_field
        )
        messages.success(request, decision_message(item, form))
        return redirect(request.path)


def decision_message(item: models.Model, form: ModerationForm) -> str:
    return _("'%(item)s': %(status)s.") % {
        "item": item,
        "status": ModerationStatus(form.status).label,
    }


class ModerateView(generic.EditView):
    """One record, what the public wrote and its state, and the one
    `ModerationForm`: approve, hide with a reason, or restore."""

    template_name = "consultation/admin/moderate.html"
    page_title = _("Moderate")
    item_field = "item"
    status_field = "status"
    moderator_field: str | None = None
    choose_message = ""
    reason_message = ""
    text_field = "text"
    submit_button_label = _("Record the decision")

    def get_queryset(self) -> models.QuerySet:
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )

    def get_form(self, form_class=None) -> ModerationForm:
        data = None
        if self.request.method == "POST":
            data = self.request.POST.copy()
            data[self.item_field] = self.object.pk
        form = ModerationForm(
            data,
            items=self.get_queryset().filter(pk=self.object.pk),
            item_field=self.item_field,
            choose_message=self.choose_message,
            reason_message=self.reason_message,
            initial={self.item_field: self.object.pk},
        )
        form.fields[self.item_field].widget = forms.HiddenInput()
        return form

    def save_instance(self) -> models.Model:
        page = getattr(self.object, self.permission_policy.page_field)
        return decide(
            self.form, self.request.user, page, self.status_field, self.moderator_field
        )

    def get_success_message(self) -> str:
        return decision_message(self.object, self.form)

    def is_valid(self, form: ModerationForm) -> bool:
        self.form = form
        return super().is_valid(form)

    def get_error_message(self) -> str:
        return self.form.error()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["record_text"] = getattr(self.object, self.text_field)
        context["record_status"] = getattr(
            self.object, f"get_{self.status_field}_display"
        )()
        return context


class FeedbackViewSet(ModelViewSet):
    """A package's moderated records: listing, export, one screen per record.

    A package sets the model, its page model, the policy registered for the
    model, the status field, the POST name of a record and the wording; the
    page's own screen is `page_view` (mounted by the package's ViewSet of the
    page's screens). Its listing is an item of the "Public feedback" menu
    (`MENU_HOOK`), shown as Wagtail shows a ModelViewSet's: to whoever the
    registered policy lets change or view some of the records.
    """

    page_model: type[Page]
    item_field = "item"
    status_field = "status"
    moderator_field: str | None = None
    text_field = "text"
    choose_message = ""
    reason_message = ""
    records_prefetch: tuple[str, ...] = ()
    index_view_class = FeedbackIndexView
    edit_view_class = ModerateView
    page_view_class = PageFeedbackView
    copy_view_enabled = False
    menu_hook = MENU_HOOK
    # Answers are written on the public request path (one insert each) and
    # refer to nothing an editor would look up "usage" of: Wagtail's
    # reference index would add a read and a write to every answer.
    add_to_reference_index = False
    icon = "comment"
    # Wagtail builds a model form from this on registering; the record screen
    # uses `ModerationForm` instead, so the model form has no field.
    form_fields: list[str] = []

    @cached_property
    def filterset_class(self) -> type[WagtailFilterSet]:
        return feedback_filterset(
            self.model, self.page_model, self.permission_policy, self.status_field
        )

    def moderation_kwargs(self) -> dict[str, Any]:
        return {
            "item_field": self.item_field,
            "status_field": self.status_field,
            "moderator_field": self.moderator_field,
            "choose_message": self.choose_message,
            "reason_message": self.reason_message,
        }

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_index_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_index_view_kwargs(
            records_prefetch=self.records_prefetch,
            page_title=self.menu_label,
            text_field=self.text_field,
            status_field=self.status_field,
            **kwargs,
        )

    def get_edit_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_edit_view_kwargs(
            text_field=self.text_field, **self.moderation_kwargs(), **kwargs
        )

    @property
    def page_view(self):
        """The listing of one page's records (`page_id` in the URL)."""
        return self.construct_view(
            self.page_view_class,
            **{**self.get_index_view_kwargs(), **self.moderation_kwargs()},
            page_model=self.page_model,
        )

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("edit/<id:pk>/", self.edit_view, name="edit"),
        ]
