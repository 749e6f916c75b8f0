"""The page types of public consultations (FKP) and polls.

FKP (Forum Konsultasi Publik, PermenPANRB 16/2017) is the public consultation
a unit holds when it drafts or revises a service standard: a form built by the
editors, polls, comments per component of the standards under review, then
the meeting record, the outcome and the commitments ("You said, we did").

The rows the public leaves (responses, votes, comments) are in `records`; the
public routes are thin methods handing the request to `answering` (the form's
guards, thanks, confirmation, comments, votes) or `result_pages`, which (like
every service of the package) receive the page and never import this module.
"""

import datetime
import functools
import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractForm,
    AbstractFormField,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.segments import StringSegmentValue

from cms.core.memo import remembered
from cms.core.models import IndexPage, UnitOwnedPage
from cms.core.translation import (
    ServedInItsLanguage,
    in_locale_or_untranslated,
    source_translation,
)
from cms.core.visibility import public_pages

from .. import respondents
from ..actions import ActionState, UnitAction
from . import answering, polls, result_pages, submissions
from .blocks import ConsultationContentBlock
from .choices import (
    Audience,
    ConsultationState,
    IdentityLevel,
    MeetingFormat,
    PollResultsVisibility,
)
from .fkp import participants
from .forms import RESERVED_NAMES, ConsultationPageForm, consultation_form_class
from .listing import consultation_listing
from .records import ConsultationSubmission


def participant_choices() -> list[tuple[str, str]]:
    """FKP participant categories from `data/fkp.yaml`."""
    return [(p.key, p.label) for p in participants()]


class ChoicesField(models.TextField):
    """The form builder's choices (one a line), translated one choice at a time.

    wagtail-localize offers each choice as its own string and puts the
    translations back in the same order, so a translated question has its
    choices at the same positions as the source.
    """

    @staticmethod
    def lines(value) -> list[str]:
        value = value or ""
        parts = value.split("\n") if "\n" in value else value.split(",")
        return [part.strip() for part in parts if part.strip()]

    def get_translatable_segments(self, value):
        return [
            StringSegmentValue(str(index), line)
            for index, line in enumerate(self.lines(value))
        ]

    def restore_translated_segments(self, value, segments):
        translated = {segment.path: segment.render_text() for segment in segments}
        return "\n".join(
            translated.get(str(index), line)
            for index, line in enumerate(self.lines(value))
        )


# Question types a consultation does not offer: an e-mail address is asked,
# confirmed and then forgotten by the consultation's identity level, and
# exported only with the personal-data permission, while an answer to a
# question is kept and exported to every editor; a hidden field asks the
# respondent nothing they can see.
PERSONAL_FIELD_TYPES = frozenset({"email", "hidden"})


class ConsultationFormField(TranslatableMixin, AbstractFormField):
    """A question of a consultation, built by editors with the form builder.

    Its internal name is fixed once answers exist: rename the label only to
    correct wording, never to ask something else. Label, help text and
    choices are translated with the page (one choice per line, in the same
    order); answers in every language are stored under the source question's
    internal name and the source wording of the choice, so they count
    together.
    """

    page = ParentalKey(
        "ConsultationPage", related_name="form_fields", on_delete=models.CASCADE
    )
    field_type = models.CharField(
        verbose_name=_("field type"),
        max_length=16,
        choices=[c for c in FORM_FIELD_CHOICES if c[0] not in PERSONAL_FIELD_TYPES]
        + [("rating", _("Rating (1–5)")), ("yesno", _("Yes / no"))],
        help_text=_("How respondents answer this question."),
    )
    choices = ChoicesField(
        verbose_name=_("choices"),
        blank=True,
        help_text=_(
            "One choice per line, for checkboxes, radio buttons and drop-downs. "
            "Once answers exist, do not reword, reorder or remove choices."
        ),
    )

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    # The question types whose answers are the choices the editor lists.
    LISTED_CHOICE_TYPES = frozenset({"checkboxes", "dropdown", "multiselect", "radio"})

    def clean(self):
        super().clean()
        if self.field_type in self.LISTED_CHOICE_TYPES and not any(
            value for value, _label in FormBuilder([]).get_formatted_field_choices(self)
        ):
            # Published without choices, a required question could not be
            # answered: every response was refused "Choose an answer".
            raise ValidationError(
                {"choices": _("List the answers to choose from, one per line.")}
            )
        name = self.clean_name or self.get_field_clean_name()
        if name in RESERVED_NAMES:
            raise ValidationError(
                {
                    "label": _(
                        "This question is asked on every consultation already; "
                        "choose another label."
                    )
                }
            )


class ConsultationPage(
    ServedInItsLanguage, RoutablePageMixin, UnitOwnedPage, AbstractForm
):
    """A public consultation (FKP) on a draft or revised service standard.

    Its state follows from its dates and outcome: upcoming, open, closed (we
    are analysing your feedback), outcome published. Build the questions with
    the form builder; a respondent category question and a consent checkbox
    are always added. After closing, record the meeting, publish the outcome
    and track each agreement as a commitment ("You said, we did").
    """

    base_form_class = ConsultationPageForm
    # Loaded with the page by `cms.core.routing`: the page shows both.
    route_select_related = (*UnitOwnedPage.route_select_related, "minutes")

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("What is proposed and what you want to hear about, briefly."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        help_text=_("The background, the proposal and how the feedback is used."),
    )
    content = StreamField(
        ConsultationContentBlock(),
        verbose_name=_("sections"),
        blank=True,
        help_text=_(
            "More sections below the body, in order: text and polls. A poll "
            "placed here can be voted in on this page."
        ),
    )
    standards = ParentalManyToManyField(
        "standards.ServiceStandardPage",
        verbose_name=_("standards under review"),
        blank=True,
        related_name="consultations",
        help_text=_("The draft or published standards this consultation reviews."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=30,
        choices=Audience.choices,
        default=Audience.SERVICE_USERS,
        help_text=_("Who the consultation is mainly for."),
    )
    opens_on = models.DateField(
        _("opens on"), help_text=_("Opening date in the unit's time zone.")
    )
    opens_time = models.TimeField(
        _("opening time"),
        default=datetime.time(0, 0),
        help_text=_("Opening time in the unit's time zone."),
    )
    closes_on = models.DateField(
        _("closes on"), help_text=_("Closing date in the unit's time zone.")
    )
    closes_time = models.TimeField(
        _("closing time"),
        default=datetime.time(23, 59),
        help_text=_("Closing time in the unit's time zone."),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, editable=False)
    closes_at = models.DateTimeField(_("closes at"), null=True, editable=False)
    identity_level = models.CharField(
        _("identity level"),
        max_length=10,
        choices=IdentityLevel.choices,
        default=IdentityLevel.OPEN,
        help_text=_(
            "Open: anyone may answer once per browser. Confirmed e-mail: an "
            "answer counts only after its address is confirmed."
        ),
    )
    outcome_due_weeks = models.PositiveSmallIntegerField(
        _("outcome due (weeks after closing)"),
        default=12,
        help_text=_("When you promise to publish the outcome; 12 weeks by default."),
    )
    thank_you_text = models.CharField(
        _("thank-you message"),
        max_length=300,
        blank=True,
        help_text=_("Shown after an answer is saved. Leave empty for the default."),
    )
    # Meeting record (berita acara).
    meeting_held_on = models.DateField(
        _("meeting date"),
        null=True,
        blank=True,
        help_text=_("When the forum meeting was held."),
    )
    meeting_format = models.CharField(
        _("meeting format"),
        max_length=10,
        choices=MeetingFormat.choices,
        blank=True,
        help_text=_("In person, online or both."),
    )
    meeting_place = models.CharField(
        _("meeting place"),
        max_length=255,
        blank=True,
        help_text=_("Where the meeting was held."),
    )
    meeting_link = models.URLField(
        _("online link"), blank=True, help_text=_("The online meeting address.")
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("signed minutes (berita acara)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The signed record of agreement, as a PDF."),
    )
    # Outcome (tanggapan).
    outcome_published = models.BooleanField(
        _("outcome published"),
        default=False,
        help_text=_("Tick when the response below is ready for the public."),
    )
    outcome_published_on = models.DateField(
        _("outcome published on"),
        null=True,
        blank=True,
        help_text=_("The date the outcome was published."),
    )
    outcome_summary = RichTextField(
        _("outcome summary"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What you heard and how you respond."),
    )
    outcome_changes = RichTextField(
        _("what changed"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What changed in the standard because of the consultation."),
    )
    revised_standard = models.ForeignKey(
        "standards.ServiceStandardPage",
        verbose_name=_("revised standard"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The standard whose new version resulted; its history is linked."),
    )

    content_panels = AbstractForm.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("content"),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
        FieldPanel("standards", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("opens_time")]),
                FieldRowPanel([FieldPanel("closes_on"), FieldPanel("closes_time")]),
                FieldPanel("outcome_due_weeks"),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("identity_level"),
        InlinePanel("form_fields", label=_("Question"), heading=_("Questions")),
        FieldPanel("thank_you_text"),
    ]
    outcome_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("meeting_held_on"), FieldPanel("meeting_format")]
                ),
                FieldRowPanel(
                    [FieldPanel("meeting_place"), FieldPanel("meeting_link")]
                ),
                InlinePanel(
                    "participations",
                    label=_("Participants"),
                    heading=_("Participants by category"),
                ),
                FieldPanel("minutes"),
            ],
            heading=_("Meeting record"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("outcome_published"),
                        FieldPanel("outcome_published_on"),
                    ]
                ),
                FieldPanel("outcome_summary"),
                FieldPanel("outcome_changes"),
                FieldPanel("revised_standard"),
            ],
            heading=_("Outcome"),
        ),
        InlinePanel(
            "commitments",
            label=_("Commitment"),
            heading=_("Agreements and commitments (You said, we did)"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Consultation")),
            ObjectList(outcome_panels, heading=_("Meeting and outcome")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("outcome_summary"),
    ]
    # The consultation's own fields its outputs publish as stored: the open
    # API (`forums.api`, its `stored()` fields), the open data and the search
    # document (`forums.documents`: the summary, the audience as its category).
    public_fields = ("summary", "audience", "opens_at", "closes_at")
    parent_page_types = ["core.UnitPage"]
    # The admin lists the unit's own standards (`cms.core.page_forms`).
    unit_choice_fields = ("standards",)
    subpage_types: list[str] = []
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("content"),
        TranslatableField("thank_you_text"),
        TranslatableField("outcome_summary"),
        TranslatableField("outcome_changes"),
        TranslatableField("commitments"),
        TranslatableField("form_fields"),
        SynchronizedField("documents"),
        SynchronizedField("participations"),
        SynchronizedField("slug"),
        SynchronizedField("standards"),
        SynchronizedField("audience"),
        SynchronizedField("opens_on"),
        SynchronizedField("opens_time"),
        SynchronizedField("closes_on"),
        SynchronizedField("closes_time"),
        SynchronizedField("identity_level"),
        SynchronizedField("outcome_due_weeks"),
        SynchronizedField("meeting_held_on"),
        SynchronizedField("meeting_format"),
        SynchronizedField("meeting_place"),
        SynchronizedField("meeting_link"),
        SynchronizedField("minutes"),
        SynchronizedField("outcome_published"),
        SynchronizedField("outcome_published_on"),
        SynchronizedField("revised_standard"),
    ]

    # The respondent id of the request being served (its cookie) and the
    # request, set by the page's form route for `process_form_submission`.
    respondent: str | None = None
    serving_request: HttpRequest | None = None

    class Meta:
        verbose_name = _("public consultation (FKP)")
        verbose_name_plural = _("public consultations (FKP)")

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on:
            opens = datetime.datetime.combine(self.opens_on, self.opens_time)
            closes = datetime.datetime.combine(self.closes_on, self.closes_time)
            if closes <= opens:
                raise ValidationError(
                    {"closes_on": _("The consultation must close after it opens.")}
                )
        if self.outcome_published and not self.outcome_summary:
            raise ValidationError(
                {"outcome_summary": _("Write the outcome before publishing it.")}
            )
        if self.unit_id is None:  # a new page's preview shows its unit
            self.assign_unit()

    def save(self, *args, **kwargs):
        # The dates are in the time zone of the unit the page is saved under.
        if kwargs.get("update_fields") is None:
            self.assign_unit()
        tz = self._time_zone()
        if self.opens_on:
            self.opens_at = datetime.datetime.combine(
                self.opens_on, self.opens_time or datetime.time(0, 0), tzinfo=tz
            )
        if self.closes_on:
            self.closes_at = datetime.datetime.combine(
                self.closes_on, self.closes_time or datetime.time(23, 59), tzinfo=tz
            )
        return super().save(*args, **kwargs)

    def _time_zone(self):
        return zoneinfo.ZoneInfo(getattr(self.unit, "time_zone", settings.TIME_ZONE))

    # Lifecycle -----------------------------------------------------------

    # What `state()` reads: a listing that shows the state selects only these
    # (`.only(*LINK_FIELDS, *state_fields)`).
    state_fields = ("opens_at", "closes_at", "outcome_published")

    def state(self, now=None) -> str:
        """upcoming, open, closed or outcome (from the dates and the outcome)."""
        if self.outcome_published:
            return ConsultationState.OUTCOME
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return ConsultationState.UPCOMING
        if self.closes_at and now < self.closes_at:
            return ConsultationState.OPEN
        return ConsultationState.CLOSED

    @property
    def current_state(self) -> str:
        return self.state()

    @property
    def state_label(self) -> str:
        return ConsultationState(self.state()).label

    @property
    def is_open(self) -> bool:
        return self.state() == ConsultationState.OPEN

    @property
    def days_left(self) -> int:
        if not self.closes_at:
            return 0
        return max(0, (self.closes_at - timezone.now()).days)

    @property
    def outcome_due_on(self):
        if not self.closes_at:
            return None
        return (
            self.closes_at + datetime.timedelta(weeks=self.outcome_due_weeks)
        ).date()

    @property
    def outcome_overdue(self) -> bool:
        due = self.outcome_due_on
        return (
            self.state() == ConsultationState.CLOSED
            and due is not None
            and timezone.localdate() > due
        )

    def listed_documents(self):
        """The page's documents with their files, in one query."""
        return self.documents.select_related("document")

    @cached_property
    def source(self) -> "ConsultationPage":
        """The consultation in the default language (answers are stored there)."""
        return source_translation(self)

    def polls(self) -> tuple[list["PollPage"], list["PollPage"]]:
        """(placed, others): the public polls of this consultation in its
        language (restrictions on the consultation and above count as passed).

        Placed polls are shown where the editor put them in the sections; the
        others are the consultation's child polls not placed anywhere.
        """
        placed_ids = polls.placed_poll_ids(self)
        keys = dict(
            Page.objects.filter(pk__in=placed_ids).values_list("pk", "translation_key")
        )
        localized = {
            poll.translation_key: poll
            for poll in public_pages(PollPage.objects.all(), within=self).filter(
                translation_key__in=keys.values(), locale=self.locale
            )
        }
        placed = [localized[keys[pk]] for pk in placed_ids if keys.get(pk) in localized]
        placed_keys = {poll.translation_key for poll in placed}
        others = [
            poll
            for poll in public_pages(PollPage.objects.child_of(self), within=self)
            if poll.translation_key not in placed_keys
        ]
        for poll in (*placed, *others):
            if poll.path[: -poll.steplen] == self.path:  # known: no query
                poll.__dict__["consultation_closes_at"] = self.closes_at
        return placed, others

    # Form builder --------------------------------------------------------

    def get_submission_class(self):
        return ConsultationSubmission

    def get_data_fields(self) -> list[tuple[str, str]]:
        """The columns of the submissions screen and its export: the
        response's own (its personal ones left out by the screen for a user
        without the permission), then the source's questions, under which
        answers in every language are stored."""
        label = {f.name: f.verbose_name for f in ConsultationSubmission._meta.fields}
        return [
            ("id", label["id"]),
            *super().get_data_fields()[:1],  # Wagtail's submission date
            ("counted", label["confirmed"]),
            ("respondent_category", label["respondent_category"]),
            ("name", label["name"]),
            ("email", label["email"]),
            *[(f.clean_name, f.label) for f in self.source.get_form_fields()],
        ]

    def get_submissions_list_view_class(self):
        """Wagtail's submissions list, with exports that quote formula text."""
        # Imported on use, as Wagtail's own method does, to break the
        # app-loading cycle with wagtail: its form views import the admin,
        # which needs the models of every app loaded.
        from .submissions_admin import ConsultationSubmissionsListView

        return ConsultationSubmissionsListView

    def serve_submissions_list_view(self, request, *args, **kwargs):
        """The responses of a translation are its source's, where answers in
        every language are stored: its exports are the source's, and its
        screen sends the editor to the source's, the one that the forms list
        names (`list_each_consultation_once`)."""
        source = self.source
        if source.pk == self.pk:
            return super().serve_submissions_list_view(request, *args, **kwargs)
        if "fmt" in kwargs:
            return source.serve_submissions_list_view(request, *args, **kwargs)
        url = reverse("wagtailforms:list_submissions", args=[source.pk])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)

    def get_form_class(self):
        return self.__dict__.get("_form_class") or consultation_form_class(self)

    def remember_form_class(self) -> None:
        """Take the form class out of the process memo instead of building
        it again out of the questions in the database: they change only when
        the page is published, which moves the generation the memo follows
        (`cms.core.memo.remembered`)."""
        key = ("fkp-form", self.pk, get_language())
        self._form_class = remembered(key, lambda: consultation_form_class(self))

    def process_form_submission(self, form):
        """Store a valid response (see `submissions.store_response`)."""
        return submissions.store_response(
            self, form, self.respondent, self.serving_request
        )

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """Redirect to the thank-you page (see `answering.landing_page`)."""
        return answering.landing_page(self, request, form_submission)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(answering.page_context(self, request))
        if request.method in ("GET", "HEAD"):
            # Called by the template only where it asks (the form's place).
            context["already_answered"] = functools.partial(
                submissions.already_answered, self, request
            )
        return context

    # Routes ----------------------------------------------------------------

    # Where responses and comments are posted (`consultation.answers`).
    answer_routes = ("", "comment/")

    @path("")
    def consultation_form(self, request):
        """The page with its form, served by Wagtail's form builder
        (`FormMixin.serve`: `get_form`, `process_form_submission`,
        `render_landing_page`) once the consultation's guards let the request
        through: open, under the rate limit (`answering.refused_answer`)."""
        refused = answering.refused_answer(self, request)
        if refused is not None:
            return refused
        self.remember_form_class()
        # The respondent of the request being served, for
        # `process_form_submission`, which Wagtail gives only the form.
        self.respondent = respondents.cookie_id(request)
        self.serving_request = request
        try:
            response = super().serve(request)
        except submissions.Duplicate:
            return answering.duplicate(self, request)
        return answering.with_form_status(request, response)

    @path("thanks/")
    def thanks(self, request):
        return answering.consultation_thanks(self, request)

    @path("comment/")
    def comment(self, request):
        return answering.comment_view(self, request)

    @path("comment/thanks/")
    def comment_thanks(self, request):
        return answering.comment_thanks(self, request)

    @path("confirm/")
    def confirm(self, request):
        return answering.confirm_email(self, request, request.GET.get("token", ""))

    @path("results/")
    def results(self, request):
        return result_pages.results_page(self, request)

    @path("results.json")
    def results_json(self, request):
        return result_pages.results_json(self, request)


class ConsultationDocument(Orderable):
    """A document of a consultation: the draft standard, an explanation (PDF)."""

    page = ParentalKey(
        ConsultationPage, related_name="documents", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A PDF of at most 10 MB."),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def clean(self):
        document = self.document if self.document_id else None
        if document is None:
            return
        if not document.file.name.lower().endswith(".pdf"):
            raise ValidationError({"document": _("Upload the document as a PDF.")})
        try:
            size = document.get_file_size() or 0
        except OSError:
            size = 0
        if size > MAX_DOCUMENT_BYTES:
            raise ValidationError({"document": _("The PDF must be at most 10 MB.")})


MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class MeetingParticipation(Orderable):
    """How many people of one category took part in the forum meeting."""

    page = ParentalKey(
        ConsultationPage, related_name="participations", on_delete=models.CASCADE
    )
    category = models.CharField(
        _("category"),
        max_length=30,
        choices=participant_choices,
        help_text=_("The participant category of PermenPANRB 16/2017."),
    )
    count = models.PositiveIntegerField(
        _("number of participants"), help_text=_("How many took part.")
    )

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        verbose_name = _("participants")
        verbose_name_plural = _("participants")


class Commitment(TranslatableMixin, UnitAction):
    """An agreement or recommendation and what the unit does about it."""

    page = ParentalKey(
        ConsultationPage, related_name="commitments", on_delete=models.CASCADE
    )
    said = models.TextField(
        _("you said"),
        max_length=1000,
        help_text=_("The agreement (kesepakatan) or recommendation."),
    )
    decline_reason = models.CharField(
        _("reason for declining"),
        max_length=500,
        blank=True,
        help_text=_("Required when the commitment is declined."),
    )

    panels = [
        FieldPanel("said"),
        FieldPanel("action", heading=_("we will do / we did")),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("due_date")]),
        FieldRowPanel([FieldPanel("state"), FieldPanel("decline_reason")]),
    ]

    translatable_fields = [
        TranslatableField("said"),
        TranslatableField("action"),
        TranslatableField("owner"),
        TranslatableField("decline_reason"),
        SynchronizedField("due_date"),
        SynchronizedField("state"),
    ]

    class Meta(TranslatableMixin.Meta, UnitAction.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def clean(self):
        if self.state == ActionState.DECLINED and not self.decline_reason:
            raise ValidationError(
                {"decline_reason": _("Say why the commitment was declined.")}
            )


class PollPage(ServedInItsLanguage, RoutablePageMixin, UnitOwnedPage, Page):
    """A one-question poll with choices, shown on its consultation and on its own.

    One vote per respondent (browser). Votes are counted by the position of the
    choice: once votes exist, do not reorder or remove choices; add new ones
    at the end.
    """

    description = models.TextField(
        _("description"),
        max_length=600,
        blank=True,
        help_text=_("Context for the question, in one or two sentences."),
    )
    opens_at = models.DateTimeField(_("opens at"), help_text=_("When voting starts."))
    closes_at = models.DateTimeField(_("closes at"), help_text=_("When voting ends."))
    results_visibility = models.CharField(
        _("show results"),
        max_length=12,
        choices=PollResultsVisibility.choices,
        default=PollResultsVisibility.AFTER_VOTE,
        help_text=_("When voters may see the counts."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("results_visibility"),
        InlinePanel("choices", label=_("Choice"), heading=_("Choices"), min_num=2),
    ]
    parent_page_types = ["consultation.ConsultationPage", "core.UnitPage"]
    subpage_types: list[str] = []
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("choices"),
        SynchronizedField("slug"),
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
        SynchronizedField("results_visibility"),
    ]

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The poll must close after it opens.")}
            )

    @property
    def question(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        """Between its own dates and, for a poll placed in a consultation,
        while the consultation is open: a consultation closed early left its
        polls taking votes under a page saying "closed"."""
        now = now or timezone.now()
        closes = self.closes_at
        if self.consultation_closes_at is not None:
            closes = min(closes, self.consultation_closes_at)
        return self.opens_at <= now < closes

    @cached_property
    def consultation_closes_at(self) -> datetime.datetime | None:
        """When the consultation the poll is placed in closes (None for a
        poll placed in a unit)."""
        parent_path = self.path[: -self.steplen]
        return (
            ConsultationPage.objects.filter(path=parent_path)
            .values_list("closes_at", flat=True)
            .first()
        )

    @cached_property
    def source(self) -> "PollPage":
        """The poll in the default language (votes are stored there)."""
        return source_translation(self)

    # Where votes are posted (`consultation.answers`).
    answer_routes = ("",)

    @path("")
    def poll(self, request):
        return answering.poll_view(self, request)


class PollChoice(TranslatableMixin, Orderable):
    """One answer of a poll (translated with the poll; votes count by position)."""

    page = ParentalKey(PollPage, related_name="choices", on_delete=models.CASCADE)
    text = models.CharField(
        _("choice"), max_length=200, help_text=_("The answer as voters see it.")
    )

    panels = [FieldPanel("text")]
    translatable_fields = [TranslatableField("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")


class ConsultationIndexPage(IndexPage):
    """All units' public consultations: open ones first with the days left."""

    content_panels = Page.content_panels + [
        FieldPanel("intro", help_text=_("Shown above the list of consultations."))
    ]

    class Meta:
        verbose_name = _("consultations index")

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        pages = in_locale_or_untranslated(ConsultationPage.objects.all(), self.locale)
        return {"groups": consultation_listing(pages, within=self)}
