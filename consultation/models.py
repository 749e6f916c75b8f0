"""Satisfaction surveys (SKM) and public consultations (FKP) of the units.

SKM (Survei Kepuasan Masyarakat, PermenPANRB 14/2017) is the community
satisfaction survey behind the IKM index (see `consultation.skm`); FKP (Forum
Konsultasi Publik, PermenPANRB 16/2017) is the public consultation a unit holds
when it drafts or revises a service standard.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
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
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import skm
from .blocks import ConsultationContentBlock


def element_choices() -> list[tuple[str, str]]:
    """U1..U9 with the element's name (the codes are fixed by the regulation)."""
    return [(e.code, f"{e.code} {e.name}") for e in skm.elements()]


class AgeBand(models.TextChoices):
    UNDER_20 = "under_20", _("Under 20")
    FROM_20 = "20_29", _("20–29")
    FROM_30 = "30_39", _("30–39")
    FROM_40 = "40_49", _("40–49")
    FROM_50 = "50_59", _("50–59")
    FROM_60 = "60_plus", _("60 or over")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    PRIMARY = "sd", _("Primary school (SD) or less")
    JUNIOR = "smp", _("Junior secondary (SMP)")
    SENIOR = "sma", _("Senior secondary (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D3)")
    BACHELOR = "s1", _("Bachelor (D4/S1)")
    POSTGRADUATE = "s2_s3", _("Postgraduate (S2/S3)")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "asn", _("Civil servant, military or police")
    PRIVATE = "private", _("Private-sector employee")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    MIGRANT_WORKER = "migrant_worker", _("Migrant worker")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


PROFILE_FIELDS = {
    "age_band": AgeBand,
    "sex": Sex,
    "education": Education,
    "occupation": Occupation,
}


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")


class ActionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


class SatisfactionSurveyPage(RoutablePageMixin, Page):
    """An SKM survey of one unit for one period, with its public results.

    Respondents answer the nine elements U1..U9 of the regulation on the 1..4
    scale. The page also serves a counter kiosk (`kiosk/`), a printable QR
    poster (`poster/`), the results (`results/`) and their JSON
    (`results.json`). Editors may reword a question in "Questions"; the
    elements and the answer scale are fixed.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Why the unit asks, how long it takes and that it is anonymous."),
    )
    period_start = models.DateField(
        _("period start"),
        help_text=_("First day on which answers are accepted (unit's local date)."),
    )
    period_end = models.DateField(
        _("period end"),
        help_text=_("Last day on which answers are accepted (unit's local date)."),
    )
    population = models.PositiveIntegerField(
        _("service users in the period"),
        default=0,
        help_text=_(
            "How many people used the covered services in the survey period; "
            "sets the minimum number of respondents (Krejcie–Morgan)."
        ),
    )
    services = ParentalManyToManyField(
        "standards.ServiceStandardPage",
        verbose_name=_("services covered"),
        blank=True,
        related_name="satisfaction_surveys",
        help_text=_(
            "The unit's service standards this survey asks about; respondents "
            "choose the one they used."
        ),
    )
    thank_you_text = models.CharField(
        _("thank-you message"),
        max_length=300,
        blank=True,
        help_text=_("Shown after an answer is saved. Leave empty for the default."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("population"),
            ],
            heading=_("Period"),
        ),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "questions",
            label=_("Reworded question"),
            heading=_("Questions"),
            help_text=_(
                "The regulation's wording is used unless you reword an element "
                "here. The element and the four answers cannot be changed."
            ),
        ),
        FieldPanel("thank_you_text"),
        InlinePanel(
            "follow_up_actions",
            label=_("Follow-up action"),
            heading=_("Follow-up of the results"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["core.UnitPage"]
    subpage_types: list[str] = []
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("thank_you_text"),
        TranslatableField("questions"),
        TranslatableField("follow_up_actions"),
        SynchronizedField("slug"),
        SynchronizedField("period_start"),
        SynchronizedField("period_end"),
        SynchronizedField("population"),
        SynchronizedField("services"),
    ]

    class Meta:
        verbose_name = _("satisfaction survey (SKM)")
        verbose_name_plural = _("satisfaction surveys (SKM)")

    def clean(self):
        super().clean()
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            raise ValidationError(
                {"period_end": _("The period must end on or after its start.")}
            )

    # Helpers used by the views ---------------------------------------------

    @cached_property
    def unit(self):
        return self.get_parent().specific

    @cached_property
    def source(self) -> "SatisfactionSurveyPage":
        """The survey in the default language: answers of every language are
        stored against it, so the results are the same in both."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return (
            SatisfactionSurveyPage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            ).first()
            or self
        )

    @cached_property
    def _time_zone_name(self) -> str:
        """The unit's time zone; a POST needs only this, not the whole unit."""
        from cms.core.models import UnitPage

        if "unit" in self.__dict__:
            name = getattr(self.unit, "time_zone", None)
        else:
            parent_path = self.path[: -self.steplen]
            name = (
                UnitPage.objects.filter(path=parent_path)
                .values_list("time_zone", flat=True)
                .first()
            )
        return name or settings.TIME_ZONE

    def local_today(self):
        """Today's date in the unit's time zone."""
        import zoneinfo

        tz = zoneinfo.ZoneInfo(self._time_zone_name)
        return timezone.localtime(timezone=tz).date()

    def is_open(self, day=None) -> bool:
        day = day or self.local_today()
        return self.period_start <= day <= self.period_end

    @property
    def own_period(self) -> skm.Period:
        return skm.Period("survey", self.period_start, self.period_end)

    @cached_property
    def _covered_services(self) -> list["CoveredService"]:
        from standards.models import ServiceStandardPage

        sources = list(
            self.source.services.order_by("title").only(
                "pk", "title", "translation_key"
            )
        )
        language = get_language() or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE:  # the sources are in this language
            return [CoveredService(s.pk, s.title) for s in sources]
        translated = {
            page.translation_key: page.title
            for page in ServiceStandardPage.objects.filter(
                translation_key__in=[s.translation_key for s in sources],
                locale__language_code=language,
            ).only("title", "translation_key")
        }
        return [
            CoveredService(s.pk, translated.get(s.translation_key, s.title))
            for s in sources
        ]

    def covered_services(self) -> list["CoveredService"]:
        """The covered standards (ids of the default-language pages, titles in
        the active language); answers store those ids."""
        return self._covered_services

    def question_texts(self) -> dict[str, str]:
        """Element code -> question in the active language (reworded or not)."""
        if "_question_texts" in self.__dict__:
            return dict(self.__dict__["_question_texts"])
        texts = {e.code: e.question for e in skm.elements()}
        for question in self.questions.all():
            if question.text:
                texts[question.element] = question.text
        return texts

    def remember_lookups(self, request) -> None:
        """Read the unit's time zone, the covered services and the questions
        from the process memo instead of the database.

        They change only when this survey, its unit or a covered standard is
        published, which moves the structure generation that the memo follows
        (`cms.core.routing.remembered`), so an answer costs no query for them.
        """
        from cms.core.routing import remembered

        def load() -> tuple:
            return (
                self._time_zone_name,
                tuple(self.covered_services()),
                self.question_texts(),
            )

        key = ("skm-survey", self.pk, get_language())
        time_zone, services, questions = remembered(request, key, load)
        self.__dict__.update(
            _time_zone_name=time_zone,
            _covered_services=list(services),
            _question_texts=questions,
        )

    def responses(self):
        return SurveyResponse.objects.filter(survey_id=self.source.pk)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit"] = self.unit
        return context

    # Routes ------------------------------------------------------------------

    @path("")
    def survey_form(self, request):
        from .survey_views import survey_form

        return survey_form(self, request)

    @path("thanks/")
    def thanks(self, request):
        from .survey_views import survey_thanks

        return survey_thanks(self, request)

    @path("kiosk/")
    def kiosk(self, request):
        from .survey_views import kiosk

        return kiosk(self, request)

    @path("kiosk/thanks/")
    def kiosk_thanks(self, request):
        from .survey_views import kiosk_thanks

        return kiosk_thanks(self, request)

    @path("kiosk/enrol/")
    def kiosk_enrol(self, request):
        from .survey_views import kiosk_enrol

        return kiosk_enrol(self, request)

    @path("poster/")
    def poster(self, request):
        from .survey_views import poster

        return poster(self, request)

    @path("results/")
    def results(self, request):
        from .survey_views import results_page

        return results_page(self, request)

    @path("results.json")
    def results_json(self, request):
        from .survey_views import results_json

        return results_json(self, request)


@dataclass(frozen=True)
class CoveredService:
    """A service a survey asks about: standard id and its title."""

    pk: int
    title: str


class SurveyQuestion(Orderable):
    """A unit's rewording of one element's question (the scale stays fixed)."""

    page = ParentalKey(
        SatisfactionSurveyPage, related_name="questions", on_delete=models.CASCADE
    )
    element = models.CharField(
        _("element"),
        max_length=3,
        choices=element_choices,
        help_text=_("The element (U1–U9) whose question you reword."),
    )
    text = models.CharField(
        _("question"),
        max_length=300,
        help_text=_("Your wording of the question; keep its meaning."),
    )

    panels = [FieldRowPanel([FieldPanel("element"), FieldPanel("text")])]

    class Meta(Orderable.Meta):
        verbose_name = _("reworded question")
        verbose_name_plural = _("reworded questions")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "element"], name="consultation_question_once"
            )
        ]


class SurveyFollowUpAction(Orderable):
    """What the unit does about a weak element after a results period."""

    page = ParentalKey(
        SatisfactionSurveyPage,
        related_name="follow_up_actions",
        on_delete=models.CASCADE,
    )
    period = models.CharField(
        _("results period"),
        max_length=10,
        help_text=_("The period the action answers: 2025, 2025-S1 or 2025-Q3."),
    )
    element = models.CharField(
        _("element"),
        max_length=3,
        choices=element_choices,
        help_text=_("The element the action improves."),
    )
    action = models.TextField(
        _("action"), max_length=1000, help_text=_("What will be done.")
    )
    owner = models.CharField(
        _("owner"), max_length=150, help_text=_("Who is responsible.")
    )
    due_date = models.DateField(_("due date"), help_text=_("When it should be done."))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ActionState.choices,
        default=ActionState.PLANNED,
        help_text=_("Where the action stands."),
    )
    completed_on = models.DateField(
        _("completed on"),
        null=True,
        blank=True,
        help_text=_("The day it was done (for the PEKPPP evaluation)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("period"), FieldPanel("element")]),
        FieldPanel("action"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("due_date")]),
        FieldRowPanel([FieldPanel("state"), FieldPanel("completed_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def clean(self):
        try:
            skm.parse_period(self.period)
        except skm.PeriodError:
            raise ValidationError(
                {"period": _("Enter a year (2025), semester (2025-S1) or quarter.")}
            ) from None


class SurveyResponse(models.Model):
    """One anonymous answer to an SKM survey (no name, e-mail or address)."""

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        KIOSK = "kiosk", _("Kiosk")

    survey = models.ForeignKey(
        SatisfactionSurveyPage,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    survey_date = models.DateField(
        _("survey date"), help_text=_("The unit's local date of the answer.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    service = models.ForeignKey(
        "standards.ServiceStandardPage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    service_date = models.DateField(_("date of service"), null=True, blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    u1 = models.PositiveSmallIntegerField("U1")
    u2 = models.PositiveSmallIntegerField("U2")
    u3 = models.PositiveSmallIntegerField("U3")
    u4 = models.PositiveSmallIntegerField("U4")
    u5 = models.PositiveSmallIntegerField("U5")
    u6 = models.PositiveSmallIntegerField("U6")
    u7 = models.PositiveSmallIntegerField("U7")
    u8 = models.PositiveSmallIntegerField("U8")
    u9 = models.PositiveSmallIntegerField("U9")
    age_band = models.CharField(
        _("age"), max_length=10, choices=AgeBand.choices, blank=True
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    education = models.CharField(
        _("education"), max_length=10, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("occupation"), max_length=20, choices=Occupation.choices, blank=True
    )
    suggestion = models.TextField(_("suggestion"), max_length=2000, blank=True)
    suggestion_status = models.CharField(
        _("suggestion status"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )
    moderation_reason = models.CharField(
        _("reason for hiding"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [
            models.Index(
                fields=["survey", "survey_date"], name="consultation_resp_period"
            ),
            models.Index(
                fields=["survey", "service", "survey_date"],
                name="consultation_resp_service",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 4}),
                name=f"consultation_response_{name}_scale",
            )
            for name in skm.ELEMENT_FIELDS
        ]

    def __str__(self):
        return f"{self.survey_id} {self.survey_date}"


class KioskEnrolment(models.Model):
    """A counter tablet that the unit's staff enrolled as the kiosk of a survey.

    Staff create it in the admin and open its link on the tablet within
    `consultation.kiosk.LINK_MAX_AGE`; the tablet then keeps a signed cookie
    naming this enrolment. Answers from an enrolled tablet count as kiosk
    answers under the kiosk's limit; revoking the enrolment ends that.
    """

    survey = models.ForeignKey(
        SatisfactionSurveyPage,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="kiosk_enrolments",
    )
    name = models.CharField(
        _("name"),
        max_length=60,
        help_text=_("Where the tablet stands, e.g. Loket 1."),
    )
    link_key = models.CharField(_("link key"), max_length=64, editable=False)
    link_expires_at = models.DateTimeField(_("link expires at"))
    device_key = models.CharField(
        _("device key"), max_length=64, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kiosk enrolment")
        verbose_name_plural = _("kiosk enrolments")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_enrolled(self) -> bool:
        """A tablet holds this enrolment's cookie and it counts."""
        return self.enrolled_at is not None and not self.is_revoked

    def link_is_usable(self, now=None) -> bool:
        """The link may still enrol a tablet: unused, unrevoked, not expired."""
        now = now or timezone.now()
        return (
            self.enrolled_at is None
            and not self.is_revoked
            and now < self.link_expires_at
        )

    @property
    def status(self) -> str:
        if self.is_revoked:
            return _("Revoked")
        if self.enrolled_at is not None:
            return _("Enrolled")
        if self.link_is_usable():
            return _("Waiting for the tablet")
        return _("Link expired")


class UsedKioskState(models.Model):
    """The nonce of a kiosk respondent whose answer was stored.

    Each respondent at the kiosk gets a random nonce in the signed state
    between screens; storing the answer inserts the nonce here in the same
    transaction, so a replayed or concurrent last screen cannot store a second
    answer (the primary key refuses it). Holds no personal data: a random
    value and when it was issued. Rows older than the longest a respondent's
    state is accepted are purged (`consultation.kiosk.purge_used_states`).
    """

    nonce = models.CharField(_("nonce"), max_length=32, primary_key=True)
    issued_at = models.DateTimeField(_("issued at"), db_index=True)

    class Meta:
        verbose_name = _("used kiosk state")
        verbose_name_plural = _("used kiosk states")
        db_table = "consultation_usedkioskstate"  # named in the purge's SQL

    def __str__(self):
        return self.nonce


class SatisfactionOverviewPage(Page):
    """The national overview: every unit's latest satisfaction index, sortable."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the table of units."),
    )

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
        verbose_name = _("satisfaction overview")

    def get_context(self, request, *args, **kwargs):
        from .results import latest_unit_indexes

        context = super().get_context(request, *args, **kwargs)
        sort = request.GET.get("sort", "-ikm")
        rows, sort = latest_unit_indexes(self.locale, sort, within=self)
        context["rows"] = rows
        context["sort"] = sort
        return context


# Public consultations (FKP) ---------------------------------------------------


def participant_choices() -> list[tuple[str, str]]:
    """FKP participant categories from `data/fkp.yaml`."""
    from .fkp import participants

    return [(p.key, p.label) for p in participants()]


class Audience(models.TextChoices):
    SERVICE_USERS = "pengguna_layanan", _("Service users")
    PUBLIC = "masyarakat_umum", _("General public")
    EXPERTS = "akademisi", _("Academics and experts")
    NGOS = "lsm", _("Civil-society organisations (LSM)")
    MEDIA = "media", _("Media")
    GOVERNMENT = "instansi_pemerintah", _("Government agencies")


class IdentityLevel(models.TextChoices):
    OPEN = "open", _("Open: one response per browser")
    EMAIL = "email", _("Confirmed e-mail: one counted response per address")


class ConsultationState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed: we are analysing your feedback")
    OUTCOME = "outcome", _("Outcome published")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "luring", _("In person (luring)")
    ONLINE = "daring", _("Online (daring)")
    HYBRID = "hybrid", _("In person and online")


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
        from wagtail_localize.segments import StringSegmentValue

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
        choices=list(FORM_FIELD_CHOICES)
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

    def clean(self):
        super().clean()
        from .forms import RESERVED_NAMES

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


class ConsultationPage(RoutablePageMixin, AbstractForm):
    """A public consultation (FKP) on a draft or revised service standard.

    Its state follows from its dates and outcome: upcoming, open, closed (we
    are analysing your feedback), outcome published. Build the questions with
    the form builder; a respondent category question and a consent checkbox
    are always added. After closing, record the meeting, publish the outcome
    and track each agreement as a commitment ("You said, we did").
    """

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
    parent_page_types = ["core.UnitPage"]
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

    def save(self, *args, **kwargs):
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
        import zoneinfo

        name = settings.TIME_ZONE
        if self.path and self.depth and self.depth > 1:
            parent = self.get_parent()
            name = getattr(parent.specific, "time_zone", name) if parent else name
        return zoneinfo.ZoneInfo(name)

    # Lifecycle -----------------------------------------------------------

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

    @cached_property
    def source(self) -> "ConsultationPage":
        """The consultation in the default language (answers are stored there)."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return (
            ConsultationPage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            ).first()
            or self
        )

    # Form builder --------------------------------------------------------

    def get_submission_class(self):
        return ConsultationSubmission

    def get_submissions_list_view_class(self):
        """Wagtail's submissions list, with exports that quote formula text."""
        from .admin_views import ConsultationSubmissionsListView

        return ConsultationSubmissionsListView

    def get_form_class(self):
        from .forms import consultation_form_class

        return self.__dict__.get("_form_class") or consultation_form_class(self)

    def remember_form_class(self, request) -> None:
        """Take the form class from the process memo instead of building it
        from the questions in the database: they change only when the page is
        published, which moves the generation the memo follows
        (`cms.core.routing.remembered`)."""
        from cms.core.routing import remembered

        from .forms import consultation_form_class

        key = ("fkp-form", self.pk, get_language())
        self._form_class = remembered(
            request, key, lambda: consultation_form_class(self)
        )

    def process_form_submission(self, form):
        from .consultation_views import store_submission

        return store_submission(self, form)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit"] = self.get_parent().specific
        return context

    # Routes ----------------------------------------------------------------

    @path("")
    def consultation_form(self, request):
        from .consultation_views import consultation_form

        return consultation_form(self, request)

    @path("thanks/")
    def thanks(self, request):
        from .consultation_views import consultation_thanks

        return consultation_thanks(self, request)

    @path("comment/")
    def comment(self, request):
        from .consultation_views import comment_view

        return comment_view(self, request)

    @path("confirm/")
    def confirm(self, request):
        from .consultation_views import confirm_email

        return confirm_email(self, request, request.GET.get("token", ""))

    @path("results/")
    def results(self, request):
        from .consultation_views import results_page

        return results_page(self, request)

    @path("results.json")
    def results_json(self, request):
        from .consultation_views import results_json

        return results_json(self, request)


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


class Commitment(TranslatableMixin, Orderable):
    """An agreement or recommendation and what the unit does about it."""

    page = ParentalKey(
        ConsultationPage, related_name="commitments", on_delete=models.CASCADE
    )
    said = models.TextField(
        _("you said"),
        max_length=1000,
        help_text=_("The agreement (kesepakatan) or recommendation."),
    )
    action = models.TextField(
        _("we will do / we did"),
        max_length=1000,
        help_text=_("What the unit does about it."),
    )
    owner = models.CharField(
        _("owner"), max_length=150, help_text=_("Who is responsible.")
    )
    due_date = models.DateField(_("due date"), help_text=_("When it should be done."))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ActionState.choices,
        default=ActionState.PLANNED,
        help_text=_("Where the commitment stands."),
    )
    decline_reason = models.CharField(
        _("reason for declining"),
        max_length=500,
        blank=True,
        help_text=_("Required when the commitment is declined."),
    )

    panels = [
        FieldPanel("said"),
        FieldPanel("action"),
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

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def clean(self):
        if self.state == ActionState.DECLINED and not self.decline_reason:
            raise ValidationError(
                {"decline_reason": _("Say why the commitment was declined.")}
            )


class ConsultationSubmission(AbstractFormSubmission):
    """One response to a consultation (stored against the default-language page).

    `respondent_key` identifies the respondent without storing who they are:
    the browser's signed-cookie id (open level) or a keyed hash of the e-mail
    address (confirmed e-mail level). The address itself is kept only until the
    confirmation link is followed.
    """

    respondent_key = models.CharField(_("respondent key"), max_length=80)
    respondent_category = models.CharField(
        _("respondent category"), max_length=30, blank=True
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail (until confirmed)"), blank=True)
    confirmed = models.BooleanField(_("counted"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")
        permissions = [
            (
                "view_personal_data",
                _("Can see respondents' names and e-mail addresses in exports"),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "respondent_key"],
                condition=models.Q(confirmed=True),
                name="consultation_one_counted_response",
            )
        ]
        indexes = [
            models.Index(fields=["page", "confirmed"], name="consultation_sub_page")
        ]


class ConsultationAnswer(models.Model):
    """One chosen option of a choice question, for counting in the database."""

    submission = models.ForeignKey(
        ConsultationSubmission, on_delete=models.CASCADE, related_name="answers"
    )
    field = models.CharField(_("question"), max_length=255)
    value = models.CharField(_("answer"), max_length=255)

    class Meta:
        verbose_name = _("choice answer")
        verbose_name_plural = _("choice answers")
        indexes = [models.Index(fields=["field", "value"], name="consultation_ans")]

    def __str__(self):
        return f"{self.field}: {self.value}"


# Polls ------------------------------------------------------------------------


class PollResultsVisibility(models.TextChoices):
    AFTER_VOTE = "after_vote", _("After voting")
    AFTER_CLOSE = "after_close", _("After the poll closes")


class PollPage(RoutablePageMixin, Page):
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
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @cached_property
    def source(self) -> "PollPage":
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return (
            PollPage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            ).first()
            or self
        )

    @path("")
    def poll(self, request):
        from .polls import poll_view

        return poll_view(self, request)


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


class Vote(models.Model):
    """One respondent's vote in a poll (one per respondent per poll)."""

    poll = models.ForeignKey(PollPage, on_delete=models.CASCADE, related_name="votes")
    choice_index = models.PositiveSmallIntegerField(_("choice position"))
    voter_key = models.CharField(_("voter key"), max_length=80)
    created_at = models.DateTimeField(_("voted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter_key"], name="consultation_one_vote_per_poll"
            )
        ]

    def __str__(self):
        return f"{self.poll_id}: {self.choice_index}"


# Comments per component -----------------------------------------------------


class ComponentComment(models.Model):
    """A comment on one component of a standard under consultation.

    Published only after a unit moderator approves it; hidden ones keep the
    recorded reason.
    """

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="component_comments",
    )
    standard = models.ForeignKey(
        "standards.ServiceStandardPage",
        verbose_name=_("standard"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    component = models.CharField(_("component"), max_length=40)
    text = models.TextField(_("comment"), max_length=2000)
    respondent_key = models.CharField(_("respondent key"), max_length=80)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )
    moderation_reason = models.CharField(
        _("reason for hiding"), max_length=300, blank=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a component")
        verbose_name_plural = _("comments on components")
        indexes = [
            models.Index(
                fields=["consultation", "status"], name="consultation_comment_st"
            )
        ]

    def __str__(self):
        return f"{self.component}: {self.text[:40]}"


class ConsultationIndexPage(Page):
    """All units' public consultations: open ones first with the days left."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the list of consultations."),
    )

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
        verbose_name = _("consultations index")

    def get_context(self, request, *args, **kwargs):
        from .consultation_views import consultation_listing

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = consultation_listing(self.locale, within=self)
        return context
