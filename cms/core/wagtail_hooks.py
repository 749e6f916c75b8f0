"""Admin hooks of the site core: the page chooser, the admin API's media, page
moves, plain-text fields, sending a translation to moderation, who may
download an uploaded document, and the editors' workplace (the units' panels
on the dashboard, "My unit" in the menu, recent publications nationally)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages, widgets
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.widgets import Button
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.core import converters  # noqa: F401 (registers <id:...>)

from . import (
    admin_guards,
    dashboard,
    language_fallback,
    page_cache,
    translation_access,
    translation_sync,
)
from .blocks import WholeNumberField
from .page_chooser import visible_pages
from .public_records import deletion_refusal
from .public_text import AdminTextField
from .translation_dashboard import unit_translations
from .visibility import opened_by, pages_using, unrestricted
from .workflow_dashboard import unit_moderation


@hooks.register("construct_admin_api", order=1)
def admin_api_lists_the_users_media(router):
    """Replace the admin API's image and document endpoints (registered by
    Wagtail's own hooks, which run first) by ones that list only the
    collections the user works with, and its pages endpoint by one whose
    publish action checks the user's permission before it saves anything."""
    router.register_endpoint("pages", admin_guards.UnitPagesAdminAPIViewSet)
    router.register_endpoint("images", admin_guards.UnitImagesAdminAPIViewSet)
    router.register_endpoint("documents", admin_guards.UnitDocumentsAdminAPIViewSet)


@hooks.register("register_admin_viewset")
def page_views_within_the_unit():
    """Wagtail's page views for every page type, with the explorer, usage
    listing and workflow confirmation of `admin_guards.UnitPageViewSet`."""
    return admin_guards.UnitPageViewSet()


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination):
    """Wagtail checks a move when it is made; its confirmation screen showed
    any page's title to anyone. Refuse it as the move itself would be."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_visible_pages(pages, request):
    """A unit's staff choose among their own pages and live, public ones."""
    return visible_pages(pages, request.user)


# What editors type in plain text fields (titles, names, short texts) loses
# its invisible control characters (`public_text.py`). Exact classes only, as
# Wagtail's own TextField override: e-mail, URL, slug and rich text fields
# keep their own form fields. The TextField entry keeps Wagtail's widget.
register_form_field_override(
    models.CharField, override={"form_class": AdminTextField}, exact_class=True
)
# Every integer field, its positive and small kinds included.
register_form_field_override(
    models.IntegerField, override={"form_class": WholeNumberField}
)
register_form_field_override(
    models.TextField,
    override={
        "form_class": AdminTextField,
        "widget": widgets.AdminAutoHeightTextInput,
    },
    exact_class=True,
)


@hooks.register("register_admin_urls")
def translation_moderation_urls():
    return [
        path(
            "translations/<id:page_id>/submit/",
            translation_access.submit_for_moderation,
            name="translation_submit_for_moderation",
        )
    ]


def submit_translation_button(page, user, view_name=None, next_url=None):
    """ "Send translation to moderation" on translated copies an editor may send."""
    if page.is_root() or not translation_access.may_submit_for_moderation(user, page):
        return
    if translation_access.enabled_translation_of(page) is None:
        return
    yield Button(
        _("Send translation to moderation"),
        reverse("translation_submit_for_moderation", args=[page.pk]),
        icon_name="resubmit",
        priority=61,
    )


hooks.register("register_page_listing_more_buttons", submit_translation_button)
hooks.register("register_page_header_buttons", submit_translation_button)


@hooks.register("before_edit_page", order=-2)
def refuse_changes_to_a_locked_translation(
    request: HttpRequest, page: Page
) -> HttpResponse | None:
    """wagtail-localize's translation screen saves and publishes without
    looking at the page's lock, which Wagtail's own editor respects."""
    if request.method != "POST" or page.is_root():
        return None
    if translation_access.enabled_translation_of(page) is None:
        return None
    message = translation_access.lock_message(request.user, page)
    if message is None:
        return None
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_page", order=-1)
def point_editor_to_moderation(request: HttpRequest, page: Page) -> None:
    """wagtail-localize's translation screen offers no way to send the
    translation to moderation (its action bar is its own): an editor who may
    send it is told where, in the screen's messages, each time it opens."""
    if request.method != "GET" or page.is_root():
        return
    if not translation_access.may_submit_for_moderation(request.user, page):
        return
    if translation_access.enabled_translation_of(page) is None:
        return
    url = reverse("translation_submit_for_moderation", args=[page.pk])
    messages.info(
        request,
        _("When the translation is done, send it to your unit's moderators."),
        buttons=[messages.button(url, _("Send translation to moderation"))],
    )


def may_download(document, request: HttpRequest) -> bool:
    """Staff who may choose the document, and visitors of a live page using it.

    A visitor of a page is whoever passes its view restrictions (and its
    ancestors'): everybody for a public page, those who gave the password or
    are logged in for a restricted one. The collection's own restriction is
    checked by Wagtail after this.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        policy = policy_registry.get_by_type(get_document_model())
        if policy.user_has_permission_for_instance(user, "choose", document):
            return True
    pages = pages_using(document)
    if pages.filter(unrestricted()).exists():
        return True
    return bool(opened_by(request, list(pages)))


@hooks.register("before_serve_document")
def refuse_unused_documents(document, request: HttpRequest):
    """Not found, for a document that no page the visitor may open uses."""
    if not may_download(document, request):
        raise Http404


@hooks.register("before_serve_page")
def record_served_page(page, request: HttpRequest, serve_args, serve_kwargs) -> None:
    """The page cache keeps the response under this page's version
    (`cms.core.page_cache.note_served_page`)."""
    page_cache.note_served_page(request, page.pk)


hooks.register("before_serve_page", language_fallback.redirect_to_translation)


@hooks.register("construct_homepage_panels")
def unit_dashboard_panels(request: HttpRequest, panels: list) -> None:
    """One section per unit of the user, or the national summary for a
    superuser, above Wagtail's own panels (changes awaiting the user's review
    and the user's own submissions stay where Wagtail puts them)."""
    panels.extend(dashboard.homepage_panels(request.user))


@hooks.register("before_delete_page")
def keep_what_the_public_sent(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A page holding answers, votes or comments (or above one that does) is
    not deleted: they would go with it (`cms.core.public_records`)."""
    refusal = deletion_refusal([page])
    if not refusal:
        return None
    messages.error(request, refusal)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def keep_what_the_public_sent_in_bulk(
    request: HttpRequest, action_type: str, objects: list, view
) -> HttpResponse | None:
    """The same for Wagtail's bulk delete: nothing is deleted."""
    if action_type != "delete" or not all(isinstance(o, Page) for o in objects):
        return None
    refusal = deletion_refusal(objects)
    if not refusal:
        return None
    messages.error(request, refusal)
    if view.next_url != request.path:
        return redirect(view.next_url)
    # Without `next`, Wagtail's default is this action again, with no ids.
    return redirect("wagtailadmin_explore", objects[0].get_parent().pk)


class UnitPagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count: for unit staff, the pages they may edit.
    Wagtail counts every page below the user's explorable root, the site's
    for anyone working in two languages, so another unit's new draft moved an
    editor's figure."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        if not user.is_superuser:
            policy = policy_registry.get_by_type(Page)
            context["total_pages"] = policy.instances_user_has_permission_for(
                user, "change"
            ).count()
        return context


@hooks.register("construct_homepage_summary_items", order=100)
def count_the_units_pages(request: HttpRequest, items: list) -> None:
    """After Wagtail's own hook, which adds its item."""
    items[:] = [
        UnitPagesSummaryItem(request) if type(item) is PagesSummaryItem else item
        for item in items
    ]


hooks.register(dashboard.UNIT_HOOK, unit_moderation)
hooks.register(dashboard.UNIT_HOOK, unit_translations)

#: How many recent publications the national summary lists.
RECENT_PUBLICATIONS = 8


@hooks.register(dashboard.NATIONAL_HOOK)
def recent_publications(user) -> dashboard.Block:
    """The pages published last, in the default language, one query."""
    pages = (
        Page.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=3)
        .exclude(last_published_at=None)
        .order_by("-last_published_at")[:RECENT_PUBLICATIONS]
    )
    block = dashboard.Block(_("Recent publications"), order=90)
    for page in pages:
        block.add(
            dashboard.Line(
                page.title, reverse("wagtailadmin_pages:edit", args=[page.pk])
            )
        )
    return block


@hooks.register("construct_main_menu")
def my_unit_menu_items(request: HttpRequest, menu_items: list) -> None:
    """ "My unit" (or one entry per unit) at the top, opening its page listing."""
    units = dashboard.workplace_for(request.user).units
    for position, unit in enumerate(units):
        label = (
            gettext_lazy("My unit")
            if len(units) == 1
            else unit.short_name or unit.title
        )
        menu_items.insert(
            position,
            MenuItem(
                label,
                dashboard.unit_admin_url(unit),
                name=f"my-unit-{unit.pk}",
                icon_name="home",
                order=position,
            ),
        )


@hooks.register("register_log_actions")
def register_translation_sync_log_action(actions):
    """A translation published because its source was (`translation_sync`):
    told apart from a publication someone reviewed."""
    actions.register_action(
        translation_sync.SYNC_LOG_ACTION,
        gettext_lazy("Synced with its source"),
        gettext_lazy("Synced with its source and published"),
    )
