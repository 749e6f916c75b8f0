"""Wagtail hooks of satisfaction surveys: the unit's index section, the API's
unit figures, the suggestions' moderation ViewSet, the survey's own screens
(`SurveyAdminViewSet`: report, export, kiosk tablets) and page header
buttons (imported by the app's `consultation.wagtail_hooks`)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from cms.core import dashboard as core_dashboard
from cms.core.api.endpoints import Endpoint
from cms.core.sections import Section

from . import admin_views, dashboard, kiosk_admin
from .api import unit_latest_skm
from .models import SatisfactionSurveyPage
from .records import KioskEnrolment, SurveyResponse
from .results import survey_results


@hooks.register("terpadu_api_unit_latest_skm")
def api_unit_latest_skm(unit, context: dict[str, Any]) -> dict[str, Any] | None:
    """The `latest_skm` of the API's unit detail (`cms.core.api.units`)."""
    return unit_latest_skm(unit, context)


@hooks.register("terpadu_unit_sections")
def unit_satisfaction_index(request, unit):
    """The unit's latest satisfaction index and grade (order 30)."""
    survey = SatisfactionSurveyPage.latest_of(unit, within=unit)
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


register_permission_policy(SurveyResponse, admin_views.suggestion_policy)
register_permission_policy(KioskEnrolment, kiosk_admin.enrolment_policy)
suggestion_viewset = admin_views.SuggestionViewSet()
survey_admin_viewset = admin_views.SurveyAdminViewSet(suggestions=suggestion_viewset)


@hooks.register("register_admin_viewset")
def register_survey_viewsets():
    return [suggestion_viewset, survey_admin_viewset]


@hooks.register("register_page_header_buttons")
def kiosk_header_button(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, SatisfactionSurveyPage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Kiosk tablets"),
        reverse("consultation_survey:kiosks", args=[page.pk]),
        icon_name="tablet-alt",
        priority=82,
    )
    poster = kiosk_admin.poster_url(page.specific_deferred)
    if poster:
        yield Button(
            _("QR poster"),
            poster,
            icon_name="doc-full",
            priority=84,
            attrs={"target": "_blank", "rel": "noopener"},
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
        reverse("consultation_survey:report", args=[page.pk]),
        icon_name="list-ul",
        priority=80,
    )
    for fmt in ("csv", "xlsx"):
        yield Button(
            _("Export responses (%(format)s)") % {"format": fmt.upper()},
            reverse("consultation_survey:export", args=[page.pk, fmt]),
            icon_name="download",
            priority=81,
        )
    if permissions.can_publish():
        yield Button(
            _("Moderate suggestions"),
            reverse("consultation_survey:suggestions", args=[page.pk]),
            icon_name="comment",
            priority=83,
        )


@hooks.register("terpadu_api_endpoints")
def api_endpoints() -> list[Endpoint]:
    """`/api/surveys/` in the API root and in each unit's links."""
    return [
        Endpoint(
            "surveys",
            "api_surveys",
            "Satisfaction surveys (SKM) and their results.",
            unit_link="Its SKM surveys.",
        ),
    ]


hooks.register(core_dashboard.UNIT_HOOK, dashboard.unit_surveys)
hooks.register(core_dashboard.NATIONAL_HOOK, dashboard.national_short_samples)
