"""What the admin's page chooser shows to whom.

A unit's staff choose among the pages of their own units (in every state,
under their draft titles) and, so that they can link to other units'
published pages, every other page that is live and public, under its live
title. Another unit's draft, private page or unpublished title never shows.
"Own" pages are the subtrees on which the user's groups hold page
permissions (`cms.core.unit_access`), plus their ancestors, so that the tree
can be browsed from the root. Superusers see everything, as in Wagtail.
Users without page permissions (the KIPP committee and panel) see the live,
public pages only.

The queryset is narrowed by Wagtail's `construct_page_chooser_queryset` hook
(`wagtail_hooks.py`). What the hook cannot reach (the page browsed into, the
titles in the rows, the "choose several" and "paste a link" answers) is
handled by the chooser views below, which `admin_overrides.py` routes in front of
Wagtail's own at the same addresses.
"""

from __future__ import annotations

import json

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.urls import reverse
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views import chooser
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

User = AbstractBaseUser | AnonymousUser

OWN_PAGE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def sees_every_page(user: User) -> bool:
    """Superusers keep Wagtail's unrestricted chooser."""
    return bool(user.is_active and user.is_superuser)


def own_paths(user: User) -> set[str]:
    """Tree paths of the pages on which the user's groups hold page permissions."""
    return {
        perm.page.path
        for perm in page_permission_policy.get_cached_permissions_for_user(user)
        if perm.permission.codename.removesuffix("_page") in OWN_PAGE_ACTIONS
    }


def own_pages_q(user: User) -> Q:
    """The pages whose drafts `user` may see (`sees_drafts_of`), as a filter."""
    own = Q(pk__in=[])
    for root in own_paths(user):
        own |= Q(path__startswith=root)
    return own


def visible_pages_q(user: User) -> Q:
    """The pages `user` may see in the chooser, as a filter on `Page`."""
    roots = own_paths(user)
    step = Page.steplen
    ancestors = {root[:end] for root in roots for end in range(step, len(root), step)}
    public = Q(live=True) & ~Page.objects.private_q()
    return own_pages_q(user) | Q(path__in=ancestors) | public


def visible_pages(pages, user: User):
    """`pages` narrowed to what `user` may see (all of them for superusers)."""
    if sees_every_page(user):
        return pages
    return pages.filter(visible_pages_q(user))


def may_see(page: Page, user: User) -> bool:
    return visible_pages(Page.objects.filter(pk=page.pk), user).exists()


def sees_drafts_of(page: Page, user: User) -> bool:
    """Whether `user` may read the draft title of `page` (their own unit's)."""
    if sees_every_page(user):
        return True
    return any(page.path.startswith(root) for root in own_paths(user))


def hide_draft_title(page: Page, user: User) -> Page:
    """Show `page` to `user` under its live title unless it is their own.

    Changes the instance in memory only (the chooser's rows), so that every
    template showing `get_admin_display_title` shows the live title.
    """
    if not sees_drafts_of(page, user):
        page.draft_title = page.title
    return page


class PageTitleColumn(chooser.PageTitleColumn):
    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def get_cell_context_data(self, instance, parent_context):
        hide_draft_title(instance, self.user)
        return super().get_cell_context_data(instance, parent_context)


class ParentPageColumn(chooser.ParentPageColumn):
    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def get_value(self, instance):
        parent = super().get_value(instance)
        if parent is None or not may_see(parent, self.user):
            return None
        return hide_draft_title(parent, self.user)


class PageStatusColumn(chooser.PageStatusColumn):
    """Another unit's page shows as "live", all the chooser offers of it: its
    "live + draft", "in moderation" or schedule told other units' staff that
    someone there was at work on it."""

    cell_template_name = "core/chooser/page_status_cell.html"

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["shown_live"] = not sees_drafts_of(instance, self.user)
        return context


class UpdatedColumn(DateColumn):
    """When the page last changed, for another unit's page when it was last
    published (its draft's save time was the same news)."""

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def get_value(self, instance):
        if not sees_drafts_of(instance, self.user):
            return instance.last_published_at
        return super().get_value(instance)


def guarded_columns(columns: list, user: User) -> list:
    """Wagtail's chooser columns with the title, status and date columns
    replaced by guarded ones."""
    guarded = []
    for column in columns:
        if isinstance(column, chooser.PageStatusColumn):
            column = PageStatusColumn(
                column.name, label=column.label, width=column.width, user=user
            )
        elif isinstance(column, DateColumn):
            column = UpdatedColumn(
                column.name,
                label=column.label,
                width=column.width,
                accessor=column.accessor,
                user=user,
            )
        elif isinstance(column, chooser.PageTitleColumn):
            column = PageTitleColumn(
                column.name,
                label=column.label,
                is_multiple_choice=column.is_multiple_choice,
                user=user,
            )
        elif isinstance(column, chooser.ParentPageColumn):
            column = ParentPageColumn(column.name, label=column.label, user=user)
        guarded.append(column)
    return guarded


class BrowseView(chooser.BrowseView):
    """Browse the tree; a page the user may not see cannot be browsed into."""

    @property
    def columns(self):
        return guarded_columns(super().columns, self.request.user)

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            parent = Page.objects.filter(pk=parent_page_id).first()
            if parent is None or not may_see(parent, request.user):
                raise Http404
        return super().get(request, parent_page_id)


class SearchView(chooser.SearchView):
    @property
    def columns(self):
        return guarded_columns(super().columns, self.request.user)


class ChosenMultipleView(chooser.ChosenMultipleView):
    """The chosen pages, limited to those the user may see."""

    def get(self, request):
        pks = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        pages = visible_pages(Page.objects.filter(pk__in=pks), request.user)
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": hide_draft_title(
                    page, request.user
                ).get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages.specific()
        ]
        return self.render_chosen_response(result)


class ExternalLinkView(chooser.ExternalLinkView):
    """A pasted URL becomes an internal link only to a page the user may see,
    and shows another unit's page under its live title."""

    def post(self, request):
        url_field = f"{self.form_prefix}-url"
        if url_field not in request.POST:
            # Wagtail's URL field fails on a missing value (500): treat it as
            # empty, so the form says the field is required.
            request.POST = request.POST.copy()
            request.POST[url_field] = ""
        response = super().post(request)
        if sees_every_page(request.user) or not self.form.is_valid():
            return response
        data = json.loads(response.content)
        internal = data.get("internal") or data.get("result") or {}
        page = Page.objects.filter(pk=internal.get("id")).first()
        if page is None or sees_drafts_of(page, request.user):
            return response
        external = data.get("external") or self.get_result_data()
        if not may_see(page, request.user):
            return self.render_chosen_response(external)
        internal = {**internal, "adminTitle": page.title}
        if data.get("step") != "confirm_external_to_internal":
            return self.render_chosen_response(internal)
        return render_modal_workflow(
            request,
            "wagtailadmin/chooser/confirm_external_to_internal.html",
            None,
            {
                "submitted_url": external["url"],
                "internal_url": internal_url(page.specific, external["url"], request),
                "page": page.title,
            },
            json_data={
                "step": "confirm_external_to_internal",
                "external": external,
                "internal": internal,
            },
        )


def internal_url(page: Page, submitted_url: str, request: HttpRequest) -> str:
    """The page's URL in the form the editor pasted it (relative or absolute)."""
    if submitted_url.startswith("/"):
        return page.get_url(request)
    return page.get_full_url(request)
