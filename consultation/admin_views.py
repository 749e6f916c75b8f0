"""The one admin screen over both features: what waits for moderation.

It lists the surveys whose suggestions and the consultations whose comments
wait for a decision, among the pages the user may publish.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .forums.models import ConsultationPage
from .forums.records import ComponentComment
from .moderation import ModerationStatus
from .surveys.models import SatisfactionSurveyPage
from .surveys.records import SurveyResponse


def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Surveys and consultations the user moderates, with what is waiting."""
    pending_suggestions = dict(
        SurveyResponse.objects.filter(suggestion_status=ModerationStatus.PENDING)
        .exclude(suggestion="")
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    pending_comments = dict(
        ComponentComment.objects.filter(status=ModerationStatus.PENDING)
        .values("consultation_id")
        .annotate(n=Count("pk"))
        .values_list("consultation_id", "n")
    )
    rows = []
    default = {"locale__language_code": settings.LANGUAGE_CODE}
    for page in SatisfactionSurveyPage.objects.filter(
        pk__in=list(pending_suggestions), **default
    ):
        if page.permissions_for_user(request.user).can_publish():
            rows.append(
                {
                    "page": page,
                    "count": pending_suggestions[page.pk],
                    "url_name": "consultation_survey_suggestions",
                    "kind": _("Suggestions"),
                }
            )
    for page in ConsultationPage.objects.filter(
        pk__in=list(pending_comments), **default
    ):
        if page.permissions_for_user(request.user).can_publish():
            rows.append(
                {
                    "page": page,
                    "count": pending_comments[page.pk],
                    "url_name": "consultation_fkp_comments",
                    "kind": _("Comments on the components"),
                }
            )
    return TemplateResponse(
        request,
        "consultation/admin/moderation_queue.html",
        {"rows": rows, "header_title": _("Moderation of public feedback")},
    )
