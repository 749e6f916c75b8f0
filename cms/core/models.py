"""The site core: home page, units and general content pages.

Every unit (a ministry, a directorate general, a service unit at home or a
representative office abroad) is a `UnitPage`; all of its content lives in its
subtree so that Wagtail's page permissions give each unit's editors and
moderators exactly that subtree (see `cms.core.unit_access`).
"""

import re
import unicodedata
import zoneinfo
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Orderable,
    Page,
    PageViewRestriction,
    TranslatableMixin,
    get_page_models,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import routing
from .blocks import BodyStreamBlock
from .countries import country_name, place
from .locales import localized
from .memo import remembered
from .page_forms import UnitPageForm
from .sections import collect_sections
from .visibility import LINK_FIELDS, is_public, public_pages, restricted_paths

TIME_ZONE_CHOICES = sorted((tz, tz) for tz in zoneinfo.available_timezones())
currency_validator = RegexValidator(
    r"^[A-Z]{3}$", _("Enter a three-letter ISO 4217 code such as IDR, SGD or USD.")
)
phone_validator = RegexValidator(
    r"^\+?[0-9 ()\-]{6,25}$",
    _("Enter a phone number with its country code, e.g. +65 6737 7422."),
)


class UnitType(models.TextChoices):
    """The kinds of public-service unit, in the order the site lists them."""

    KEMENTERIAN = "kementerian", _("Ministry or agency")
    ESELON1 = "eselon1", _("Directorate general (echelon I)")
    UNIT_LAYANAN = "unit_layanan", _("Service unit")
    KBRI = "kbri", _("Embassy (KBRI)")
    KJRI = "kjri", _("Consulate general (KJRI)")
    KRI = "kri", _("Consulate (KRI)")
    PTRI = "ptri", _("Permanent mission (PTRI)")

    @classmethod
    def abroad(cls) -> set[str]:
        """Types of representative office located outside Indonesia."""
        return {cls.KBRI, cls.KJRI, cls.KRI, cls.PTRI}


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class KnownViewRestrictionsMixin:
    """Wagtail asks every page it serves for its view restrictions (two queries:
    the page's ancestors, then their restrictions). The paths of the restricted
    pages are remembered until the tree changes (`cms.core.visibility`; saving
    or deleting a restriction moves the tree version at once): while none of
    them is the page's or an ancestor's, the answer is an empty queryset, which
    runs no query."""

    def get_view_restrictions(self):
        if not any(self.path.startswith(path) for path in restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class IndexPage(KnownViewRestrictionsMixin, Page):
    """A page listing pages of every unit: units, standards, consultations,
    innovations. One per home page and language, with an introduction.

    A subclass says what its template lists in `listing_context`; the template
    is Wagtail's default (`<app>/<model_name>.html`). Each subclass gives the
    introduction its own help text in its `content_panels`.
    """

    base_form_class = UnitPageForm

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the list."),
    )

    # Results per page of the paginated listings (`paginate`).
    per_page = 20

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        SynchronizedField("slug"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def public_in(
        cls, request: HttpRequest | None, locale_id: int, within: Page
    ) -> "IndexPage | None":
        """This index in the locale, if visitors of `within` may open it (for a
        link from `within`). Where it is belongs to the site's structure:
        remembered like the pages down a URL (`cms.core.memo.remembered`)."""
        return remembered(
            ("index-page", cls._meta.label_lower, locale_id, within.path),
            lambda: public_pages(
                cls.objects.filter(locale_id=locale_id), within
            ).first(),
        )

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        """What the page lists, added to its template's context."""
        return {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context

    def paginate(self, request: HttpRequest, items) -> tuple[Paginator, Any]:
        """`items` cut in pages of `per_page`, and the requested page (`?page=`;
        the last one when past the end, the first when not a number)."""
        paginator = Paginator(items, self.per_page)
        return paginator, paginator.get_page(request.GET.get("page"))

    @staticmethod
    def query_without_page(request: HttpRequest) -> str:
        """The request's query string without `page`, for the pagination links."""
        query = request.GET.copy()
        query.pop("page", None)
        return query.urlencode()


class HomePage(KnownViewRestrictionsMixin, Page):
    """The site's front page: what the site offers and the list of units."""

    base_form_class = UnitPageForm

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short welcome that says what citizens can do on this site."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    translatable_fields = [TranslatableField("title"), TranslatableField("intro")]

    class Meta:
        verbose_name = _("home page")

    def route(self, request: HttpRequest, path_components: list[str]):
        """Every public URL below the home page, in two queries
        (`cms.core.routing.route_below`)."""
        return routing.route_below(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = UnitIndexPage.public_in(request, self.locale_id, self)
        context["unit_groups"] = index_page.grouped_units() if index_page else []
        context["units_index"] = index_page
        context["sections"] = collect_sections("terpadu_home_sections", request, self)
        return context


class UnitIndexPage(IndexPage):
    """The list of all units, grouped by type; parent of every UnitPage."""

    content_panels = Page.content_panels + [
        FieldPanel("intro", help_text=_("Shown above the list of units."))
    ]
    subpage_types = ["core.UnitPage"]
    # Unlike the other indexes', its slug is no synchronized field (as before).
    translatable_fields = [TranslatableField("title"), TranslatableField("intro")]

    class Meta:
        verbose_name = _("units index")

    def grouped_units(self) -> list[tuple[str, list["UnitPage"]]]:
        """Public units under this index as (type label, units) in type order
        (the index's own restrictions count as passed: its visitors passed them)."""
        units = (
            public_pages(UnitPage.objects.child_of(self), self)
            .only(*LINK_FIELDS, "unit_type", "city", "country")
            .order_by("title")
        )
        by_type: dict[str, list[UnitPage]] = defaultdict(list)
        for unit in units:  # UnitPage rows already: no `specific()` query
            by_type[unit.unit_type].append(unit)
        return [
            (label, by_type[value])
            for value, label in UnitType.choices
            if by_type.get(value)
        ]

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"unit_groups": self.grouped_units()}


def unit_name_key(name: str) -> str:
    """What a reader sees of a unit's name: letters and digits, compatible
    forms folded (NFKC), case ignored, any run of other characters (spaces,
    no-break spaces, hyphens, dots) one space. "KBRI  Kuala-Lumpur" and
    "kbri kuala lumpur" are one name."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


class UnitPage(KnownViewRestrictionsMixin, Page):
    """A public-service unit: its contact details, opening hours and content.

    Standards, consultations, surveys and innovation entries are created as
    children of the unit page, so the unit's editors own them.
    """

    base_form_class = UnitPageForm

    short_name = models.CharField(
        _("short name"),
        max_length=80,
        help_text=_("The name used in lists and navigation, e.g. 'KBRI Singapura'."),
    )
    unit_type = models.CharField(
        _("unit type"), max_length=20, choices=UnitType.choices
    )
    parent_unit = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="child_units",
        help_text=_("The unit this one reports to, e.g. the ministry."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("What the unit does and for whom, in two or three sentences."),
    )
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"), default="ID")
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="Asia/Jakarta",
        help_text=_("Used for opening hours and consultation dates."),
    )
    currency = models.CharField(
        _("local currency"),
        max_length=3,
        default="IDR",
        validators=[currency_validator],
        help_text=_("ISO 4217 code of the currency fees are charged in."),
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(
        _("telephone"), max_length=30, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    whatsapp = models.CharField(
        _("WhatsApp"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
        help_text=_("The number citizens can message, with its country code."),
    )
    website = models.URLField(_("website"), blank=True)
    head_of_unit = models.CharField(
        _("head of unit"),
        max_length=150,
        blank=True,
        help_text=_("Name of the head of the unit, e.g. the Consul General."),
    )
    head_of_unit_title = models.CharField(
        _("title of the head of unit"), max_length=150, blank=True
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("unit_type")]),
        FieldPanel("parent_unit"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("time_zone"), FieldPanel("currency")]),
                FieldPanel("address"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("whatsapp")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("website")]),
                FieldRowPanel(
                    [FieldPanel("head_of_unit"), FieldPanel("head_of_unit_title")]
                ),
            ],
            heading=_("Contact"),
        ),
        InlinePanel(
            "opening_hours", label=_("Opening hours"), heading=_("Opening hours")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("intro"),
        index.SearchField("city"),
        index.FilterField("unit_type"),
    ]
    # The unit's own fields its outputs publish as stored: the open API
    # (`cms.core.api.units`, its `stored()` fields) and the open data (units).
    public_fields = (
        "short_name",
        "city",
        "time_zone",
        "currency",
        "address",
        "phone",
        "email",
        "whatsapp",
        "website",
        "head_of_unit",
        "head_of_unit_title",
    )
    parent_page_types = ["core.UnitIndexPage"]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("head_of_unit_title"),
        TranslatableField("opening_hours"),
        SynchronizedField("slug"),
        SynchronizedField("short_name"),
        SynchronizedField("unit_type"),
        SynchronizedField("parent_unit"),
        SynchronizedField("city"),
        SynchronizedField("country"),
        SynchronizedField("time_zone"),
        SynchronizedField("currency"),
        SynchronizedField("address"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("whatsapp"),
        SynchronizedField("website"),
        SynchronizedField("head_of_unit"),
    ]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def clean(self):
        """A short name names one unit: readers tell units apart by it, and a
        unit staff renaming theirs to another unit's would pass for it, also
        with a doubled space or a hyphen that a reader does not notice
        (`unit_name_key`). Runs of spaces are kept as one."""
        super().clean()
        self.short_name = " ".join((self.short_name or "").split())
        key = unit_name_key(self.short_name)
        others = UnitPage.objects.exclude(translation_key=self.translation_key)
        names = others.values_list("short_name", flat=True).distinct()
        if key and any(unit_name_key(name) == key for name in names):
            raise ValidationError(
                {"short_name": _("Another unit already has this short name.")}
            )

    def pages_showing_this(self) -> models.QuerySet:
        """Every page of the unit shows its name and contact details
        (`cms.core.invalidation`)."""
        return Page.objects.descendant_of(self).values_list("pk", flat=True)

    @property
    def is_abroad(self) -> bool:
        return self.unit_type in UnitType.abroad()

    @property
    def country_name(self) -> str:
        """The unit's country in the active language (`cms.core.countries`)."""
        return country_name(self.country.code if self.country else "")

    @property
    def location(self) -> str:
        """ "City, Country" in the active language (the country alone for a
        city-state)."""
        return place(self.city, self.country.code if self.country else "")

    @property
    def has_saturday_service(self) -> bool:
        return any(h.weekday == Weekday.SATURDAY for h in self.opening_hours.all())

    # Routing reads the parent unit with the page's row (`cms.core.routing`).
    route_select_related = ("parent_unit",)

    def units_index(self) -> Page:
        """The page above the unit, first in the breadcrumbs of the unit and its
        pages; where it is belongs to the structure, remembered until the tree
        changes (`cms.core.memo`)."""
        return remembered(("parent", self.pk), self.get_parent)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = collect_sections("terpadu_unit_sections", request, self)
        context["units_index"] = self.units_index()
        parent = localized(self.parent_unit) if self.parent_unit else None
        context["parent_unit"] = (
            parent if parent is not None and is_public(parent, within=self) else None
        )
        return context


class UnitOwnedPage(KnownViewRestrictionsMixin, models.Model):
    """A page of a unit's content (a standard, an innovation entry...), mixed
    in before `Page` (`class ServiceStandardPage(UnitOwnedPage, Page)`).

    It is an abstract model, not a `Page` subclass: a page type with a second
    abstract page base (the form builder's `AbstractForm`) otherwise got this
    class's parent link, and Django joined `wagtailcore_page` twice in every
    filtered query of that type.

    `unit` is the closest `UnitPage` above the page in the tree, stored so a
    listing gets every page's unit in the same query (`select_related("unit")`)
    and filters by unit in SQL. It is kept right wherever the tree changes: on
    every full save (creation, copy, publication, and so a translation, which
    wagtail-localize creates by copying the source under the translated parent:
    it gets the unit of its own locale) and after a move (`cms.core.signals`). A
    revision never carries a unit of its own (`with_content_json`).
    """

    base_form_class = UnitPageForm

    unit = models.ForeignKey(
        "core.UnitPage",
        verbose_name=_("unit"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The unit the page belongs to: the closest unit above it."),
    )

    # Loaded with the page by `cms.core.routing` (the page shows its unit).
    route_select_related = ("unit",)
    # What a listing with `select_related("unit")` reads of the unit to name it
    # (`.only(*LINK_FIELDS, *unit_name_fields)`).
    unit_name_fields = ("unit", "unit__short_name", "unit__title")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Partial saves (save_revision, locks) leave the derived column alone.
        if kwargs.get("update_fields") is None:
            self.assign_unit()
        return super().save(*args, **kwargs)

    def unit_in_tree(self) -> "UnitPage | None":
        """The closest unit above the page, one query; None outside the tree."""
        if not self.path or self.depth is None or self.depth < 2:
            return None
        return UnitPage.objects.ancestor_of(self).order_by("-depth").first()

    def assign_unit(self) -> None:
        """Set `unit` from the page's place in the tree, when it has one."""
        unit = self.unit_in_tree()
        if unit is not None:
            self.unit = unit

    def with_content_json(self, content):
        """The revision's content with the unit of the page as it is now (the
        unit follows the tree, and the page may have moved since)."""
        obj = super().with_content_json(content)
        obj.unit_id = self.unit_id
        return obj


def unit_owned_models() -> list[type[UnitOwnedPage]]:
    """The concrete page types that belong to a unit."""
    return [model for model in get_page_models() if issubclass(model, UnitOwnedPage)]


class UnitOpeningHours(TranslatableMixin, Orderable):
    """One opening period of a unit on a weekday (several per day allowed).

    Translatable so that its note ("Passport applications 09:00–12:00") can be
    translated with the unit page.
    """

    page = ParentalKey(UnitPage, related_name="opening_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Passport services only' or 'Submission until 12:00'."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]
        ),
        FieldPanel("note"),
    ]

    translatable_fields = [
        TranslatableField("note"),
        SynchronizedField("weekday"),
        SynchronizedField("opens"),
        SynchronizedField("closes"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening.")})


class ContentPage(KnownViewRestrictionsMixin, Page):
    """A general page: about the unit, a privacy notice, an announcement."""

    base_form_class = UnitPageForm

    intro = models.TextField(
        _("summary"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown under the title and in lists."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["core.HomePage", "core.UnitPage", "core.ContentPage"]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("slug"),
    ]

    class Meta:
        verbose_name = _("content page")


@register_setting(icon="site")
class SiteContact(BaseGenericSetting):
    """Contact and complaint channels shown in every page's footer."""

    # Wagtail's setting loader reads the privacy notice's and the complaints
    # page in the same query, only what the footer uses of them
    # (`cms.core.menus`): title, URL and what finds their translation, not all
    # of the pages' columns.
    select_related = ["privacy_notice", "complaints_page"]
    notice_fields = ("title", "url_path", "path", "locale", "translation_key", "live")

    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        default="Kementerian Luar Negeri Republik Indonesia",
        help_text=_("The organisation that runs this site."),
    )
    organisation_english = models.CharField(
        _("organisation in English"),
        max_length=200,
        blank=True,
        default="Ministry of Foreign Affairs of the Republic of Indonesia",
        help_text=_(
            "Its name for English readers. Left empty, they read the name above, "
            "marked as Indonesian."
        ),
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    complaint_url = models.URLField(
        _("SP4N-LAPOR! address"),
        default="https://www.lapor.go.id",
        help_text=_("Where citizens file complaints (SP4N-LAPOR!)."),
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page explaining how personal data is processed (UU 27/2022)."),
    )
    complaints_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("complaints page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page on how to complain about a service and each unit's channels, "
            "linked from every page's footer beside SP4N-LAPOR!."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("organisation_english")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("complaint_url"),
        FieldPanel("complaints_page"),
        FieldPanel("privacy_notice"),
    ]

    class Meta:
        verbose_name = _("site contact")

    @classmethod
    def base_queryset(cls) -> models.QuerySet:
        own = [field.name for field in cls._meta.concrete_fields]
        linked = [
            f"{page}__{name}"
            for page in ("privacy_notice", "complaints_page")
            for name in cls.notice_fields
        ]
        return super().base_queryset().only(*own, *linked)


class DigestDelivery(models.Model):
    """A daily digest sent to one person on one day.

    The unique (user, kind, day) row is taken before the e-mail leaves, in the
    same transaction, so a second run of the command on the same day (or two
    runs at once) sends nothing more (`send_moderation_digest`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("digest"), max_length=40)
    day = models.DateField(_("day"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "day"], name="core_digest_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.day} {self.user_id}"


class UnitAccessRecord(models.Model):
    """The groups, media collection and workflow made for one unit
    (`cms.core.unit_access`), keyed on the unit's translation key.

    They were once found by the unit's name, so a moderator who renamed their
    unit to another's would, at the next repair, share that unit's groups and
    permissions. Each group, collection and workflow belongs to one unit at
    most (one-to-one); a deleted one is made again by the repair.
    """

    unit_key = models.UUIDField(_("unit's translation key"), unique=True)
    editors = models.OneToOneField(
        "auth.Group", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderators = models.OneToOneField(
        "auth.Group", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    workflow = models.OneToOneField(
        "wagtailcore.Workflow", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("unit access")
        verbose_name_plural = _("unit access")

    def __str__(self):
        return str(self.unit_key)
