"""Admin screens of Wagtail that showed one unit's staff another unit's names.

Wagtail checks permissions when an action is carried out; several of its
confirmation screens, filters and JSON endpoints list objects first. The views
here keep Wagtail's screens and narrow what they list to what the user may
already see in the admin (their unit's pages and collections, live ancestors).
`admin_overrides.py` mounts them at Wagtail's own paths.
"""

import os
from collections import Counter

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db.models import F, Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions as api_exceptions
from wagtail.admin import messages
from wagtail.admin.api.actions.delete import DeletePageAPIAction
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.admin.views.pages.copy import CopyView
from wagtail.admin.views.pages.listing import (
    ExplorableIndexView,
    GenericPageFilterSet,
)
from wagtail.admin.views.pages.workflow import (
    CollectWorkflowActionDataView,
    ConfirmWorkflowCancellationView,
    PreviewRevisionForTaskView,
    WorkflowActionView,
)
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.admin.views.reports.locked_pages import (
    LockedPagesReportFilterSet,
    LockedPagesView,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.contrib.forms.views import FormPageFilterSet, FormPagesListView
from wagtail.contrib.redirects import views as redirect_views
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views.multiple import CreateFromUploadedDocumentView
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page, TaskState
from wagtail.permissions import policy_registry

from .api.wagtail import CheckedParametersMixin
from .middleware import malformed_post_response
from .page_chooser import own_pages_q, sees_drafts_of
from .public_records import deletion_refusal
from .queries import first_row, is_integer
from .spreadsheets import SafeSpreadsheetExportMixin

# Every action a permission policy knows of: "any permission" on an object.
ANY_ACTION = ("add", "change", "delete", "choose", "publish", "lock", "unlock")


def visible_instances(user, model: type[Model]) -> QuerySet:
    """The objects of `model` the admin shows `user`: pages they may explore,
    objects (or collections) they hold any permission on."""
    policy = policy_registry.get_by_type(model)
    if issubclass(model, Page):
        return policy.explorable_instances(user)
    return policy.instances_user_has_any_permission_for(user, ANY_ACTION)


def narrow_bulk_ids(request: HttpRequest, action, model: type[Model]) -> None:
    """Replace `?id=` (or `?id=all`) by the ids of objects the user may see."""
    ids = request.GET.getlist("id")
    if request.user.is_superuser or not ids:
        return
    if "all" in ids:
        ids = action.get_all_objects_in_listing_query(request.GET.get("childOf"))
    else:
        ids = [value for value in ids if value.isascii() and value.isdigit()]
    seen = visible_instances(request.user, model).filter(pk__in=list(ids))
    query = request.GET.copy()
    query.setlist("id", [str(pk) for pk in seen.values_list("pk", flat=True)])
    request.GET = query


def bulk_action_view(
    request: HttpRequest, app_label: str, model_name: str, action: str
) -> HttpResponse:
    """Wagtail's bulk-action screen for the selected objects the user may see:
    its confirmation listed the titles of every id in the query string (or of
    every object, for "select all") under "you don't have permission"."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(
        app_label, model_name, action
    )
    if action_class is None:
        raise Http404
    action = action_class(request, model)
    try:
        narrow_bulk_ids(request, action, model)
        return action.dispatch(request)
    except ObjectDoesNotExist as error:
        # "Select all" under a `childOf` page that does not exist (any more).
        raise Http404 from error


def colleagues(user, users: QuerySet) -> QuerySet:
    """Of `users`, those `user` works with: members of one of their groups
    (their unit, or the KIPP panel or committee), the site's administrators
    and themself. A superuser works with everyone."""
    if user.is_superuser:
        return users
    return users.filter(
        Q(groups__in=user.groups.all()) | Q(is_superuser=True) | Q(pk=user.pk)
    ).distinct()


class ColleagueUserFilters:
    """A FilterSet mixin: its user filters ("Edited by", "Owner", "Locked by",
    "Requested by", "User") offer only the user's colleagues. Wagtail offered
    every user who ever edited, owned, locked or submitted any page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for user_filter in self.filters.values():
            # django-filter reads a model filter's choices from its `queryset`
            # (a queryset or a callable taking the request), else `extra`.
            if getattr(user_filter, "queryset", None) is not None:
                user_filter.queryset = self.narrowed(user_filter.queryset)
            elif "queryset" in user_filter.extra:
                user_filter.extra["queryset"] = self.narrowed(
                    user_filter.extra["queryset"]
                )(self.request)

    @staticmethod
    def narrowed(choices_or_callable):
        def queryset(request):
            choices = choices_or_callable
            if callable(choices):
                choices = choices(request)
            if getattr(choices, "model", None) is not get_user_model():
                return choices
            return colleagues(request.user, choices)

        return queryset


def with_colleague_filters(filterset_class: type) -> type:
    """`filterset_class` whose user filters offer only colleagues."""
    return type(
        f"Unit{filterset_class.__name__}",
        (ColleagueUserFilters, filterset_class),
        {"__module__": __name__},
    )


# Wagtail's reports below also export CSV and XLSX: their cells (page titles,
# which units write) are neutralised like every spreadsheet of the site.


class UnitSiteHistoryView(SafeSpreadsheetExportMixin, LogEntriesView):
    filterset_class = with_colleague_filters(SiteHistoryReportFilterSet)


class UnitLockedPagesView(SafeSpreadsheetExportMixin, LockedPagesView):
    filterset_class = with_colleague_filters(LockedPagesReportFilterSet)


class UnitWorkflowView(SafeSpreadsheetExportMixin, WorkflowView):
    filterset_class = with_colleague_filters(WorkflowReportFilterSet)


class UnitWorkflowTasksView(SafeSpreadsheetExportMixin, WorkflowTasksView):
    pass


class UnitAgingPagesView(SafeSpreadsheetExportMixin, AgingPagesView):
    pass


class UnitFormPagesListView(FormPagesListView):
    filterset_class = with_colleague_filters(FormPageFilterSet)


class UnitExplorableIndexView(ExplorableIndexView):
    """The explorer, opened only on pages the user may explore (their unit's
    pages and its ancestors): Wagtail opened any page below the user's
    explorable root, another unit's with its draft title and moderation
    status."""

    def get(self, request: HttpRequest, parent_page_id: int | None = None):
        if parent_page_id and not request.user.is_superuser:
            explorable = self.permission_policy.explorable_instances(request.user)
            if not explorable.filter(pk=parent_page_id).exists():
                raise PermissionDenied
        return super().get(request, parent_page_id)


class UnitConfirmWorkflowCancellationView(ConfirmWorkflowCancellationView):
    """Wagtail's publish-time confirmation, for users who may publish the page
    (it named another unit's workflow and task to anyone)."""

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not self.object.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def refuse_unless_sees_drafts(page: Page, user) -> None:
    """PermissionDenied for a page of another unit: Wagtail's workflow screens
    answered with a message naming its latest draft title."""
    if not sees_drafts_of(page, user):
        raise PermissionDenied


def task_state_of(task_state: TaskState, page: Page) -> bool:
    """Whether `task_state` moderates a revision of `page`: Wagtail acts on the
    task state of the URL whatever page the URL names."""
    revision = task_state.revision
    return (
        revision.object_id == str(page.pk)
        and revision.base_content_type_id == page.get_base_content_type().pk
    )


class UnitWorkflowFormMixin:
    """A workflow action of a page the user may see the drafts of, on a task
    state of that page (another one's is not found)."""

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        refuse_unless_sees_drafts(self.object, request.user)
        if not task_state_of(self.task_state, self.object):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class UnitWorkflowActionView(UnitWorkflowFormMixin, WorkflowActionView):
    """An approval that a publishing rule turned into a request for changes
    (`standards.signals`) says so: Wagtail's screen reported nothing and the
    moderator believed the page published."""

    def post(self, request: HttpRequest, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if self.action_name == "approve":
            self.task_state.refresh_from_db()
            if self.task_state.status == TaskState.STATUS_REJECTED:
                messages.error(
                    request,
                    _(
                        "Not approved: %(reason)s It went back to its editor "
                        "with this comment."
                    )
                    % {"reason": self.task_state.comment},
                )
        return response


class UnitCollectWorkflowActionDataView(
    UnitWorkflowFormMixin, CollectWorkflowActionDataView
):
    pass


class UnitPreviewRevisionForTaskView(PreviewRevisionForTaskView):
    """Wagtail's preview of the revision a task moderates, for users who may
    see the page's drafts."""

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        refuse_unless_sees_drafts(self.object, request.user)
        return super().dispatch(request, *args, **kwargs)


class UnitCopyView(CopyView):
    """Wagtail's copy screen, whose POST read `new_parent_page` with
    `Page.objects.get` before its form: an empty or unknown id answered 500.
    Its form's refusal named the destination by its draft title, so any id
    told another unit's unpublished titles: a destination outside the user's
    pages is refused before the form (a copy there is never allowed)."""

    def post(self, request: HttpRequest, page_id: int, *args, **kwargs):
        parent_id = request.POST.get("new_parent_page", "")
        known = is_integer(parent_id)
        parent = first_row(Page.objects.filter(pk=parent_id)) if known else None
        if parent is None:
            return malformed_post_response(request)
        refuse_unless_sees_drafts(parent, request.user)
        return super().post(request, page_id, *args, **kwargs)


def groups_for_page_privacy(page: Page, restriction) -> QuerySet:
    """The groups a page's privacy dialog offers: those with a permission on
    the page or above it (its unit's editors and moderators, site-wide staff),
    and any the restriction already names, so that saving keeps them."""
    granted = Group.objects.filter(
        page_permissions__page__in=page.get_ancestors(inclusive=True)
    )
    named = restriction.groups.all() if restriction else Group.objects.none()
    return Group.objects.filter(
        Q(pk__in=granted.values("pk")) | Q(pk__in=named.values("pk"))
    ).order_by("name")


class UnitSetPrivacyView(SetPrivacyView):
    """Wagtail's privacy dialog listed every unit's groups to a unit's
    moderator (their names, and a choice that let one unit's page be opened
    to another unit's staff); it offers the groups that work on the page."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields["groups"].queryset = groups_for_page_privacy(
                self.page, self.restriction
            )
        return form


class UnitPageViewSet(PageViewSet):
    """Wagtail's views of every page type, with the listings and confirmations
    above (registered for `Page` through `register_admin_viewset`, Wagtail's
    documented way to customise page views)."""

    index_view_class = UnitExplorableIndexView
    # The explorer's and the page-type usage listing's filters.
    filterset_class = with_colleague_filters(GenericPageFilterSet)
    confirm_workflow_cancellation_view_class = UnitConfirmWorkflowCancellationView
    workflow_action_view_class = UnitWorkflowActionView
    collect_workflow_action_data_view_class = UnitCollectWorkflowActionDataView
    workflow_preview_view_class = UnitPreviewRevisionForTaskView
    copy_view_class = UnitCopyView
    set_privacy_view_class = UnitSetPrivacyView


class UnitPageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's page types report, whose "last edited page" of each type was
    any unit's (under its draft title), and whose counts took in every unit's
    drafts and private pages (a count that grew told that another unit was
    writing): for unit staff, the last edited of their own pages and the
    count of their own pages. Superusers see Wagtail's report."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        if self.request.user.is_superuser:
            return page_types
        latest = self.last_edited_own_pages(page_types)
        counts = Counter(
            self.own_pages(page_types).values_list("content_type_id", flat=True)
        )
        for page_type in page_types:
            page_type.last_edited_page = latest.get(page_type.pk)
            page_type.count = counts[page_type.pk]
        return sorted(
            page_types,
            key=lambda t: (-t.count, t.app_label, t.model),
        )

    def own_pages(self, page_types):
        """The user's pages of `page_types`, within the report's language and
        site filters."""
        chosen = self.filters.form.cleaned_data
        type_ids = [page_type.pk for page_type in page_types]
        pages = Page.objects.filter(own_pages_q(self.request.user)).filter(
            content_type__in=type_ids
        )
        if chosen.get("page_locale"):
            pages = pages.filter(locale__language_code=chosen["page_locale"])
        if chosen.get("site"):
            pages = pages.filter(path__startswith=chosen["site"])
        return pages

    def last_edited_own_pages(self, page_types) -> dict[int, Page]:
        """The user's last edited page of each type, by content type id, within
        the report's language and site filters (ordered as Wagtail's)."""
        pages = self.own_pages(page_types).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        latest: dict[int, int] = {}
        for content_type_id, pk in pages.values_list("content_type_id", "pk"):
            latest.setdefault(content_type_id, pk)
        found = Page.objects.specific().in_bulk(latest.values())
        return {type_id: found[pk] for type_id, pk in latest.items()}


def process_redirect_import(request: HttpRequest) -> HttpResponse:
    """Wagtail's last step of a redirects import, for the data its own form
    sends: without its two signed fields it raised a KeyError (500). Reading
    them from the POST raises `MultiValueDictKeyError` when missing, which
    `MalformedAdminPostMiddleware` answers with a 400."""
    redirects = policy_registry.get_by_type(Redirect)
    if not redirects.user_has_permission(request.user, "add"):
        raise PermissionDenied
    if request.method == "POST":
        request.POST["import_file_name"], request.POST["input_format"]
    return redirect_views.process_import(request)


def error_test(request: HttpRequest) -> HttpResponse:
    """Wagtail's `failwhale/` raises on purpose to test error reporting; a
    deployed site answers 404 rather than a 500 for any admin user."""
    raise Http404


class UnitImagesAdminAPIViewSet(CheckedParametersMixin, ImagesAdminAPIViewSet):
    """The admin API's images: those of collections the user works with."""

    def get_queryset(self):
        images = super().get_queryset()
        visible = visible_instances(self.request.user, images.model)
        return images.filter(pk__in=visible.values("pk"))


class UnitDocumentsAdminAPIViewSet(CheckedParametersMixin, DocumentsAdminAPIViewSet):
    """The admin API's documents: those of collections the user works with."""

    def get_queryset(self):
        documents = super().get_queryset()
        visible = visible_instances(self.request.user, documents.model)
        return documents.filter(pk__in=visible.values("pk"))


class UnitPublishPageAPIAction(PublishPageAPIAction):
    """Wagtail's publish action saves a first revision of a page that has
    none before it checks the user may publish; check first."""

    def execute(self, instance, data):
        if not instance.permissions_for_user(self.request.user).can_publish():
            raise PermissionDenied
        refusal = publication_problems(instance)
        if refusal:
            raise api_exceptions.ValidationError({"page": refusal})
        return super().execute(instance, data)


def publication_problems(page: Page) -> list[str]:
    """Why the page's latest draft may not be published, by its type's rules
    (`publication_problems()`, as a service standard's decree rule): Wagtail's
    API action publishes through `PublishPageRevisionAction`, not through the
    page's `publish`."""
    revision = page.get_latest_revision()
    draft = revision.as_object() if revision else page.specific
    check = getattr(draft, "publication_problems", None)
    return check() if check else []


class KeepingDeletePageAPIAction(DeletePageAPIAction):
    """Wagtail's delete action, refusing a page that holds what the public
    sent (`cms.core.public_records`) with a 400, as its own checks do."""

    def execute(self, instance, data):
        refusal = deletion_refusal([instance])
        if refusal:
            raise api_exceptions.ValidationError({"page": [refusal]})
        return super().execute(instance, data)


class UnitPagesAdminAPIViewSet(CheckedParametersMixin, PagesAdminAPIViewSet):
    actions = {
        **PagesAdminAPIViewSet.actions,
        "publish": UnitPublishPageAPIAction,
        "delete": KeepingDeletePageAPIAction,
    }


class UnitCreateFromUploadedDocumentView(CreateFromUploadedDocumentView):
    """Wagtail's last step of a multiple document upload. The new document's
    model validation checks the file's extension (`WAGTAILDOCS_EXTENSIONS`)
    before Wagtail attaches the uploaded file, so every POST answered 500 (an
    error for a `file` field the form does not have). The form's instance
    carries the uploaded file's name from the start."""

    def get_edit_form_class(self):
        view = self

        class NamedAfterUpload(super().get_edit_form_class()):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                upload = getattr(view, "upload", None)
                if upload is not None and not self.instance.file:
                    self.instance.file.name = os.path.basename(upload.file.name)

            def add_error(self, field, error):
                # The model's errors for fields this form lacks (the file)
                # are shown as the form's own, not raised as a ValueError.
                if field is None and hasattr(error, "error_dict"):
                    shown = {}
                    for name, errors in error.error_dict.items():
                        key = name if name in self.fields else NON_FIELD_ERRORS
                        shown.setdefault(key, []).extend(errors)
                    error = ValidationError(shown)
                super().add_error(field, error)

        return NamedAfterUpload
