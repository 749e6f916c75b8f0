"""`/api/innovations/` and `/api/innovations/{id}/`: KIPP innovation entries.

Only published entries that reached the competition (not drafts), with their
stage and its history of moves (when and to which stage; never who moved it,
the committee's notes or the panel's scores).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.core.api.base import (
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
    integer_filter,
    label_field,
    list_schema,
    public_related,
    published,
    stored,
)
from cms.core.labels import choice_label

from . import kipp
from .models import FIRST_YEAR, LAST_YEAR, InnovationEntryPage, StageChange


def stage_keys() -> list[str]:
    return [key for key, _label in kipp.stage_choices() if key != kipp.DRAFT]


class StageSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=stage_keys())
    label = serializers.CharField()


class InnovationSerializer(UnitOfPageMixin, PageSerializer):
    """A published KIPP entry."""

    api_url_name = "api_innovation"
    model = InnovationEntryPage

    competition_year = stored()
    group = stored()
    group_label = serializers.SerializerMethodField(
        help_text="Label of `group` in the object's language."
    )
    stage = serializers.SerializerMethodField()
    is_winner = serializers.BooleanField(help_text="Top 45 or higher.")
    implementation_start = stored()
    sdgs = serializers.SerializerMethodField(
        help_text="Numbers (1–17) of the Sustainable Development Goals it serves."
    )
    services = serializers.SerializerMethodField(
        help_text="The service standards it improves."
    )

    @extend_schema_field(StageSerializer)
    def get_stage(self, page) -> dict[str, str]:
        labels = dict(kipp.stage_choices())
        return {"key": page.stage, "label": str(labels.get(page.stage, page.stage))}

    def get_group_label(self, page) -> str:
        return choice_label(kipp.group_choices(), page.group)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_sdgs(self, page) -> list[int]:
        return sorted(goal.number for goal in page.sdgs.all())

    @extend_schema_field(StandardRefSerializer(many=True))
    def get_services(self, page) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return [
            {
                "id": s.pk,
                "title": s.title,
                "api_url": api_url(request, "api_standard", id=s.pk),
            }
            for s in page.services.all()
            if s.live
        ]


class StageMoveSerializer(serializers.Serializer):
    to_stage = serializers.CharField()
    to_stage_label = label_field("to_stage")
    changed_at = serializers.DateTimeField(help_text="ISO 8601 with time zone.")


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    text = serializers.CharField(allow_blank=True)


class InnovationDetailSerializer(InnovationSerializer):
    """An entry with its proposal sections and stage history."""

    video_url = serializers.CharField(allow_blank=True)
    sections = serializers.SerializerMethodField(
        help_text="The proposal, section by section."
    )
    stage_history = serializers.SerializerMethodField()

    @extend_schema_field(SectionSerializer(many=True))
    def get_sections(self, page) -> list[dict[str, str]]:
        return [
            {"key": section.key, "label": str(section.label), "text": text or ""}
            for section, text in page.sections()
        ]

    @extend_schema_field(StageMoveSerializer(many=True))
    def get_stage_history(self, page) -> list[dict[str, Any]]:
        moves = (
            StageChange.objects.filter(entry__translation_key=page.translation_key)
            .order_by("changed_at", "pk")
            .values("to_stage", "changed_at")
        )
        stages = kipp.stage_choices()
        return StageMoveSerializer(
            [
                {**move, "to_stage_label": choice_label(stages, move["to_stage"])}
                for move in moves
            ],
            many=True,
        ).data


class InnovationFilter(PageFilterSet):
    stage = choice_filter(stage_keys(), "Only entries at this stage.")
    year = integer_filter(
        "Only entries of this competition year.",
        FIRST_YEAR,
        LAST_YEAR,
        field_name="competition_year",
    )


def innovations_queryset() -> QuerySet:
    return (
        published(InnovationEntryPage.objects.all())
        .exclude(stage=kipp.DRAFT)
        .select_related("locale")
        .prefetch_related(
            "sdgs",
            public_related(InnovationEntryPage, "services"),
        )
    )


@list_schema(
    "innovations",
    "List innovation entries (KIPP)",
    InnovationSerializer,
    "Published entries that reached the competition, newest year first.",
)
class InnovationListView(UnitOwnedPagesMixin, PublicListView):
    filterset_class = InnovationFilter
    serializer_class = InnovationSerializer

    def get_queryset(self) -> QuerySet:
        return innovations_queryset().order_by("-competition_year", "title", "pk")


@detail_schema(
    "innovations",
    "One innovation entry",
    InnovationDetailSerializer,
    "An entry with its proposal, section by section, and its stage history.",
)
class InnovationDetailView(UnitOwnedPagesMixin, PublicDetailView):
    serializer_class = InnovationDetailSerializer

    def get_queryset(self) -> QuerySet:
        return innovations_queryset()
