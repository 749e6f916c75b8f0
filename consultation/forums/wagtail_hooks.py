"""Wagtail hooks of public consultations: home and unit sections, the
comments' moderation ViewSet, the consultation's own screens
(`ConsultationAdminViewSet`), page header buttons and the log action of a
deletion (imported by the app's `consultation.wagtail_hooks`)."""

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from cms.core import dashboard as core_dashboard
from cms.core.api.endpoints import Endpoint
from cms.core.locales import default_language
from cms.core.sections import Section
from cms.core.visibility import LINK_FIELDS, public_pages

from ..actions import ActionState
from . import admin_views, dashboard, response_deletion
from .listing import open_consultations
from .models import Commitment, ConsultationIndexPage, ConsultationPage
from .records import ComponentComment


@hooks.register("terpadu_home_sections")
def home_open_consultations(request, home):
    """Consultations open now (order 20)."""
    pages = ConsultationPage.objects.filter(locale_id=home.locale_id)
    consultations = open_consultations(pages, within=home)
    if not consultations:
        return None
    index_page = ConsultationIndexPage.public_in(request, home.locale_id, home)
    return Section(
        "consultation/sections/home_consultations.html",
        {"consultations": consultations, "index_page": index_page},
        order=20,
    )


@hooks.register("terpadu_unit_sections")
def unit_consultations(request, unit):
    """The unit's consultations with their state and open commitments."""
    pages = list(
        public_pages(ConsultationPage.objects.child_of(unit), within=unit)
        .only(*LINK_FIELDS, *ConsultationPage.state_fields)
        .order_by("-opens_at")
    )
    if not pages:
        return None
    commitments = list(
        Commitment.objects.filter(page__in=pages)
        .exclude(state__in=[ActionState.DONE, ActionState.DECLINED])
        .order_by("due_date")
    )
    return Section(
        "consultation/sections/unit_consultations.html",
        {"consultations": pages, "commitments": commitments},
        order=25,
    )


register_permission_policy(ComponentComment, admin_views.comment_policy)
comment_viewset = admin_views.CommentViewSet()


consultation_admin_viewset = admin_views.ConsultationAdminViewSet(
    comments=comment_viewset
)


@hooks.register("register_admin_viewset")
def register_consultation_viewsets():
    return [comment_viewset, consultation_admin_viewset]


@hooks.register("register_page_header_buttons")
def consultation_header_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, ConsultationPage):
        return
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        return
    for fmt in ("csv", "xlsx"):
        yield Button(
            _("Export responses (%(format)s)") % {"format": fmt.upper()},
            reverse("consultation_fkp:export", args=[page.pk, fmt]),
            icon_name="download",
            priority=81,
        )
    if permissions.can_publish():
        yield Button(
            _("Moderate comments"),
            reverse("consultation_fkp:comments", args=[page.pk]),
            icon_name="comment",
            priority=83,
        )


@hooks.register("filter_form_submissions_for_user")
def list_each_consultation_once(user, form_pages: QuerySet) -> QuerySet:
    """Answers in every language are stored against the consultation in the
    default language: the forms list names that page, not its translations
    too (each showed the same responses, which an editor could count twice).
    A translation whose source is gone keeps its place.

    The translations are named by id: the listing's search (`?q=`) takes
    only the fields Wagtail indexes for filtering, neither a locale's language
    nor a subquery.
    """
    language = default_language()
    source = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    )
    translations = form_pages.exclude(locale__language_code=language).filter(
        Exists(source)
    )
    return form_pages.exclude(pk__in=list(translations.values_list("pk", flat=True)))


@hooks.register("register_log_actions")
def response_log_actions(actions):
    actions.register_action(response_deletion.LOG_ACTION)(
        response_deletion.DeleteResponsesFormatter
    )


@hooks.register("terpadu_api_endpoints")
def api_endpoints() -> list[Endpoint]:
    """`/api/consultations/` in the API root and in each unit's links."""
    return [
        Endpoint(
            "consultations",
            "api_consultations",
            "Public consultations (FKP).",
            unit_link="Its consultations.",
        ),
    ]


hooks.register(core_dashboard.UNIT_HOOK, dashboard.unit_consultations)
hooks.register(core_dashboard.NATIONAL_HOOK, dashboard.national_overdue_outcomes)
