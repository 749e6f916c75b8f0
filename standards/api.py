"""`/api/standards/` and `/api/standards/{id}/`: published service standards;
`/api/pledges/` and `/api/pledges/{id}/`: the units' service pledges.

The list gives what a portal shows in a table (unit, category, time, fees,
channels, decree, effective date); the detail adds the 14 components as
structured data (`standards.structure`) and the published versions.
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
    UnitOfPageMixin,
    UnitOwnedPagesMixin,
    choice_filter,
    detail_schema,
    label_field,
    labels_field,
    list_schema,
    published,
    stored,
)
from cms.core.labels import choice_label, choice_labels

from .choices import (
    ActorChoices,
    ApplicantChoices,
    Audience,
    ComplaintChannelChoices,
    DeliveryChannel,
    DocumentFormChoices,
    InstrumentTypeChoices,
    ServiceCategory,
    TimeUnitChoices,
)
from .components import components
from .labels import labelled
from .models import ServicePledgePage, ServiceStandardPage
from .structure import COMPONENT_FIELDS, component_value


class DurationSerializer(serializers.Serializer):
    value = serializers.IntegerField(min_value=0)
    unit = serializers.ChoiceField(choices=TimeUnitChoices.values)
    unit_label = label_field("unit")


class CompletionTimeSerializer(DurationSerializer):
    note = serializers.CharField(allow_blank=True)


class MoneySerializer(serializers.Serializer):
    label = serializers.CharField(allow_blank=True)
    amount = serializers.CharField(
        allow_null=True, help_text='Decimal string with two places, e.g. "70.00".'
    )
    currency = serializers.CharField(help_text="ISO 4217 code, e.g. SGD.")
    added = serializers.BooleanField(
        help_text="Charged on top of another item (a fine, a surcharge), not "
        "instead of it: the least one pays leaves it out."
    )


class FeesSerializer(serializers.Serializer):
    free = serializers.BooleanField()
    items = MoneySerializer(many=True)
    legal_basis = serializers.CharField(allow_blank=True)


class DecreeSerializer(serializers.Serializer):
    number = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)


class CompletenessSerializer(serializers.Serializer):
    filled = serializers.IntegerField()
    total = serializers.IntegerField()


class RequirementSerializer(serializers.Serializer):
    description = serializers.CharField(allow_blank=True)
    document_form = serializers.CharField(
        allow_blank=True, help_text=f"One of {', '.join(DocumentFormChoices.values)}."
    )
    document_form_label = label_field("document_form")
    applies_to = serializers.ListField(
        child=serializers.CharField(),
        help_text=f"Each one of {', '.join(ApplicantChoices.values)}.",
    )
    applies_to_labels = labels_field("applies_to")
    note = serializers.CharField(allow_blank=True)


class StepSerializer(serializers.Serializer):
    step = serializers.IntegerField()
    description = serializers.CharField(allow_blank=True)
    actor = serializers.CharField(
        allow_blank=True, help_text=f"One of {', '.join(ActorChoices.values)}."
    )
    actor_label = label_field("actor")
    duration = DurationSerializer(allow_null=True)


class ProductSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)


class ComplaintChannelSerializer(serializers.Serializer):
    channel = serializers.CharField(
        allow_blank=True,
        help_text=f"One of {', '.join(ComplaintChannelChoices.values)}.",
    )
    channel_label = label_field("channel")
    address = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)


class LegalInstrumentSerializer(serializers.Serializer):
    type = serializers.CharField(
        allow_blank=True,
        help_text=f"One of {', '.join(InstrumentTypeChoices.values)}.",
    )
    type_label = label_field("type")
    number = serializers.CharField(allow_blank=True)
    year = serializers.IntegerField(allow_null=True)
    title = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)


def with_labels(page, name: str) -> Any:
    """Component `name` of `page` as the API gives it: codes with labels."""
    return labelled(name, component_value(page, COMPONENT_FIELDS[name]))


class StandardSerializer(UnitOfPageMixin, PageSerializer):
    """A published service standard (summary fields)."""

    api_url_name = "api_standard"
    model = ServiceStandardPage

    summary = stored()
    category = stored()
    category_label = serializers.SerializerMethodField(
        help_text="Label of `category` in the object's language."
    )
    audiences = serializers.ListField(
        child=serializers.ChoiceField(choices=Audience.values)
    )
    audiences_labels = serializers.SerializerMethodField(
        help_text="Labels of `audiences`, in the same order, in the object's language."
    )
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=DeliveryChannel.values)
    )
    channels_labels = serializers.SerializerMethodField(
        help_text="Labels of `channels`, in the same order, in the object's language."
    )
    application_url = stored()
    completion_time = serializers.SerializerMethodField(
        help_text="Completion time (jangka waktu) as a number with its unit."
    )
    fees = serializers.SerializerMethodField(help_text="Fees (biaya/tarif).")
    decree = serializers.SerializerMethodField()
    effective_date = stored()
    completeness = serializers.SerializerMethodField(
        help_text="How many of the 14 components are filled in."
    )

    def get_category_label(self, page) -> str:
        return choice_label(ServiceCategory, page.category)

    def get_audiences_labels(self, page) -> list[str]:
        return choice_labels(Audience, page.audiences)

    def get_channels_labels(self, page) -> list[str]:
        return choice_labels(DeliveryChannel, page.channels)

    @extend_schema_field(CompletionTimeSerializer(allow_null=True))
    def get_completion_time(self, page):
        return with_labels(page, "completion_time")

    @extend_schema_field(FeesSerializer)
    def get_fees(self, page):
        unit = getattr(page, "api_unit", None)
        return component_value(
            page, COMPONENT_FIELDS["fees"], unit.currency if unit else ""
        )

    @extend_schema_field(DecreeSerializer)
    def get_decree(self, page) -> dict[str, Any]:
        date = page.decree_date.isoformat() if page.decree_date else None
        return {"number": page.decree_number, "date": date}

    @extend_schema_field(CompletenessSerializer)
    def get_completeness(self, page) -> dict[str, int]:
        return {"filled": page.completeness, "total": len(components())}


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    decree_number = serializers.CharField(allow_blank=True)
    effective_date = serializers.DateField(allow_null=True)


def _component(name: str, serializer):
    """The getter of the component called `name` in `COMPONENT_FIELDS`."""

    @extend_schema_field(serializer)
    def getter(self, page):
        return with_labels(page, name)

    return getter


class StandardDetailSerializer(StandardSerializer):
    """A service standard with every component as structured data."""

    requirements = serializers.SerializerMethodField(help_text="Persyaratan.")
    procedure = serializers.SerializerMethodField(help_text="Prosedur.")
    products = serializers.SerializerMethodField(help_text="Produk pelayanan.")
    complaint_channels = serializers.SerializerMethodField(
        help_text="Penanganan pengaduan, saran dan masukan."
    )
    legal_basis = serializers.SerializerMethodField(help_text="Dasar hukum.")
    facilities = serializers.CharField(help_text="Sarana dan prasarana.")
    staff_competence = serializers.CharField(help_text="Kompetensi pelaksana.")
    internal_supervision = serializers.CharField(help_text="Pengawasan internal.")
    number_of_staff = serializers.CharField(help_text="Jumlah pelaksana.")
    service_guarantee = serializers.CharField(help_text="Jaminan pelayanan.")
    security_guarantee = serializers.CharField(
        help_text="Jaminan keamanan dan keselamatan pelayanan."
    )
    performance_evaluation = serializers.CharField(
        help_text="Evaluasi kinerja pelaksana."
    )
    versions = serializers.SerializerMethodField(
        help_text="Published versions, newest first."
    )

    get_requirements = _component("requirements", RequirementSerializer(many=True))
    get_procedure = _component("procedure", StepSerializer(many=True))
    get_products = _component("products", ProductSerializer(many=True))
    get_complaint_channels = _component(
        "complaint_channels", ComplaintChannelSerializer(many=True)
    )
    get_legal_basis = _component("legal_basis", LegalInstrumentSerializer(many=True))

    @extend_schema_field(VersionSerializer(many=True))
    def get_versions(self, page):
        return VersionSerializer(page.versions.order_by("-number"), many=True).data


class StandardFilter(PageFilterSet):
    category = choice_filter(ServiceCategory.values, "Only standards of this category.")


def standards_queryset() -> QuerySet:
    return published(ServiceStandardPage.objects.all()).select_related("locale")


@list_schema(
    "standards",
    "List service standards",
    StandardSerializer,
    "Published service standards of every unit (or of one unit).",
)
class StandardListView(UnitOwnedPagesMixin, PublicListView):
    filterset_class = StandardFilter
    serializer_class = StandardSerializer

    def get_queryset(self) -> QuerySet:
        return standards_queryset().order_by("title", "pk")


@detail_schema(
    "standards",
    "One service standard",
    StandardDetailSerializer,
    "A standard with its 14 components as structured data.",
)
class StandardDetailView(UnitOwnedPagesMixin, PublicDetailView):
    serializer_class = StandardDetailSerializer

    def get_queryset(self) -> QuerySet:
        return standards_queryset()


class PledgeSerializer(UnitOfPageMixin, PageSerializer):
    """A unit's service pledge (Maklumat Pelayanan): its promise to deliver
    the services as their standards say, signed by the head of the unit."""

    api_url_name = "api_pledge"
    model = ServicePledgePage

    text = stored(help_text="The pledge as HTML (paragraphs, bold, italic, lists).")
    signatory_name = stored()
    signatory_title = stored()
    signed_on = stored()
    place = stored(help_text="Where it was signed, in the object's language.")


def pledges_queryset() -> QuerySet:
    return published(ServicePledgePage.objects.all()).select_related("locale")


@list_schema(
    "pledges",
    "List service pledges",
    PledgeSerializer,
    "The service pledge (Maklumat Pelayanan) of every unit that has published "
    "one (or of one unit).",
)
class PledgeListView(UnitOwnedPagesMixin, PublicListView):
    filterset_class = PageFilterSet
    serializer_class = PledgeSerializer

    def get_queryset(self) -> QuerySet:
        return pledges_queryset().order_by("title", "pk")


@detail_schema(
    "pledges",
    "One service pledge",
    PledgeSerializer,
    "A unit's service pledge with who signed it, when and where.",
)
class PledgeDetailView(UnitOwnedPagesMixin, PublicDetailView):
    serializer_class = PledgeSerializer

    def get_queryset(self) -> QuerySet:
        return pledges_queryset()
