"""Satisfaction surveys in a unit's dashboard: the current period's sample and
index, open follow-up actions, suggestions waiting for a moderator, and the
kiosk and poster one click away.

The figures are the SKM's own (`skm.grouped_results`, `SurveyResults`:
minimum sample, IKM), computed for every current survey in one query.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.core.dashboard import Block, Line, Workplace, edit_url
from cms.core.models import UnitPage

from ..actions import ActionState
from ..moderation import ModerationStatus
from . import skm
from .models import SatisfactionSurveyPage, SurveyFollowUpAction
from .records import SurveyResponse

OPEN_ACTION_STATES = (ActionState.PLANNED, ActionState.IN_PROGRESS)


def current_surveys(unit_ids: list[int] | None = None) -> list[SatisfactionSurveyPage]:
    """Surveys (default language) whose period includes today, of `unit_ids`
    or of every unit."""
    today = timezone.localdate()
    surveys = SatisfactionSurveyPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE,
        period_start__lte=today,
        period_end__gte=today,
    )
    if unit_ids is not None:
        surveys = surveys.filter(unit_id__in=unit_ids)
    return list(surveys.order_by("period_start", "pk"))


def current_results(
    surveys: list[SatisfactionSurveyPage],
) -> dict[int, skm.SurveyResults]:
    """Each survey's results in its own period so far (one query)."""
    responses = SurveyResponse.objects.filter(
        survey__in=surveys,
        survey_date__gte=F("survey__period_start"),
        survey_date__lte=F("survey__period_end"),
    )
    grouped = skm.grouped_results(responses, "survey_id")
    empty = skm.results_from_row({})
    return {
        survey.pk: dataclasses.replace(
            grouped.get(survey.pk, empty), population=survey.population
        )
        for survey in surveys
    }


def unit_surveys(workplace: Workplace) -> dict[int, Block]:
    """The surveys' block of each unit (four queries)."""
    surveys = current_surveys(workplace.unit_ids)
    results = current_results(surveys)
    open_actions = open_follow_up_actions(surveys)
    lines: dict[int, list[Line]] = defaultdict(list)
    for unit_id, count in pending_suggestions(workplace).items():
        lines[unit_id].append(suggestions_line(count))
    for survey in surveys:
        lines[survey.unit_id].extend(
            survey_lines(survey, results[survey.pk], open_actions.get(survey.pk, 0))
        )
    return {unit_id: block_of(unit_lines) for unit_id, unit_lines in lines.items()}


def pending_suggestions(workplace: Workplace) -> dict[int, int]:
    """Suggestions waiting for moderation per unit the user moderates."""
    moderated = [pk for pk in workplace.unit_ids if workplace.moderates(pk)]
    if not moderated:
        return {}
    rows = (
        SurveyResponse.objects.filter(
            suggestion_status=ModerationStatus.PENDING, survey__unit_id__in=moderated
        )
        .exclude(suggestion="")
        .values("survey__unit_id")
        .annotate(n=Count("pk"))
        .values_list("survey__unit_id", "n")
    )
    return dict(rows)


def open_follow_up_actions(surveys: list[SatisfactionSurveyPage]) -> dict[int, int]:
    rows = (
        SurveyFollowUpAction.objects.filter(
            page__in=surveys, state__in=OPEN_ACTION_STATES
        )
        .values("page_id")
        .annotate(n=Count("pk"))
        .values_list("page_id", "n")
    )
    return dict(rows)


def suggestions_line(count: int) -> Line:
    return Line(
        ngettext(
            "suggestion waiting for moderation",
            "suggestions waiting for moderation",
            count,
        ),
        reverse("consultation_moderation:index"),
        count=count,
        moderation=True,
    )


def survey_lines(
    survey: SatisfactionSurveyPage, results: skm.SurveyResults, open_actions: int
) -> list[Line]:
    """The sample, index, actions, kiosk and poster lines of one survey."""
    report = reverse("consultation_survey:report", args=[survey.pk])
    values = {
        "title": survey.title,
        "respondents": results.respondents,
        "minimum": results.sample_min,
        # In the admin's language: "92,45" in Indonesian, as the report writes it.
        "ikm": (
            number_format(results.ikm_konversi, decimal_pos=2)
            if results.ikm_konversi is not None
            else "—"
        ),
    }
    if results.sample_min is None:
        sample = Line(
            ngettext(
                "%(title)s: %(respondents)s respondent; state the number of service "
                "users to know the minimum sample",
                "%(title)s: %(respondents)s respondents; state the number of service "
                "users to know the minimum sample",
                results.respondents,
            )
            % values,
            edit_url(survey),
            attention=True,
        )
    else:
        sample = Line(
            ngettext(
                "%(title)s: %(respondents)s respondent of the minimum sample of "
                "%(minimum)s",
                "%(title)s: %(respondents)s respondents of the minimum sample of "
                "%(minimum)s",
                results.respondents,
            )
            % values,
            report,
            attention=not results.sample_enough,
        )
    lines = [
        sample,
        Line(_("%(title)s: index so far %(ikm)s") % values, report),
        Line(
            ngettext(
                "%(title)s: %(count)s open follow-up action",
                "%(title)s: %(count)s open follow-up actions",
                open_actions,
            )
            % {**values, "count": open_actions},
            edit_url(survey),
        ),
        Line(
            _("%(title)s: kiosk tablets") % values,
            reverse("consultation_survey:kiosks", args=[survey.pk]),
        ),
    ]
    if survey.live:
        lines.append(Line(_("%(title)s: QR poster") % values, poster_url(survey)))
    return lines


def poster_url(survey: SatisfactionSurveyPage) -> str:
    """The printable QR poster of a published survey."""
    return survey.get_url() + survey.reverse_subpage("poster")


def block_of(lines: list[Line]) -> Block:
    block = Block(_("Satisfaction surveys (SKM)"), order=40)
    block.lines.extend(lines)
    return block


def national_short_samples(user) -> Block:
    """Units whose current survey has fewer respondents than its minimum
    sample (two queries, then one for the units)."""
    surveys = current_surveys()
    results = current_results(surveys)
    short = defaultdict(int)
    for survey in surveys:
        if results[survey.pk].sample_enough is False:
            short[survey.unit_id] += 1
    block = Block(_("Units whose survey lacks its minimum sample"), order=20)
    for unit in UnitPage.objects.filter(pk__in=list(short)).order_by("title"):
        block.add(
            Line(
                unit.title,
                reverse("wagtailadmin_explore", args=[unit.pk]),
                short[unit.pk],
                attention=True,
            )
        )
    if not block.lines:
        block.add(
            Line(
                _("None: every current survey has its sample"),
                reverse("wagtailadmin_home"),
            )
        )
    return block
