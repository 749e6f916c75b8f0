"""Wagtail hooks: page sections, the API's unit figures, admin URLs and buttons."""

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from cms.core.api.endpoints import Endpoint
from cms.core.sections import Section
from cms.core.visibility import public_pages

from . import admin_views, kiosk_admin, response_deletion
from .models import SatisfactionSurveyPage
from .results import latest_survey_of, survey_results


@hooks.register("terpadu_api_unit_latest_skm")
def api_unit_latest_skm(unit, context: dict[str, Any]) -> dict[str, Any] | None:
    """The `latest_skm` of the API's unit detail (`cms.core.api.units`)."""
    from .api import unit_latest_skm

    return unit_latest_skm(unit, context)


@hooks.register("terpadu_unit_sections")
def unit_satisfaction_index(request, unit):
    """The unit's latest satisfaction index and grade (order 30)."""
    survey = latest_survey_of(unit, within=unit)
    if survey is None:
        return None
    return Section(
        "consultation/sections/unit_skm.html",
        {
            "skm": {
                "survey": survey,
                "results": survey_results(survey, survey.own_period),
            },
            "survey_open": survey.period_start
            <= survey.local_today()
            <= survey.period_end,
        },
        order=30,
    )


@hooks.register("register_admin_urls")
def consultation_admin_urls():
    return [
        path(
            "consultation/surveys/<int:page_id>/responses.<str:fmt>",
            admin_views.export_responses,
            name="consultation_survey_export",
        ),
        path(
            "consultation/surveys/<int:page_id>/report/",
            admin_views.results_report_view,
            name="consultation_survey_report",
        ),
        path(
            "consultation/moderation/",
            admin_views.moderation_queue,
            name="consultation_moderation",
        ),
        path(
            "consultation/surveys/<int:page_id>/suggestions/",
            admin_views.moderate_suggestions,
            name="consultation_survey_suggestions",
        ),
    ]


@hooks.register("register_admin_urls")
def kiosk_enrolment_admin_urls():
    return [
        path(
            "consultation/surveys/<int:page_id>/kiosks/",
            kiosk_admin.kiosk_enrolments,
            name="consultation_kiosk_enrolments",
        ),
        path(
            "consultation/surveys/<int:page_id>/kiosks/<int:enrolment_id>/",
            kiosk_admin.kiosk_enrolment,
            name="consultation_kiosk_enrolment",
        ),
        path(
            "consultation/surveys/<int:page_id>/kiosks/<int:enrolment_id>/revoke/",
            kiosk_admin.revoke_kiosk_enrolment,
            name="consultation_kiosk_revoke",
        ),
    ]


@hooks.register("register_page_header_buttons")
def kiosk_header_button(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, SatisfactionSurveyPage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Kiosk tablets"),
        reverse("consultation_kiosk_enrolments", args=[page.pk]),
        icon_name="tablet-alt",
        priority=82,
    )


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, SatisfactionSurveyPage):
        return
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        return
    yield Button(
        _("Results report"),
        reverse("consultation_survey_report", args=[page.pk]),
        icon_name="list-ul",
        priority=80,
    )
    for fmt in ("csv", "xlsx"):
        yield Button(
            _("Export responses (%(format)s)") % {"format": fmt.upper()},
            reverse("consultation_survey_export", args=[page.pk, fmt]),
            icon_name="download",
            priority=81,
        )
    if permissions.can_publish():
        yield Button(
            _("Moderate suggestions"),
            reverse("consultation_survey_suggestions", args=[page.pk]),
            icon_name="comment",
            priority=83,
        )


@hooks.register("terpadu_home_sections")
def home_open_consultations(request, home):
    """Consultations open now (order 20)."""
    from .consultation_views import open_consultations
    from .models import ConsultationIndexPage

    consultations = open_consultations(home.locale, within=home)
    if not consultations:
        return None
    index_page = public_pages(
        ConsultationIndexPage.objects.filter(locale=home.locale), within=home
    ).first()
    return Section(
        "consultation/sections/home_consultations.html",
        {"consultations": consultations, "index_page": index_page},
        order=20,
    )


@hooks.register("terpadu_unit_sections")
def unit_consultations(request, unit):
    """The unit's consultations with their state and open commitments."""
    from .models import ActionState, Commitment, ConsultationPage

    pages = list(
        public_pages(ConsultationPage.objects.child_of(unit), within=unit).order_by(
            "-opens_at"
        )
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


@hooks.register("register_admin_urls")
def consultation_fkp_admin_urls():
    return [
        path(
            "consultation/consultations/<int:page_id>/responses.<str:fmt>",
            admin_views.export_consultation,
            name="consultation_fkp_export",
        ),
        path(
            "consultation/consultations/<int:page_id>/comments/",
            admin_views.moderate_comments,
            name="consultation_fkp_comments",
        ),
    ]


@hooks.register("register_page_header_buttons")
def consultation_header_buttons(page, user, view_name, next_url=None):
    from .models import ConsultationPage

    if not isinstance(page.specific_deferred, ConsultationPage):
        return
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        return
    for fmt in ("csv", "xlsx"):
        yield Button(
            _("Export responses (%(format)s)") % {"format": fmt.upper()},
            reverse("consultation_fkp_export", args=[page.pk, fmt]),
            icon_name="download",
            priority=81,
        )
    if permissions.can_publish():
        yield Button(
            _("Moderate comments"),
            reverse("consultation_fkp_comments", args=[page.pk]),
            icon_name="comment",
            priority=83,
        )


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return MenuItem(
        gettext_lazy("Public feedback"),
        reverse("consultation_moderation"),
        icon_name="comment",
        order=450,
    )


@hooks.register("register_log_actions")
def response_log_actions(actions):
    actions.register_action(response_deletion.LOG_ACTION)(
        response_deletion.DeleteResponsesFormatter
    )


@hooks.register("terpadu_api_endpoints")
def api_endpoints() -> list[Endpoint]:
    """`/api/consultations/` and `/api/surveys/` in the API root and in each
    unit's links."""
    return [
        Endpoint(
            "consultations",
            "api_consultations",
            "Public consultations (FKP).",
            unit_link="Its consultations.",
        ),
        Endpoint(
            "surveys",
            "api_surveys",
            "Satisfaction surveys (SKM) and their results.",
            unit_link="Its SKM surveys.",
        ),
    ]
