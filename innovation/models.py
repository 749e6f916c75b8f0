"""KIPP innovation entries, their stages, panel scores and replications.

A unit's editors write an `InnovationEntryPage` under their `UnitPage`; the
unit's moderators approve it through the unit's workflow, which submits it to
the competition. From then on only the national committee moves its stage
(every move is a `StageChange`), the independent panel scores it
(`ScoreSheet` and `CriterionScore`, never shown on public pages or the API), and
other units may record that they replicated it (`Replication`).
"""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.blocks import DocumentLinkBlock, ImageBlock
from cms.core.locales import active_locale, localized
from cms.core.models import IndexPage, UnitOwnedPage, UnitPage, phone_validator
from cms.core.translation import in_locale_or_untranslated, source_translation
from cms.core.visibility import LINK_FIELDS, public_pages

from . import kipp
from .forms import InnovationEntryForm, ShowcaseFilterForm

FIRST_YEAR = kipp.FIRST_YEAR
LAST_YEAR = kipp.LAST_YEAR


def _current_year() -> int:
    return datetime.date.today().year


def year_validators() -> list:
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


# The site's own bound on a proposal section, about 3,000 words: the rules
# cap only the summary by words, and a section of megabytes would be
# published whole on the entry's page and in its search document.
PROPOSAL_SECTION_MAX_LENGTH = 20_000


def proposal_field(key: str) -> models.TextField:
    """The text field of the KIPP proposal section `key`: its label and word
    limit come from `data/kipp.yaml` (`kipp.proposal_section`)."""
    section = kipp.proposal_section(key)
    return models.TextField(
        section.label,
        blank=True,
        max_length=PROPOSAL_SECTION_MAX_LENGTH,
        help_text=kipp.section_help(section),
    )


class SustainableDevelopmentGoal(models.Model):
    """One of the 17 Sustainable Development Goals an entry can serve.

    The rows are created by a migration from `data/kipp.yaml`; their names
    come from the same file, in the reader's language.
    """

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, choices=kipp.sdg_choices()
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self) -> str:
        return str(dict(kipp.sdg_choices()).get(self.number, self.number))


def stage_rank_expression() -> Case:
    """Rank of an entry's stage for sorting: the highest award first."""
    order = kipp.stage_order()
    whens = [When(stage=key, then=Value(i + 1)) for i, key in enumerate(order)]
    return Case(*whens, default=Value(0), output_field=IntegerField())


class InnovationEntryPage(UnitOwnedPage, Page):
    """A unit's entry in KIPP, the national public-service innovation competition.

    Fill in every proposal section, then submit the entry: the unit's moderators
    approve it, which submits it to the competition. The committee then moves
    its stage; the public page shows the stage as a badge with its history.
    """

    competition_year = models.PositiveSmallIntegerField(
        _("competition year"),
        default=_current_year,
        validators=year_validators(),
        help_text=_("The year of the KIPP round the entry competes in."),
    )
    group = models.CharField(
        _("group"),
        max_length=20,
        choices=kipp.group_choices(),
        default="umum",
        help_text=_(
            "The competition group (kelompok): general, special (past winners) "
            "or replication of an earlier Top 99 innovation."
        ),
    )
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=kipp.stage_choices(),
        default=kipp.DRAFT,
        editable=False,
        help_text=_("Moved only by the competition committee."),
    )
    implementation_start = models.DateField(
        _("implementation start"),
        null=True,
        blank=True,
        help_text=_(
            "When the innovation started serving the public; entries must have "
            "been implemented for at least one year."
        ),
    )
    sdgs = ParentalManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("Sustainable Development Goals"),
        blank=True,
        related_name="entries",
        help_text=_("The goals the innovation serves; name at least one."),
    )
    services = ParentalManyToManyField(
        "standards.ServiceStandardPage",
        verbose_name=_("services improved"),
        blank=True,
        related_name="innovation_entries",
        help_text=_("The unit's service standards this innovation improves."),
    )
    # The proposal sections, in `data/kipp.yaml` order (labels and limits from there).
    ringkasan = proposal_field("ringkasan")
    latar_belakang = proposal_field("latar_belakang")
    kebaruan = proposal_field("kebaruan")
    implementasi = proposal_field("implementasi")
    signifikansi = proposal_field("signifikansi")
    adaptabilitas = proposal_field("adaptabilitas")
    sumber_daya = proposal_field("sumber_daya")
    keberlanjutan = proposal_field("keberlanjutan")
    gallery = StreamField(
        [("image", ImageBlock())],
        verbose_name=_("images"),
        blank=True,
        help_text=_("Photographs of the innovation at work, with alternative text."),
    )
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("A link to the entry's video, e.g. on YouTube."),
    )
    documents = StreamField(
        [("document", DocumentLinkBlock())],
        verbose_name=_("supporting documents"),
        blank=True,
        help_text=_("Decrees, reports and evidence of results (PDF)."),
    )
    contact_name = models.CharField(
        _("contact person"),
        max_length=150,
        blank=True,
        help_text=_(
            "Who answers questions about the innovation; published on the "
            "entry page with the e-mail address and telephone: give work ones."
        ),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Published on the entry page."),
    )
    contact_phone = models.CharField(
        _("contact telephone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
        help_text=_(
            "Published on the entry page. With its country code, e.g. +1 416 591 6461."
        ),
    )

    base_form_class = InnovationEntryForm
    content_panels = Page.content_panels + [
        FieldRowPanel(
            [
                FieldPanel("competition_year"),
                FieldPanel("group"),
                FieldPanel("implementation_start"),
            ]
        ),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel(section.key) for section in kipp.proposal_sections()],
            heading=_("Proposal"),
        ),
        MultiFieldPanel(
            [FieldPanel("gallery"), FieldPanel("video_url"), FieldPanel("documents")],
            heading=_("Media and documents"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel(
                    [FieldPanel("contact_email"), FieldPanel("contact_phone")]
                ),
            ],
            heading=_("Contact"),
        ),
    ]
    search_fields = (
        Page.search_fields
        + [index.SearchField(section.key) for section in kipp.proposal_sections()]
        + [
            index.FilterField("competition_year"),
            index.FilterField("stage"),
            index.FilterField("group"),
        ]
    )
    # The entry's own fields that every output publishes as stored: the
    # Wagtail API (`api_fields`), the open API (`innovation.api`, its
    # `stored()` fields; the stage there is `{key, label}`) and the open data
    # (`innovation.open_data`, its columns) all read this one list.
    public_fields = ("competition_year", "group", "stage", "implementation_start")
    api_fields = [
        *(APIField(name) for name in public_fields),
        APIField("video_url"),
        *(APIField(section.key) for section in kipp.proposal_sections()),
    ]
    parent_page_types = ["core.UnitPage"]
    # The admin lists the unit's own standards (`cms.core.page_forms`).
    unit_choice_fields = ("services",)
    # What an entry's card shows besides its link (`includes/entry_card.html`).
    card_fields = ("stage", "competition_year", "group", "ringkasan")
    subpage_types: list[str] = []
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        *(TranslatableField(section.key) for section in kipp.proposal_sections()),
        TranslatableField("gallery"),
        TranslatableField("documents"),
        SynchronizedField("slug"),
        SynchronizedField("competition_year"),
        SynchronizedField("group"),
        SynchronizedField("implementation_start"),
        SynchronizedField("sdgs"),
        SynchronizedField("services"),
        SynchronizedField("video_url"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
    ]

    class Meta:
        verbose_name = _("innovation entry (KIPP)")
        verbose_name_plural = _("innovation entries (KIPP)")

    def with_content_json(self, content):
        """Keep the stage of the database row: revisions never move the stage."""
        obj = super().with_content_json(content)
        obj.stage = self.stage
        return obj

    @property
    def is_winner(self) -> bool:
        return self.stage in kipp.winner_stages()

    @property
    def stage_lang(self) -> str:
        """The `lang` of the stage's label when it is not the page's."""
        return kipp.stage_label_language(self.stage)

    def sections(self) -> list[tuple[kipp.ProposalSection, str]]:
        """The proposal sections with this entry's text, in proposal order."""
        return [
            (section, getattr(self, section.key))
            for section in kipp.proposal_sections()
        ]

    def source_entry(self) -> "InnovationEntryPage":
        """The entry in the default language, where history and scores live."""
        return source_translation(self)

    def stage_history(self):
        return (
            StageChange.objects.filter(entry__translation_key=self.translation_key)
            .select_related("changed_by")
            .order_by("changed_at", "pk")
        )

    def replications(self):
        return (
            Replication.objects.filter(original__translation_key=self.translation_key)
            .select_related("unit")
            .order_by("replicated_on", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # In the reader's language: an entry published in Indonesian only,
        # read under an English address, led its breadcrumb and unit link
        # to the Indonesian site while the English pages existed.
        context["unit"] = localized(self.unit) if self.unit else None
        context["history"] = self.stage_history()
        replications = list(self.replications())
        for replication in replications:
            replication.localized_unit = localized(replication.unit)
        context["replications"] = replications
        context["showcase"] = InnovationShowcasePage.public_in(
            request, active_locale().pk, self
        ) or InnovationShowcasePage.public_in(request, self.locale_id, self)
        return context


class InnovationShowcasePage(IndexPage):
    """The public showcase of KIPP entries from every unit, with filters.

    Lists the entries submitted to the competition, highest stage first; visitors
    filter by year, stage, group, unit, SDG and replication without JavaScript.
    """

    per_page = 24

    content_panels = Page.content_panels + [
        FieldPanel(
            "intro",
            help_text=_(
                "What the showcase shows and what KIPP is, in a few sentences."
            ),
        )
    ]

    class Meta:
        verbose_name = _("innovation showcase")

    def entries(self):
        """Public entries in this page's language (and those published in
        Indonesian only) that reached the competition."""
        entries = public_pages(InnovationEntryPage.objects.all(), within=self)
        return (
            in_locale_or_untranslated(entries, self.locale)
            .exclude(stage=kipp.DRAFT)
            .annotate(
                stage_rank=stage_rank_expression(),
                replicated=Exists(
                    Replication.objects.filter(
                        original__translation_key=OuterRef("translation_key")
                    )
                ),
            )
            .select_related("unit")
            .only(
                *LINK_FIELDS,
                *InnovationEntryPage.card_fields,
                *InnovationEntryPage.unit_name_fields,
            )
            .order_by("-stage_rank", "-competition_year", "title")
        )

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        form = ShowcaseFilterForm(
            request.GET or None,
            entries=InnovationEntryPage.objects.all(),
            locale=self.locale,
            within=self,
        )
        paginator, page_obj = self.paginate(request, form.filter(self.entries()))
        return {
            "filter_form": form,
            "page_obj": page_obj,
            "entries": list(page_obj.object_list),
            "total": paginator.count,
            "query_string": self.query_without_page(request),
        }


class StageChange(models.Model):
    """One move of an entry between stages: who, when, from, to and why."""

    entry = models.ForeignKey(
        InnovationEntryPage,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="stage_changes",
    )
    from_stage = models.CharField(
        _("from stage"), max_length=20, choices=kipp.stage_choices()
    )
    to_stage = models.CharField(
        _("to stage"), max_length=20, choices=kipp.stage_choices()
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why the stage changed, if useful.")
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        permissions = [("move_stage", _("Can move KIPP entries between stages"))]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.from_stage} → {self.to_stage}"

    @property
    def to_stage_lang(self) -> str:
        """The `lang` of the new stage's label when it is not the page's."""
        return kipp.stage_label_language(self.to_stage)


class ScoreSheet(models.Model):
    """One panel member's scores of one entry (one score per criterion)."""

    entry = models.ForeignKey(
        InnovationEntryPage,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="score_sheets",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("panel member"),
        on_delete=models.CASCADE,
        related_name="kipp_score_sheets",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "member"], name="innovation_one_sheet_per_member"
            )
        ]
        permissions = [
            ("score_entry", _("Can score KIPP entries as a panel member")),
            ("view_scores", _("Can see KIPP panel scores")),
            ("view_ranking", _("Can see and export the KIPP ranking")),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} / {self.member_id}"


class CriterionScore(models.Model):
    """The score (0–100) a panel member gave one proposal section."""

    sheet = models.ForeignKey(
        ScoreSheet,
        verbose_name=_("score sheet"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.CharField(_("criterion"), max_length=40)
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"], name="innovation_one_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(value__lte=100), name="innovation_score_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Replication(models.Model):
    """A record that another unit replicated an innovation, with its own notes.

    The unit's staff write the notes; the public sees them only once a
    moderator of the unit (or the KIPP committee) approves them. The approved
    text is kept apart (`published_notes`), so notes edited again stay private
    while the text approved before stays public, until the new text is approved.
    """

    original = models.ForeignKey(
        InnovationEntryPage,
        verbose_name=_("original innovation"),
        on_delete=models.CASCADE,
        related_name="replication_records",
        help_text=_("The entry whose innovation was replicated."),
    )
    unit = models.ForeignKey(
        UnitPage,
        verbose_name=_("replicating unit"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The unit that replicated the innovation."),
    )
    replicated_on = models.DateField(
        _("replicated on"), help_text=_("When the unit started the replication.")
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_(
            "What the unit adapted and what it achieved. Shown on the entry's "
            "public page once a moderator of the unit approves it."
        ),
    )
    published_notes = models.TextField(
        _("published notes"),
        blank=True,
        editable=False,
        help_text=_("The notes as last approved: what the public sees."),
    )
    notes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("notes approved by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes_approved_at = models.DateTimeField(
        _("notes approved at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-replicated_on", "pk"]
        verbose_name = _("replication")
        verbose_name_plural = _("replications")

    def __str__(self) -> str:
        return f"{self.unit} ← {self.original}"

    @property
    def notes_pending(self) -> bool:
        """Whether the notes differ from the text the public sees."""
        return self.notes != self.published_notes

    def notes_status(self) -> str:
        if self.notes_pending:
            return str(_("Waiting for approval"))
        return str(_("Approved")) if self.published_notes else "—"

    notes_status.short_description = _("notes")

    def approve_notes(self, user) -> None:
        """Publish the notes as they are now, approved by `user`."""
        self.published_notes = self.notes
        self.notes_approved_by = user
        self.notes_approved_at = timezone.now()
        self.save(
            update_fields=["published_notes", "notes_approved_by", "notes_approved_at"]
        )

    def clean(self):
        original = getattr(self, "original", None)
        unit = getattr(self, "unit", None)
        if original is not None and unit is not None:
            own = original.unit
            if own is not None and own.translation_key == unit.translation_key:
                raise ValidationError(
                    {"unit": _("A unit cannot replicate its own innovation.")}
                )
            if self.recorded_before(original, unit):
                raise ValidationError(
                    {
                        "unit": _(
                            "This unit's replication of this innovation is already "
                            "recorded: edit that record."
                        )
                    }
                )
        self.refuse_impossible_date(original)

    def recorded_before(self, original, unit) -> bool:
        """Whether another record names the same innovation and unit, in
        either language: the same replication listed twice on the entry's
        page counted twice among its replications."""
        return (
            Replication.objects.filter(
                original__translation_key=original.translation_key,
                unit__translation_key=unit.translation_key,
            )
            .exclude(pk=self.pk)
            .exists()
        )

    def refuse_impossible_date(self, original) -> None:
        """Not in the future, nor before the innovation itself started: each
        was published at once on the entry's page ("since 1 January 2099")."""
        day = self.replicated_on
        if day is None:
            return
        if day > timezone.localdate():
            raise ValidationError(
                {"replicated_on": _("A replication cannot have started in the future.")}
            )
        started = getattr(original, "implementation_start", None)
        if started and day < started:
            raise ValidationError(
                {
                    "replicated_on": _(
                        "The innovation itself started on %(date)s: a replication "
                        "cannot start before it."
                    )
                    % {"date": formats.date_format(started)}
                }
            )
