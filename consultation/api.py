"""Consultations (FKP) and satisfaction surveys (SKM) in the open API.

- `/api/consultations/` (`?state=open`) and `/api/consultations/{id}/`;
  `/api/consultations/{id}/results/`: counts of confirmed answers per choice,
  respondent categories, closed polls and approved comments per component.
- `/api/surveys/`, `/api/surveys/{id}/` and `/api/surveys/{id}/results/`
  (`?period=2025|2025-S1|2025-Q3&service=<id>`): the IKM computed in the database
  by `consultation.results`.

Only aggregates are published: never an answer, an e-mail address, a
suggestion's moderation or a respondent key.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from cms.core.api.base import (
    DetailView,
    ErrorSerializer,
    LocaleFilter,
    PageSerializer,
    PaginatedListView,
    StandardRefSerializer,
    UnitOfPageMixin,
    api_url,
    attach_units,
    is_private,
    locale_filter,
    public_related,
    published,
    unit_filter,
)

from . import skm
from .models import (
    Audience,
    ConsultationPage,
    ConsultationState,
    SatisfactionSurveyPage,
)


def standard_refs(pages, request) -> list[dict[str, Any]]:
    """References to the public standards among `pages` (prefetched with
    `public_related`)."""
    return [
        {
            "id": page.pk,
            "title": page.title,
            "api_url": api_url(request, "api_standard", id=page.pk),
        }
        for page in pages
        if page.live
    ]


# Consultations -----------------------------------------------------------------


class OutcomeSerializer(serializers.Serializer):
    published = serializers.BooleanField()
    published_on = serializers.DateField(allow_null=True)
    summary_html = serializers.CharField(
        allow_blank=True, help_text="What the unit heard and how it responds (HTML)."
    )
    changes_html = serializers.CharField(
        allow_blank=True, help_text="What changed in the standard (HTML)."
    )
    url = serializers.CharField(
        allow_null=True, help_text="The public page with the outcome, once published."
    )
    due_on = serializers.DateField(
        allow_null=True, help_text="When the unit promised the outcome."
    )


class ConsultationSerializer(UnitOfPageMixin, PageSerializer):
    """A published public consultation."""

    api_url_name = "api_consultation"

    summary = serializers.CharField()
    state = serializers.SerializerMethodField(
        help_text="upcoming, open, closed (being analysed) or outcome (published)."
    )
    audience = serializers.ChoiceField(choices=Audience.values)
    opens_at = serializers.DateTimeField(
        allow_null=True, help_text="ISO 8601 with time zone."
    )
    closes_at = serializers.DateTimeField(
        allow_null=True, help_text="ISO 8601 with time zone."
    )
    results_url = serializers.SerializerMethodField(
        help_text="The public results page."
    )
    results_api_url = serializers.SerializerMethodField()
    standards = serializers.SerializerMethodField(
        help_text="The service standards under review."
    )
    outcome = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=ConsultationState.values))
    def get_state(self, page) -> str:
        return str(page.state(self.context.get("now")))

    def get_results_url(self, page) -> str | None:
        url = self.get_url(page)
        return f"{url}results/" if url else None

    def get_results_api_url(self, page) -> str:
        return api_url(
            self.context.get("request"), "api_consultation_results", id=page.pk
        )

    @extend_schema_field(StandardRefSerializer(many=True))
    def get_standards(self, page) -> list:
        return standard_refs(page.standards.all(), self.context.get("request"))

    @extend_schema_field(OutcomeSerializer)
    def get_outcome(self, page) -> dict[str, Any]:
        shown = page.outcome_published
        due = page.outcome_due_on
        return {
            "published": shown,
            "published_on": page.outcome_published_on if shown else None,
            "summary_html": str(page.outcome_summary) if shown else "",
            "changes_html": str(page.outcome_changes) if shown else "",
            "url": self.get_url(page) if shown else None,
            "due_on": due,
        }


class ConsultationFilter(LocaleFilter):
    state = serializers.ChoiceField(
        choices=ConsultationState.values,
        required=False,
        help_text="Only consultations in this state, e.g. open.",
    )


def state_filter(queryset, state: str, now):
    """Consultations in `state` (the same rules as `ConsultationPage.state`)."""
    started = Q(opens_at__isnull=True) | Q(opens_at__lte=now)
    not_outcome = Q(outcome_published=False)
    if state == ConsultationState.OUTCOME:
        return queryset.filter(outcome_published=True)
    if state == ConsultationState.UPCOMING:
        return queryset.filter(not_outcome, opens_at__gt=now)
    if state == ConsultationState.OPEN:
        return queryset.filter(not_outcome, started, closes_at__gt=now)
    return queryset.filter(
        not_outcome, started, Q(closes_at__isnull=True) | Q(closes_at__lte=now)
    )


def consultations_queryset():
    return (
        published(ConsultationPage.objects.all())
        .select_related("locale")
        .prefetch_related(public_related(ConsultationPage, "standards"))
    )


@extend_schema(
    operation_id="consultations_list",
    summary="List public consultations",
    description="Published consultations, newest closing date first; "
    "`?state=open` gives those accepting answers now.",
    parameters=[ConsultationFilter],
    responses={200: ConsultationSerializer(many=True), 400: ErrorSerializer},
    tags=["consultations"],
)
class ConsultationListView(PaginatedListView):
    filter_serializer = ConsultationFilter
    serializer_class = ConsultationSerializer

    def get_serializer_context(self):
        return {"request": self.request, "now": self.now}

    def get_queryset(self, filters):
        self.now = timezone.now()
        queryset = unit_filter(
            locale_filter(consultations_queryset(), filters), filters
        )
        if filters.get("state"):
            queryset = state_filter(queryset, filters["state"], self.now)
        return queryset.order_by("-closes_at", "pk")

    def prepare(self, items, request):
        attach_units(items)


@extend_schema(
    operation_id="consultations_retrieve",
    summary="One public consultation",
    responses={200: ConsultationSerializer, 404: ErrorSerializer},
    tags=["consultations"],
)
class ConsultationDetailView(DetailView):
    serializer_class = ConsultationSerializer

    def get_queryset(self):
        return consultations_queryset()

    def prepare(self, items, request):
        attach_units(items)


class QuestionResultSerializer(serializers.Serializer):
    label = serializers.CharField()
    type = serializers.CharField()
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text="Answers per choice."
    )


class CategoryCountSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class PollChoiceSerializer(serializers.Serializer):
    text = serializers.CharField()
    votes = serializers.IntegerField()


class PollResultSerializer(serializers.Serializer):
    question = serializers.CharField()
    total = serializers.IntegerField()
    choices = PollChoiceSerializer(many=True)


class ConsultationResultsSerializer(serializers.Serializer):
    consultation_id = serializers.IntegerField()
    locale = serializers.CharField()
    state = serializers.ChoiceField(choices=ConsultationState.values)
    responses = serializers.IntegerField(help_text="Confirmed (counted) responses.")
    questions = QuestionResultSerializer(many=True)
    categories = CategoryCountSerializer(
        many=True, help_text="Responses per respondent category."
    )
    polls = PollResultSerializer(
        many=True, help_text="Polls of the consultation that have closed."
    )
    comments = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Approved comments per standard component key.",
    )


@extend_schema(
    operation_id="consultations_results",
    summary="Results of a consultation",
    description="Aggregated counts only; no individual answer is ever published.",
    responses={200: ConsultationResultsSerializer, 404: ErrorSerializer},
    tags=["consultations"],
)
class ConsultationResultsView(DetailView):
    def get_queryset(self):
        return published(ConsultationPage.objects.all()).select_related("locale")

    def get(self, request, id: int, *args, **kwargs):  # noqa: A002
        from .comments import comment_counts
        from .consultation_views import consultation_results
        from .polls import poll_results_for, results_visible

        page = self.get_object(id)
        results = consultation_results(page)
        polls = [
            {
                "question": poll["question"],
                "total": poll["total"],
                "choices": [
                    {"text": c["text"], "votes": c["votes"]} for c in poll["choices"]
                ],
            }
            for poll in poll_results_for(page)
            if results_visible(poll["poll"], voted=False)
        ]
        data = {
            "consultation_id": page.pk,
            "locale": page.locale.language_code,
            "state": results["state"],
            "responses": results["responses"],
            "questions": [
                {"label": str(q["label"]), "type": q["type"], "counts": q["counts"]}
                for q in results["questions"]
            ],
            "categories": [
                {"key": c["key"], "label": str(c["label"]), "count": c["count"]}
                for c in results["categories"]
            ],
            "polls": polls,
            "comments": comment_counts(page),
        }
        return Response(ConsultationResultsSerializer(data).data)


# Satisfaction surveys -------------------------------------------------------------


class PeriodSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="survey (the survey's own dates), YYYY, YYYY-S1/S2 or YYYY-Q1..Q4."
    )
    start = serializers.DateField()
    end = serializers.DateField()


class SurveySerializer(UnitOfPageMixin, PageSerializer):
    """A published SKM survey of a unit."""

    api_url_name = "api_survey"

    period_start = serializers.DateField()
    period_end = serializers.DateField()
    population = serializers.IntegerField(
        help_text="Service users in the period (sets the minimum sample)."
    )
    results_url = serializers.SerializerMethodField(
        help_text="The public results page."
    )
    results_api_url = serializers.SerializerMethodField()
    services = serializers.SerializerMethodField(
        help_text="The service standards the survey asks about."
    )

    def get_results_url(self, page) -> str | None:
        url = self.get_url(page)
        return f"{url}results/" if url else None

    def get_results_api_url(self, page) -> str:
        return api_url(self.context.get("request"), "api_survey_results", id=page.pk)

    @extend_schema_field(StandardRefSerializer(many=True))
    def get_services(self, page) -> list:
        return standard_refs(page.services.all(), self.context.get("request"))


def surveys_queryset():
    return (
        published(SatisfactionSurveyPage.objects.all())
        .select_related("locale")
        .prefetch_related(public_related(SatisfactionSurveyPage, "services"))
    )


@extend_schema(
    operation_id="surveys_list",
    summary="List satisfaction surveys (SKM)",
    description="Published surveys, the most recent period first.",
    parameters=[LocaleFilter],
    responses={200: SurveySerializer(many=True), 400: ErrorSerializer},
    tags=["surveys"],
)
class SurveyListView(PaginatedListView):
    filter_serializer = LocaleFilter
    serializer_class = SurveySerializer

    def get_queryset(self, filters):
        queryset = unit_filter(locale_filter(surveys_queryset(), filters), filters)
        return queryset.order_by("-period_start", "pk")

    def prepare(self, items, request):
        attach_units(items)


@extend_schema(
    operation_id="surveys_retrieve",
    summary="One satisfaction survey",
    responses={200: SurveySerializer, 404: ErrorSerializer},
    tags=["surveys"],
)
class SurveyDetailView(DetailView):
    serializer_class = SurveySerializer

    def get_queryset(self):
        return surveys_queryset()

    def prepare(self, items, request):
        attach_units(items)


class SurveyResultsSerializer(serializers.Serializer):
    survey_id = serializers.IntegerField()
    locale = serializers.CharField()
    period = PeriodSerializer()
    service = serializers.IntegerField(
        allow_null=True, help_text="The service asked about, or null for all."
    )
    respondents = serializers.IntegerField()
    nrr = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="Average score (1–4) of each element U1..U9.",
    )
    ikm = serializers.FloatField(allow_null=True, help_text="Index on the 1–4 scale.")
    ikm_konversi = serializers.FloatField(
        allow_null=True, help_text="Index converted to 25–100."
    )
    grade = serializers.CharField(allow_null=True, help_text="A, B, C or D.")
    label_id = serializers.CharField(allow_null=True)
    label_en = serializers.CharField(allow_null=True)
    sample_min = serializers.IntegerField(help_text="Minimum respondents needed.")
    sample_enough = serializers.BooleanField()


class SurveyResultsFilter(serializers.Serializer):
    period = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="survey (default: the survey's own dates), a year (2025), a "
        "semester (2025-S1) or a quarter (2025-Q3).",
    )
    service = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Only answers about this covered service (a standard id).",
    )


@extend_schema(
    operation_id="surveys_results",
    summary="SKM results of a survey",
    description="Respondents, the average of each element, the index (IKM) and "
    "its grade, computed in the database for a period and optionally one service.",
    parameters=[
        SurveyResultsFilter,
        OpenApiParameter("id", int, OpenApiParameter.PATH),
    ],
    responses={
        200: SurveyResultsSerializer,
        400: ErrorSerializer,
        404: ErrorSerializer,
    },
    tags=["surveys"],
)
class SurveyResultsView(DetailView):
    max_age = 60

    def get_queryset(self):
        return published(SatisfactionSurveyPage.objects.all()).select_related("locale")

    def get(self, request, id: int, *args, **kwargs):  # noqa: A002
        from .results import (
            ServiceError,
            resolve_period,
            resolve_service,
            survey_results,
        )

        survey = self.get_object(id)
        params = SurveyResultsFilter(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            period = resolve_period(survey, params.validated_data.get("period"))
        except skm.PeriodError:
            raise exceptions.ValidationError(
                {
                    "period": [
                        _(
                            "Unknown period. Use a year (2025), a semester (2025-S1) "
                            "or a quarter (2025-Q3)."
                        )
                    ]
                }
            ) from None
        try:
            service_id = resolve_service(
                survey, str(params.validated_data.get("service") or "")
            )
        except ServiceError:
            raise exceptions.ValidationError(
                {"service": [_("Unknown service: use the id of a covered service.")]}
            ) from None
        results = survey_results(survey, period, service_id).as_json()
        data = {
            "survey_id": survey.pk,
            "locale": survey.locale.language_code,
            "period": {"key": period.key, "start": period.start, "end": period.end},
            "service": service_id,
            **results,
        }
        return Response(SurveyResultsSerializer(data).data)


def unit_latest_skm(unit, context: dict[str, Any]) -> dict[str, Any] | None:
    """The unit detail's `latest_skm` (`cms.core.api.units`, through the
    `terpadu_api_unit_latest_skm` hook): the unit's latest public survey and its
    index, None when there is none or the survey is private."""
    from .results import unit_latest_index

    latest = unit_latest_index(unit)
    if latest is None:
        return None
    survey, results = latest["survey"], latest["results"]
    if is_private(survey.path, context.get("private_paths", [])):
        return None
    request = context.get("request")
    data = results.as_json()
    return {
        "survey_id": survey.pk,
        "survey_api_url": api_url(request, "api_survey", id=survey.pk),
        "results_api_url": api_url(request, "api_survey_results", id=survey.pk),
        "period_start": survey.period_start.isoformat(),
        "period_end": survey.period_end.isoformat(),
        "respondents": data["respondents"],
        "ikm": data["ikm"],
        "ikm_konversi": data["ikm_konversi"],
        "grade": data["grade"],
    }
