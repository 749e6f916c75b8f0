"""`/api/units/` and `/api/units/{id}/`: every unit with its contact details.

The list costs a fixed number of queries whatever the number of units (units,
their opening hours, their parents, the private subtrees and the site).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail import hooks

from cms.core.models import UnitPage, UnitType, Weekday

from .base import (
    LIVE_FIGURES_MAX_AGE,
    LocaleFilterSet,
    PageSerializer,
    PublicDetailView,
    PublicListView,
    StoredFieldsMixin,
    api_url,
    choice_filter,
    detail_schema,
    list_schema,
    localize_references,
    private_paths,
    published,
    regex_filter,
    stored,
)
from .endpoints import unit_lists

LATEST_SKM_HOOK = "terpadu_api_unit_latest_skm"


class OpeningHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(
        min_value=1, max_value=7, help_text="ISO weekday: 1 Monday … 7 Sunday."
    )
    day = serializers.SerializerMethodField(help_text="Name of the day.")
    opens = serializers.SerializerMethodField(help_text="Local time, HH:MM.")
    closes = serializers.SerializerMethodField(help_text="Local time, HH:MM.")
    note = serializers.CharField(allow_blank=True)

    def get_day(self, hours) -> str:
        return str(Weekday(hours.weekday).label)

    def get_opens(self, hours) -> str:
        return hours.opens.strftime("%H:%M")

    def get_closes(self, hours) -> str:
        return hours.closes.strftime("%H:%M")


class ContactSerializer(StoredFieldsMixin, serializers.Serializer):
    model = UnitPage

    address = stored(help_text="The unit's office address.")
    phone = stored()
    email = stored(help_text="The unit's public e-mail address.")
    whatsapp = stored()
    website = stored()
    head_of_unit = stored()
    head_of_unit_title = stored()


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    name = serializers.CharField(help_text="Its name in the object's language.")


class UnitTypeSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=UnitType.values)
    label = serializers.CharField()


class ParentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    short_name = serializers.CharField()
    api_url = serializers.CharField()


# The unit's part of every list that takes `?unit=` (the apps' lists:
# `cms.core.api.endpoints`), read when the schema or a unit is rendered. No
# docstring: drf-spectacular would publish it as the schema's description.
class UnitLinksSerializer(serializers.Serializer):
    def get_fields(self) -> dict[str, serializers.Field]:
        return {
            endpoint.name: serializers.CharField(
                required=False, help_text=endpoint.unit_link
            )
            for endpoint in unit_lists()
        }

    def to_representation(self, unit: UnitPage) -> dict[str, str]:
        request = self.context.get("request")
        links = {}
        for endpoint in unit_lists():
            url = endpoint.url(request, f"?unit={unit.pk}")
            if url is not None:
                links[endpoint.name] = url
        return links


class UnitSerializer(PageSerializer):
    """A public-service unit."""

    api_url_name = "api_unit"
    model = UnitPage

    short_name = stored()
    type = serializers.SerializerMethodField()
    parent = serializers.SerializerMethodField(
        help_text="The unit this one reports to, if it is published."
    )
    city = stored()
    country = serializers.SerializerMethodField()
    # Not `stored()`: its codes are IANA's, too many to list as an enum.
    time_zone = serializers.CharField(help_text="IANA time zone, e.g. Asia/Singapore.")
    currency = stored(help_text="ISO 4217 code of its fees.")
    contact = serializers.SerializerMethodField()
    opening_hours = serializers.SerializerMethodField()
    links = UnitLinksSerializer(
        source="*", read_only=True, help_text="API lists of the unit's content."
    )

    @extend_schema_field(UnitTypeSerializer)
    def get_type(self, unit) -> dict[str, str]:
        return {"key": unit.unit_type, "label": str(UnitType(unit.unit_type).label)}

    @extend_schema_field(ParentRefSerializer(allow_null=True))
    def get_parent(self, unit) -> dict[str, Any] | None:
        parent = next(iter(unit.api_parent), None)
        visible = self.context.get("visible_unit_ids")
        if parent is None or (visible is not None and parent.pk not in visible):
            return None
        return {
            "id": parent.pk,
            "title": parent.title,
            "short_name": parent.short_name,
            "api_url": api_url(self.context.get("request"), "api_unit", id=parent.pk),
        }

    @extend_schema_field(CountrySerializer)
    def get_country(self, unit) -> dict[str, str]:
        return {"code": unit.country.code, "name": unit.country_name}

    @extend_schema_field(ContactSerializer)
    def get_contact(self, unit) -> dict[str, str]:
        return ContactSerializer(unit).data

    @extend_schema_field(OpeningHoursSerializer(many=True))
    def get_opening_hours(self, unit) -> list:
        hours = sorted(unit.opening_hours.all(), key=lambda h: (h.weekday, h.opens))
        return OpeningHoursSerializer(hours, many=True).data


class LatestIndexSerializer(serializers.Serializer):
    survey_id = serializers.IntegerField()
    survey_api_url = serializers.CharField()
    results_api_url = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    respondents = serializers.IntegerField(
        help_text="Answers counted, in groups of 10 (see the survey's results)."
    )
    ikm = serializers.FloatField(allow_null=True, help_text="Index on the 1–4 scale.")
    ikm_konversi = serializers.FloatField(
        allow_null=True, help_text="Index converted to 25–100."
    )
    grade = serializers.CharField(allow_null=True, help_text="A, B, C or D.")


class UnitDetailSerializer(UnitSerializer):
    latest_skm = serializers.SerializerMethodField(
        help_text="Its latest SKM survey with the index for the survey's period."
    )

    @extend_schema_field(LatestIndexSerializer(allow_null=True))
    def get_latest_skm(self, unit) -> dict[str, Any] | None:
        """The first answer of the `terpadu_api_unit_latest_skm` hooks: an app
        that runs surveys gives `fn(unit, context)` as a LatestIndexSerializer
        dict, or None (the core knows no survey app)."""
        for fn in hooks.get_hooks(LATEST_SKM_HOOK):
            latest = fn(unit, self.context)
            if latest is not None:
                return latest
        return None


class UnitFilter(LocaleFilterSet):
    type = choice_filter(
        UnitType.values, "Only units of this type.", field_name="unit_type"
    )
    country = regex_filter(
        r"^[A-Za-z]{2}$",
        "Only units in this country (ISO 3166-1 alpha-2, e.g. SG).",
        method="filter_country",
    )

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(country=value.upper())


def units_queryset():
    return (
        published(UnitPage.objects.all())
        .select_related("locale", "parent_unit")
        .prefetch_related("opening_hours")
        .order_by("title", "pk")
    )


def visible_unit_ids() -> set[int]:
    return set(published(UnitPage.objects.all()).values_list("pk", flat=True))


class UnitPagesMixin:
    """The unit each one reports to, in its own language."""

    def prepare(self, items: list) -> None:
        localize_references(
            items,
            "api_parent",
            lambda unit: [unit.parent_unit] if unit.parent_unit else [],
        )


@list_schema(
    "units",
    "List units",
    UnitSerializer,
    "Every published unit with its type, parent, location, contact "
    "details, opening hours and links to its content.",
)
class UnitListView(UnitPagesMixin, PublicListView):
    filterset_class = UnitFilter
    serializer_class = UnitSerializer

    def get_queryset(self) -> QuerySet:
        return units_queryset()

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "visible_unit_ids": self.visible}

    def list(self, request, *args, **kwargs):
        self.visible = visible_unit_ids()
        return super().list(request, *args, **kwargs)


@detail_schema(
    "units", "One unit", UnitDetailSerializer, "A unit with its latest SKM index."
)
class UnitDetailView(UnitPagesMixin, PublicDetailView):
    serializer_class = UnitDetailSerializer
    max_age = LIVE_FIGURES_MAX_AGE  # its latest SKM index

    def get_queryset(self) -> QuerySet:
        return units_queryset()

    def get_serializer_context(self) -> dict[str, Any]:
        return {
            **super().get_serializer_context(),
            "visible_unit_ids": visible_unit_ids(),
            "private_paths": private_paths(),
        }
