"""Satisfaction surveys (SKM) in the open API.

- `/api/surveys/`, `/api/surveys/{id}/` and `/api/surveys/{id}/results/`
  (`?period=2025|2025-S1|2025-Q3&service=<id>`): the IKM computed in the
  database by `consultation.surveys.results`.

Only aggregates are published: never an answer or a suggestion's moderation.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from cms.core.api.base import (
    LIVE_FIGURES_MAX_AGE,
    ErrorSerializer,
    PageFilterSet,
    PageSerializer,
    PublicDetailView,
    PublicListView,
    StandardRefSerializer,
    UnitOfPageMixin,
    UnitOwnedPagesMixin,
    api_url,
    detail_schema,
    is_private,
    list_schema,
    localize_references,
    public_related,
    published,
    stored,
)

from ..references import standard_refs
from . import skm
from .models import SatisfactionSurveyPage
from .results import (
    ServiceError,
    covers_whole_survey,
    public_results_json,
    resolve_period,
    resolve_service,
    survey_results,
)


class PeriodSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="survey (the survey's own dates), YYYY, YYYY-S1/S2 or YYYY-Q1..Q4."
    )
    start = serializers.DateField()
    end = serializers.DateField()


class SurveySerializer(UnitOfPageMixin, PageSerializer):
    """A published SKM survey of a unit."""

    api_url_name = "api_survey"
    model = SatisfactionSurveyPage

    period_start = stored()
    period_end = stored()
    population = stored(
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
        return standard_refs(page.api_services, self.context.get("request"))


def surveys_queryset() -> QuerySet:
    return (
        published(SatisfactionSurveyPage.objects.all())
        .select_related("locale")
        .prefetch_related(public_related(SatisfactionSurveyPage, "services"))
    )


class SurveyPagesMixin(UnitOwnedPagesMixin):
    """The services a survey asks about, in each survey's language."""

    def prepare(self, items: list) -> None:
        super().prepare(items)
        localize_references(items, "api_services", lambda page: page.services.all())


@list_schema(
    "surveys",
    "List satisfaction surveys (SKM)",
    SurveySerializer,
    "Published surveys, the most recent period first.",
)
class SurveyListView(SurveyPagesMixin, PublicListView):
    filterset_class = PageFilterSet
    serializer_class = SurveySerializer

    def get_queryset(self) -> QuerySet:
        return surveys_queryset().order_by("-period_start", "pk")


@detail_schema("surveys", "One satisfaction survey", SurveySerializer)
class SurveyDetailView(SurveyPagesMixin, PublicDetailView):
    serializer_class = SurveySerializer

    def get_queryset(self) -> QuerySet:
        return surveys_queryset()


class SurveyResultsSerializer(serializers.Serializer):
    survey_id = serializers.IntegerField()
    locale = serializers.CharField()
    period = PeriodSerializer()
    service = serializers.IntegerField(
        allow_null=True, help_text="The service asked about, or null for all."
    )
    respondents = serializers.IntegerField(
        help_text="Answers counted. The public figures take answers in groups of "
        "10 (SKM_PUBLISHED_STEP), in the order they arrived, so that no one's "
        "scores can be read from the figures before and after they answered."
    )
    nrr = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="Average score (1–4) of each element U1..U9.",
    )
    ikm = serializers.FloatField(
        allow_null=True, help_text="Index on the 1–4 scale, to four places."
    )
    ikm_konversi = serializers.FloatField(
        allow_null=True, help_text="Index converted to 25–100."
    )
    grade = serializers.CharField(allow_null=True, help_text="A, B, C or D.")
    label_id = serializers.CharField(allow_null=True)
    label_en = serializers.CharField(allow_null=True)
    sample_min = serializers.IntegerField(
        allow_null=True,
        help_text="Minimum respondents needed; null when the population is unknown.",
    )
    sample_enough = serializers.BooleanField(
        allow_null=True,
        help_text="Whether the respondents reach the minimum sample; null when "
        "the population is unknown or the figures are a part of the survey.",
    )
    whole_survey = serializers.BooleanField(
        help_text="True for the survey's own dates and all its services; false "
        "for a part (a year, a semester, a quarter or one of several services), "
        "whose figures are an indication and not judged against the minimum "
        "sample, which is set for the whole survey.",
    )


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
class SurveyResultsView(PublicDetailView):
    max_age = LIVE_FIGURES_MAX_AGE
    query_parameters = tuple(SurveyResultsFilter().fields)

    def get_queryset(self) -> QuerySet:
        return published(SatisfactionSurveyPage.objects.all()).select_related("locale")

    def retrieve(self, request, *args, **kwargs) -> Response:
        survey = self.get_object()
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
        results = public_results_json(
            survey_results(survey, period, service_id),
            covers_whole_survey(survey, period, service_id),
        )
        data = {
            "survey_id": survey.pk,
            "locale": survey.locale.language_code,
            "period": {"key": period.key, "start": period.start, "end": period.end},
            # The id asked for (a translation's names the same service).
            "service": params.validated_data.get("service") if service_id else None,
            **results,
        }
        return Response(SurveyResultsSerializer(data).data)


def unit_latest_skm(unit, context: dict[str, Any]) -> dict[str, Any] | None:
    """The unit detail's `latest_skm` (`cms.core.api.units`, through the
    `terpadu_api_unit_latest_skm` hook): the unit's latest public survey and its
    index, None when there is none or the survey is private."""
    survey = SatisfactionSurveyPage.latest_of(unit)
    if survey is None:
        return None
    results = survey_results(survey, survey.own_period)
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
