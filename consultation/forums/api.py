"""Public consultations (FKP) in the open API.

- `/api/consultations/` (`?state=open`) and `/api/consultations/{id}/`;
  `/api/consultations/{id}/results/`: counts of confirmed answers per choice,
  respondent categories, closed polls and approved comments per component.

Only aggregates are published: never an answer, an e-mail address or a
respondent key.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
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
    choice_filter,
    detail_schema,
    label_field,
    list_schema,
    localize_references,
    public_related,
    published,
    stored,
)
from cms.core.labels import choice_label
from standards.components import label_or_key

from ..references import standard_refs
from .choices import Audience, ConsultationState
from .comments import comment_counts
from .models import ConsultationFormField, ConsultationPage
from .polls import public_poll_results
from .results import consultation_results


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
    model = ConsultationPage

    summary = stored()
    state = serializers.SerializerMethodField(
        help_text="upcoming, open, closed (being analysed) or outcome (published)."
    )
    state_label = serializers.SerializerMethodField(
        help_text="Label of `state` in the object's language."
    )
    audience = stored()
    audience_label = serializers.SerializerMethodField(
        help_text="Label of `audience` in the object's language."
    )
    opens_at = stored()
    closes_at = stored()
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

    def get_state_label(self, page) -> str:
        return choice_label(ConsultationState, self.get_state(page))

    def get_audience_label(self, page) -> str:
        return choice_label(Audience, page.audience)

    def get_results_url(self, page) -> str | None:
        url = self.get_url(page)
        return f"{url}results/" if url else None

    def get_results_api_url(self, page) -> str:
        return api_url(
            self.context.get("request"), "api_consultation_results", id=page.pk
        )

    @extend_schema_field(StandardRefSerializer(many=True))
    def get_standards(self, page) -> list:
        return standard_refs(page.api_standards, self.context.get("request"))

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


def consultations_queryset() -> QuerySet:
    return (
        published(ConsultationPage.objects.all())
        .select_related("locale")
        .prefetch_related(public_related(ConsultationPage, "standards"))
    )


class ConsultationFilter(PageFilterSet):
    state = choice_filter(
        ConsultationState.values,
        "Only consultations in this state, e.g. open.",
        method="filter_state",
    )

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """The state at the view's `now`, the moment its serializer states too."""
        return state_filter(queryset, value, self.request.parser_context["view"].now)


class ConsultationPagesMixin(UnitOwnedPagesMixin):
    """The standards under review, in each consultation's language."""

    def prepare(self, items: list) -> None:
        super().prepare(items)
        localize_references(items, "api_standards", lambda page: page.standards.all())


@list_schema(
    "consultations",
    "List public consultations",
    ConsultationSerializer,
    "Published consultations, newest closing date first; "
    "`?state=open` gives those accepting answers now.",
)
class ConsultationListView(ConsultationPagesMixin, PublicListView):
    filterset_class = ConsultationFilter
    serializer_class = ConsultationSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": self.now}

    def get_queryset(self) -> QuerySet:
        self.now = timezone.now()
        return consultations_queryset().order_by("-closes_at", "pk")


@detail_schema("consultations", "One public consultation", ConsultationSerializer)
class ConsultationDetailView(ConsultationPagesMixin, PublicDetailView):
    serializer_class = ConsultationSerializer

    def get_queryset(self) -> QuerySet:
        return consultations_queryset()


class QuestionResultSerializer(serializers.Serializer):
    label = serializers.CharField()
    type = serializers.CharField(help_text="How respondents answer, e.g. radio.")
    type_label = label_field("type")
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text="Answers per choice."
    )
    respondents = serializers.IntegerField(
        help_text="Counted responses that answered the question: the base of "
        "each choice's share (for checkboxes and multi-selects the counts add "
        "up to more)."
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
    state_label = label_field("state")
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
    comments_labels = serializers.DictField(
        child=serializers.CharField(),
        help_text="Label of each component key of `comments`, in the "
        "consultation's language.",
    )


@extend_schema(
    operation_id="consultations_results",
    summary="Results of a consultation",
    description="Aggregated counts only; no individual answer is ever published.",
    responses={
        200: ConsultationResultsSerializer,
        400: ErrorSerializer,
        404: ErrorSerializer,
    },
    tags=["consultations"],
)
class ConsultationResultsView(PublicDetailView):
    max_age = LIVE_FIGURES_MAX_AGE

    def get_queryset(self) -> QuerySet:
        return published(ConsultationPage.objects.all()).select_related("locale")

    def retrieve(self, request, *args, **kwargs) -> Response:
        page = self.get_object()
        with translation.override(page.locale.language_code):
            return Response(ConsultationResultsSerializer(self.results_data(page)).data)

    def results_data(self, page: ConsultationPage) -> dict[str, Any]:
        """The results of `page`, labels in the active language."""
        results = consultation_results(page)
        counts = comment_counts(page)
        field_types = ConsultationFormField._meta.get_field("field_type").choices
        polls = [
            {
                "question": poll["question"],
                "total": poll["total"],
                "choices": [
                    {"text": c["text"], "votes": c["votes"]} for c in poll["choices"]
                ],
            }
            for poll in public_poll_results(page)
        ]
        return {
            "consultation_id": page.pk,
            "locale": page.locale.language_code,
            "state": results["state"],
            "state_label": choice_label(ConsultationState, results["state"]),
            "responses": results["responses"],
            "questions": [
                {
                    "label": str(q["label"]),
                    "type": q["type"],
                    "type_label": choice_label(field_types, q["type"]),
                    "counts": q["counts"],
                    "respondents": q["respondents"],
                }
                for q in results["questions"]
            ],
            "categories": [
                {"key": c["key"], "label": str(c["label"]), "count": c["count"]}
                for c in results["categories"]
            ],
            "polls": polls,
            "comments": counts,
            "comments_labels": {key: label_or_key(key) for key in counts},
        }
