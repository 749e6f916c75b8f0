"""Service standards (Standar Pelayanan), service pledges (Maklumat) and versions.

- `ServiceStandardPage`: one service of a unit with the 14 components of its
  Standar Pelayanan as structured data (see `standards.components`).
- `ServicePledgePage`: the unit's Maklumat Pelayanan, the signed public pledge
  to deliver services according to the standards (at most one per unit).
- `ServiceStandardVersion`: a snapshot of a standard taken at every
  publication, for the public change history and comparisons.
- `ServiceStandardIndexPage`: the public list of standards of all units.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.models import (
    IndexPage,
    KnownViewRestrictionsMixin,
    UnitOwnedPage,
    UnitPage,
)
from cms.core.page_forms import UnitPageForm

from . import display, listing, versions
from .blocks import (
    ComplaintChannelBlock,
    FeeBlock,
    LegalInstrumentBlock,
    ProcedureStepBlock,
    ProductBlock,
    RequirementBlock,
)
from .choices import Audience, DeliveryChannel, ServiceCategory, TimeUnitChoices
from .components import (
    components,
    delivery_components,
    help_for,
    label_for,
    label_lazy,
)
from .decrees import undecreed_change
from .forms import ServiceStandardPageForm
from .panels import CompletenessPanel
from .serializers import (
    CompletenessField,
    ComponentField,
    DecreeField,
    LabelField,
    LabelsField,
    ListField,
    UnitField,
)
from .structure import COMPONENT_FIELDS


class IncompleteStandardError(ValidationError):
    """Raised when a standard with empty service-delivery components is published."""

    def __init__(self, missing_labels: list[str]):
        self.missing_labels = missing_labels
        super().__init__(
            _(
                "This service standard cannot be published: these "
                "service-delivery components are empty: %(components)s."
            ),
            code="incomplete_standard",
            params={"components": ", ".join(missing_labels)},
        )


class ServiceStandardPage(RoutablePageMixin, UnitOwnedPage, Page):
    """A service standard (Standar Pelayanan) of one service of a unit.

    Fill in the six service-delivery components (requirements, procedure,
    completion time, fee, product, complaint handling) before publishing; the
    eight management components may follow later. Every publication is kept as a
    version that citizens can compare.
    """

    objects = listing.StandardManager()

    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences on what the service is and who needs it."),
    )
    category = models.CharField(
        _("category"),
        max_length=30,
        choices=ServiceCategory.choices,
        default=ServiceCategory.PASPOR,
        help_text=_("Groups the standard on the unit page and in the index."),
    )
    serves_wni = models.BooleanField(
        _("Indonesian citizens (WNI)"),
        default=True,
        help_text=_("The service is for Indonesian citizens."),
    )
    serves_wna = models.BooleanField(
        _("foreign nationals (WNA)"),
        default=False,
        help_text=_("The service is for foreign nationals."),
    )
    serves_badan_hukum = models.BooleanField(
        _("legal entities"),
        default=False,
        help_text=_("The service is for companies and other legal entities."),
    )
    channel_langsung = models.BooleanField(
        _("in person"),
        default=True,
        help_text=_("Delivered at the service counter (layanan langsung)."),
    )
    channel_elektronik = models.BooleanField(
        _("online"),
        default=False,
        help_text=_("Applied for online (layanan elektronik)."),
    )
    channel_mandiri = models.BooleanField(
        _("self-service"),
        default=False,
        help_text=_("Through a self-service kiosk or terminal (layanan mandiri)."),
    )
    channel_keliling = models.BooleanField(
        _("mobile service"),
        default=False,
        help_text=_("Through mobile or outreach services (layanan keliling)."),
    )
    application_url = models.URLField(
        _("online application address"),
        blank=True,
        help_text=_("Where citizens apply online, if they can."),
    )
    decree_number = models.CharField(
        _("decree number"),
        max_length=150,
        blank=True,
        help_text=_(
            "Number of the decision that sets this standard, e.g. "
            "'Keputusan Kepala Perwakilan Nomor 12/KONS/III/2024'."
        ),
    )
    decree_date = models.DateField(
        _("decree date"),
        null=True,
        blank=True,
        help_text=_("The date the decision was signed."),
    )
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        help_text=_("The date from which this standard applies."),
    )
    correction_reason = models.CharField(
        _("reason for correcting the current version"),
        max_length=500,
        blank=True,
        help_text=_(
            "Only when this publication corrects the current version without a "
            "new decree (e.g. a typing error in a fee): say what is corrected "
            "and why. A real change of fees, time, requirements, procedure or "
            "products needs a new decree number and effective date instead."
        ),
    )

    requirements = StreamField(
        [("requirement", RequirementBlock())],
        verbose_name=label_lazy("persyaratan"),
        blank=True,
        help_text=help_for("persyaratan"),
    )
    procedure = StreamField(
        [("step", ProcedureStepBlock())],
        verbose_name=label_lazy("prosedur"),
        blank=True,
        help_text=help_for("prosedur"),
    )
    completion_time_value = models.PositiveIntegerField(
        label_lazy("jangka_waktu"),
        null=True,
        blank=True,
        help_text=help_for("jangka_waktu"),
    )
    completion_time_unit = models.CharField(
        _("time unit"),
        max_length=20,
        choices=TimeUnitChoices.choices,
        blank=True,
        help_text=_("Working days exclude weekends and public holidays."),
    )
    completion_time_note = models.CharField(
        _("completion time note"),
        max_length=300,
        blank=True,
        help_text=_("Optional, e.g. 'after the application is complete'."),
    )
    is_free = models.BooleanField(
        _("free of charge"),
        default=False,
        help_text=_("Tick when no fee is charged (Tidak dipungut biaya)."),
    )
    fees = StreamField(
        [("fee", FeeBlock())],
        verbose_name=label_lazy("biaya"),
        blank=True,
        help_text=help_for("biaya"),
    )
    fee_legal_basis = models.CharField(
        _("legal basis of the tariff"),
        max_length=300,
        blank=True,
        help_text=_(
            "The regulation that sets the fee, e.g. 'PP Nomor 28 Tahun 2019 "
            "tentang PNBP Kementerian Hukum dan HAM'."
        ),
    )
    products = StreamField(
        [("product", ProductBlock())],
        verbose_name=label_lazy("produk"),
        blank=True,
        help_text=help_for("produk"),
    )
    complaint_channels = StreamField(
        [("channel", ComplaintChannelBlock())],
        verbose_name=label_lazy("pengaduan"),
        blank=True,
        help_text=help_for("pengaduan"),
    )
    legal_basis = StreamField(
        [("instrument", LegalInstrumentBlock())],
        verbose_name=label_lazy("dasar_hukum"),
        blank=True,
        help_text=help_for("dasar_hukum"),
    )
    facilities = models.TextField(
        label_lazy("sarana_prasarana"),
        blank=True,
        help_text=help_for("sarana_prasarana"),
    )
    staff_competence = models.TextField(
        label_lazy("kompetensi_pelaksana"),
        blank=True,
        help_text=help_for("kompetensi_pelaksana"),
    )
    internal_supervision = models.TextField(
        label_lazy("pengawasan_internal"),
        blank=True,
        help_text=help_for("pengawasan_internal"),
    )
    number_of_staff = models.TextField(
        label_lazy("jumlah_pelaksana"),
        blank=True,
        help_text=help_for("jumlah_pelaksana"),
    )
    service_guarantee = models.TextField(
        label_lazy("jaminan_pelayanan"),
        blank=True,
        help_text=help_for("jaminan_pelayanan"),
    )
    security_guarantee = models.TextField(
        label_lazy("jaminan_keamanan"),
        blank=True,
        help_text=help_for("jaminan_keamanan"),
    )
    performance_evaluation = models.TextField(
        label_lazy("evaluasi_kinerja"),
        blank=True,
        help_text=help_for("evaluasi_kinerja"),
    )

    completeness = models.PositiveSmallIntegerField(
        _("completeness"),
        default=0,
        editable=False,
        help_text=_("How many of the 14 components are filled in."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("category"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("serves_wni"),
                        FieldPanel("serves_wna"),
                        FieldPanel("serves_badan_hukum"),
                    ]
                )
            ],
            heading=_("Who the service is for"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("channel_langsung"),
                        FieldPanel("channel_elektronik"),
                        FieldPanel("channel_mandiri"),
                        FieldPanel("channel_keliling"),
                    ]
                ),
                FieldPanel("application_url"),
            ],
            heading=_("Delivery channels"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("decree_number"),
                FieldRowPanel(
                    [FieldPanel("decree_date"), FieldPanel("effective_date")]
                ),
                FieldPanel("correction_reason"),
            ],
            heading=_("Decree"),
        ),
    ]
    delivery_panels = [
        FieldPanel("requirements"),
        FieldPanel("procedure"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("completion_time_value"),
                        FieldPanel("completion_time_unit"),
                    ]
                ),
                FieldPanel("completion_time_note"),
            ],
            heading=label_lazy("jangka_waktu"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("fees"), FieldPanel("fee_legal_basis")],
            heading=label_lazy("biaya"),
        ),
        FieldPanel("products"),
        FieldPanel("complaint_channels"),
    ]
    management_panels = [
        FieldPanel("legal_basis"),
        FieldPanel("facilities"),
        FieldPanel("staff_competence"),
        FieldPanel("internal_supervision"),
        FieldPanel("number_of_staff"),
        FieldPanel("service_guarantee"),
        FieldPanel("security_guarantee"),
        FieldPanel("performance_evaluation"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList([CompletenessPanel(), *content_panels], heading=_("Service")),
            ObjectList(
                [CompletenessPanel(), *delivery_panels],
                heading=_("Service delivery"),
            ),
            ObjectList(management_panels, heading=_("Management")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    base_form_class = ServiceStandardPageForm
    # The standard's own fields its outputs publish as stored: the Wagtail API
    # (the `api_fields` without a serializer), the open API (`standards.api`,
    # its `stored()` fields), the open data (category, effective date) and the
    # search document (the summary). The rest is shaped for each output: codes
    # with labels, the components as structured data, fees in a currency.
    public_fields = ("summary", "category", "application_url", "effective_date")
    api_fields = [
        APIField("summary"),
        APIField("category"),
        APIField("category_label", serializer=LabelField("category", ServiceCategory)),
        APIField("audiences", serializer=ListField("audiences")),
        APIField("audiences_labels", serializer=LabelsField("audiences", Audience)),
        APIField("channels", serializer=ListField("channels")),
        APIField(
            "channels_labels", serializer=LabelsField("channels", DeliveryChannel)
        ),
        APIField("application_url"),
        APIField("unit", serializer=UnitField()),
        APIField("decree", serializer=DecreeField()),
        APIField("effective_date"),
        APIField("completeness", serializer=CompletenessField()),
        *(
            APIField(name, serializer=ComponentField(key))
            for name, key in COMPONENT_FIELDS.items()
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("requirements"),
        index.SearchField("products"),
        index.FilterField("category"),
        index.FilterField("is_free"),
    ]
    parent_page_types = ["core.UnitPage"]
    # What a standard's card shows besides its link (`fee_summary.html`, the
    # category and completeness), for the listings' `.only()`.
    card_fields = (
        "category",
        "is_free",
        "fees",
        "completion_time_value",
        "completion_time_unit",
        "completeness",
        "effective_date",
    )
    subpage_types: list[str] = []
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("requirements"),
        TranslatableField("procedure"),
        TranslatableField("completion_time_note"),
        TranslatableField("fees"),
        TranslatableField("fee_legal_basis"),
        TranslatableField("correction_reason"),
        TranslatableField("products"),
        TranslatableField("complaint_channels"),
        TranslatableField("legal_basis"),
        TranslatableField("facilities"),
        TranslatableField("staff_competence"),
        TranslatableField("internal_supervision"),
        TranslatableField("number_of_staff"),
        TranslatableField("service_guarantee"),
        TranslatableField("security_guarantee"),
        TranslatableField("performance_evaluation"),
        SynchronizedField("slug"),
        SynchronizedField("category"),
        SynchronizedField("serves_wni"),
        SynchronizedField("serves_wna"),
        SynchronizedField("serves_badan_hukum"),
        SynchronizedField("channel_langsung"),
        SynchronizedField("channel_elektronik"),
        SynchronizedField("channel_mandiri"),
        SynchronizedField("channel_keliling"),
        SynchronizedField("application_url"),
        # A fact of the Indonesian decree: no translation may replace it.
        SynchronizedField("decree_number", overridable=False),
        SynchronizedField("decree_date"),
        SynchronizedField("effective_date"),
        SynchronizedField("completion_time_value"),
        SynchronizedField("completion_time_unit"),
        SynchronizedField("is_free"),
    ]

    class Meta:
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")

    # --- components ------------------------------------------------------

    def component_is_filled(self, key: str) -> bool:
        """Whether component `key` (from the regulation data) has content."""
        if key == "jangka_waktu":
            return bool(self.completion_time_value and self.completion_time_unit)
        if key == "biaya":
            return self.is_free or len(self.fees) > 0
        value = getattr(self, COMPONENT_FIELDS[key])
        if isinstance(value, str):
            return bool(value.strip())
        return len(value) > 0

    def filled_components(self) -> list[str]:
        return [c.key for c in components() if self.component_is_filled(c.key)]

    def missing_delivery_components(self) -> list[str]:
        """Keys of the service-delivery components that are still empty."""
        return [
            c.key for c in delivery_components() if not self.component_is_filled(c.key)
        ]

    def compute_completeness(self) -> int:
        return len(self.filled_components())

    @property
    def components_total(self) -> int:
        return len(components())

    # --- saving ----------------------------------------------------------

    def _fill_fee_currencies(self, unit: UnitPage | None) -> None:
        if unit is None:
            return
        for item in self.fees:
            if not item.value.get("currency"):
                item.value["currency"] = unit.currency

    def clean(self):
        super().clean()
        if self.is_free and len(self.fees) > 0:
            raise ValidationError(
                {
                    "fees": _(
                        "A free service has no fee items: remove them or untick "
                        "'free of charge'."
                    )
                }
            )
        self._fill_fee_currencies(self.unit_in_tree())

    def assign_unit(self) -> None:
        """The unit, then the fees without a currency in the unit's currency."""
        super().assign_unit()
        self._fill_fee_currencies(self.unit)

    def save(self, *args, **kwargs):
        # Partial saves (e.g. save_revision) carry draft content in memory:
        # only full saves (creation, publication) update the derived columns.
        if kwargs.get("update_fields") is None:
            self.completeness = self.compute_completeness()
        return super().save(*args, **kwargs)

    def publication_problems(self) -> list[str]:
        """Why this content may not be published (empty delivery components,
        decreed components changed without a new decree or a correction
        reason: `standards.decrees`); empty when it may."""
        missing = self.missing_delivery_components()
        problems = []
        if missing:
            problems += IncompleteStandardError(
                [label_for(k) for k in missing]
            ).messages
        return problems + undecreed_change(self)

    def publish(self, revision, *args, **kwargs):
        """Refuse to publish a revision whose delivery components are empty.
        The decree rule (`publication_problems`) is the admin's, checked by
        every admin route that publishes (the editor, the approval, bulk
        publishing, the admin API): code may record a history as it was."""
        candidate = revision.as_object()
        missing = candidate.missing_delivery_components()
        if missing:
            raise IncompleteStandardError([label_for(k) for k in missing])
        return super().publish(revision, *args, **kwargs)

    # --- presentation ----------------------------------------------------

    @property
    def audiences(self) -> list[str]:
        flags = {
            Audience.WNI: self.serves_wni,
            Audience.WNA: self.serves_wna,
            Audience.BADAN_HUKUM: self.serves_badan_hukum,
        }
        return [value for value, on in flags.items() if on]

    @property
    def channels(self) -> list[str]:
        flags = {
            DeliveryChannel.LANGSUNG: self.channel_langsung,
            DeliveryChannel.ELEKTRONIK: self.channel_elektronik,
            DeliveryChannel.MANDIRI: self.channel_mandiri,
            DeliveryChannel.KELILING: self.channel_keliling,
        }
        return [value for value, on in flags.items() if on]

    def get_context(self, request, *args, subpage=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(display.standard_context(self, request))
        if not subpage:
            extras = display.standard_page_extras(
                self, request, context["unit"], ServicePledgePage.objects.all()
            )
            context.update(extras)
        return context

    def get_cached_paths(self) -> list[str]:
        """The sub-pages a CDN in front keeps, purged with the page on
        publication (`wagtail.contrib.frontend_cache`)."""
        return ["/", "/checklist/", "/history/", "/compare/"]

    @path("checklist/")
    def checklist(self, request: HttpRequest) -> HttpResponse:
        """The requirements only, for printing; ticked on screen, the ticks
        are kept on the reader's device per standard and version
        (`standards/checklist.js`)."""
        # The sheet names the version it shows, as the history lists it.
        version = (
            self.versions.order_by("-number").only("number", "published_at").first()
        )
        published = self.last_published_at
        edition = (
            version.number
            if version
            else int(published.timestamp() if published else 0)
        )
        return self.render(
            request,
            subpage=True,
            template="standards/service_standard_checklist.html",
            context_overrides={
                "pledge": None,
                "standard_address": request.build_absolute_uri(self.get_url(request)),
                "version": version,
                "checklist_key": f"{self.pk}:{edition}",
            },
        )

    @path("history/")
    def history(self, request: HttpRequest) -> HttpResponse:
        """Every published version."""
        return self.render(
            request,
            subpage=True,
            template="standards/service_standard_history.html",
            context_overrides=versions.history_context(self),
        )

    @path("compare/")
    def compare(self, request: HttpRequest) -> HttpResponse:
        """What changed between two versions (`?from=N&to=M`)."""
        context, status = versions.compare_context(self, request.GET)
        response = self.render(
            request,
            subpage=True,
            template="standards/service_standard_compare.html",
            context_overrides=context,
        )
        response.status_code = status
        return response


COMPONENT_FIELDS = {
    "persyaratan": "requirements",
    "prosedur": "procedure",
    "jangka_waktu": "completion_time_value",
    "biaya": "fees",
    "produk": "products",
    "pengaduan": "complaint_channels",
    "dasar_hukum": "legal_basis",
    "sarana_prasarana": "facilities",
    "kompetensi_pelaksana": "staff_competence",
    "pengawasan_internal": "internal_supervision",
    "jumlah_pelaksana": "number_of_staff",
    "jaminan_pelayanan": "service_guarantee",
    "jaminan_keamanan": "security_guarantee",
    "evaluasi_kinerja": "performance_evaluation",
}


class ServicePledgePage(KnownViewRestrictionsMixin, Page):
    """The unit's Maklumat Pelayanan (service pledge).

    A written statement, signed by the head of the unit, that the unit will
    deliver its services according to its published standards and accepts
    sanctions if it fails. A unit has at most one; it is shown on the unit page
    and on every standard of the unit.
    """

    base_form_class = UnitPageForm

    text = RichTextField(
        _("pledge"),
        features=["bold", "italic", "ol", "ul"],
        help_text=_(
            "The text of the pledge, e.g. 'Dengan ini, kami menyatakan sanggup "
            "menyelenggarakan pelayanan sesuai standar pelayanan ...'."
        ),
    )
    signatory_name = models.CharField(
        _("signatory"),
        max_length=150,
        help_text=_("Name of the person who signed the pledge."),
    )
    signatory_title = models.CharField(
        _("signatory's position"),
        max_length=200,
        help_text=_("E.g. 'Kepala Perwakilan' or 'Konsul Jenderal RI'."),
    )
    signed_on = models.DateField(_("date signed"), help_text=_("Date of signature."))
    place = models.CharField(
        _("place"),
        max_length=100,
        blank=True,
        help_text=_("Where it was signed, e.g. 'Singapura'."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("signed_on")]),
    ]
    search_fields = Page.search_fields + [index.SearchField("text")]
    parent_page_types = ["core.UnitPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    objects = listing.PledgeManager()
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("text"),
        TranslatableField("signatory_title"),
        SynchronizedField("slug"),
        SynchronizedField("signatory_name"),
        SynchronizedField("signed_on"),
        # Translated: the place as the reader's language names it ("Singapura",
        # "Singapore"), as the date below it is.
        TranslatableField("place"),
    ]

    def pages_showing_this(self):
        """The unit's standards show its pledge (`cms.core.invalidation`)."""
        return self.get_siblings().values_list("pk", flat=True)

    # The pledge's own fields the Wagtail API publishes as stored; its search
    # document (`standards.documents`) is made of the same fields.
    public_fields = ("text", "signatory_name", "signatory_title", "signed_on", "place")
    api_fields = [APIField(name) for name in public_fields]

    class Meta:
        verbose_name = _("service pledge (Maklumat Pelayanan)")
        verbose_name_plural = _("service pledges")


class ServiceStandardIndexPage(IndexPage):
    """The list of service standards of every unit, with filters."""

    content_panels = Page.content_panels + [
        FieldPanel("intro", help_text=_("Shown above the list of standards."))
    ]

    class Meta:
        verbose_name = _("service standards index")

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        return listing.index_context(self, request, ServiceStandardPage.objects.all())


class ServiceStandardVersion(models.Model):
    """One published version of a service standard, kept for the public history.

    Written automatically at each publication (see `standards.signals`); the
    `data` holds every component as structured data keyed by component key.
    """

    page = models.ForeignKey(
        ServiceStandardPage,
        verbose_name=_("service standard"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"))
    title = models.CharField(_("title"), max_length=255)
    decree_number = models.CharField(_("decree number"), max_length=150, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    correction_reason = models.CharField(
        _("reason for the correction"), max_length=500, blank=True
    )
    completeness = models.PositiveSmallIntegerField(_("completeness"), default=0)
    data = models.JSONField(_("components"), default=dict)

    class Meta:
        verbose_name = _("service standard version")
        verbose_name_plural = _("service standard versions")
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="standards_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"
