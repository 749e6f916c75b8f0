"""The page types of satisfaction surveys (SKM): the survey of a unit with its
reworded questions and follow-up actions, and the national overview.

SKM (Survei Kepuasan Masyarakat, PermenPANRB 14/2017) is the community
satisfaction survey behind the IKM index (see `consultation.surveys.skm`).
The rows that answers and kiosks leave are in `records`; the public routes of
a survey are thin methods handing the request to `answering` (the web form),
`kiosk_screens`, `poster` or `result_pages`, which (like every service of the
package) receive the page and never import this module.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.local_time import today_in
from cms.core.memo import remembered
from cms.core.models import IndexPage, UnitOwnedPage
from cms.core.translation import ServedInItsLanguage, source_translation
from cms.core.visibility import LINK_FIELDS, public_pages
from standards.models import ServiceStandardPage

from ..actions import UnitAction
from . import answering, kiosk_screens, poster, result_pages, skm
from .records import SurveyResponse
from .results import latest_unit_indexes


def element_choices() -> list[tuple[str, str]]:
    """U1..U9 with the element's name (the codes are fixed by the regulation)."""
    return [(e.code, f"{e.code} {e.name}") for e in skm.elements()]


class SatisfactionSurveyPage(
    ServedInItsLanguage, RoutablePageMixin, UnitOwnedPage, Page
):
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
    # The survey's own fields the open API publishes as stored (`surveys.api`,
    # its `stored()` fields); the open data gives its results per period.
    public_fields = ("period_start", "period_end", "population")
    # What a unit's summary of its latest survey reads (`latest_of`: the unit
    # page's section, the API's `latest_skm`): its link and source, period and
    # population, and the unit's time zone (`local_today`).
    summary_fields = (
        *LINK_FIELDS,
        "path",
        "translation_key",
        *public_fields,
        "unit",
        "unit__time_zone",
    )
    parent_page_types = ["core.UnitPage"]
    # The admin lists the unit's own standards (`cms.core.page_forms`).
    unit_choice_fields = ("services",)
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
        self.check_period_years()
        if self.unit_id is None:  # a new page's preview shows its unit
            self.assign_unit()

    def check_period_years(self) -> None:
        """Refuse a period outside the years results are kept for: a date
        typed as 9999 (or 2205 for 2025) was accepted, and the results page
        then failed on the periods it offers."""
        errors = {
            name: _("Enter a date between the years %(first)s and %(last)s.")
            % {"first": skm.MIN_YEAR, "last": skm.MAX_YEAR}
            for name in ("period_start", "period_end")
            if getattr(self, name) is not None
            and not skm.MIN_YEAR <= getattr(self, name).year <= skm.MAX_YEAR
        }
        if errors:
            raise ValidationError(errors)

    # Helpers used by the public screens ------------------------------------

    @cached_property
    def source(self) -> "SatisfactionSurveyPage":
        """The survey in the default language: answers of every language are
        stored against it, so the results are the same in both."""
        return source_translation(self)

    @cached_property
    def _time_zone_name(self) -> str:
        """The unit's time zone (the unit comes with the page's row when
        routed, see `UnitOwnedPage`)."""
        return getattr(self.unit, "time_zone", None) or settings.TIME_ZONE

    def local_today(self):
        """Today's date in the unit's time zone."""
        return today_in(self._time_zone_name)

    def is_open(self, day=None) -> bool:
        day = day or self.local_today()
        return self.period_start <= day <= self.period_end

    @property
    def own_period(self) -> skm.Period:
        return skm.Period("survey", self.period_start, self.period_end)

    @cached_property
    def _covered_services(self) -> list["CoveredService"]:
        # Only public standards (live, under no restriction the survey's own
        # do not cover): a withdrawn or restricted one was still offered on
        # the form and named, with its figures, in the results and the API.
        services = self.source.services.all()
        if not isinstance(services, models.QuerySet):  # a draft's, in memory
            services = ServiceStandardPage.objects.filter(
                pk__in=[s.pk for s in services]
            )
        sources = list(
            public_pages(services, within=self.source)
            .order_by("title")
            .only("pk", "title", "translation_key")
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
        """The covered public standards (ids of the default-language pages,
        titles in the active language); answers store those ids."""
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

    def remember_lookups(self) -> None:
        """Read the unit's time zone, the covered services and the questions
        out of the process memo instead of the database.

        They change only when this survey, its unit or a covered standard is
        published, which moves the structure generation that the memo follows
        (`cms.core.memo.remembered`), so an answer costs no query for them.
        """

        def load() -> tuple:
            return (
                self._time_zone_name,
                tuple(self.covered_services()),
                self.question_texts(),
            )

        key = ("skm-survey", self.pk, get_language())
        time_zone, services, questions = remembered(key, load)
        self.__dict__.update(
            _time_zone_name=time_zone,
            _covered_services=list(services),
            _question_texts=questions,
        )

    def responses(self):
        return SurveyResponse.objects.filter(survey_id=self.source.pk)

    @classmethod
    def latest_of(cls, unit: Page, within: Page | None = None):
        """The unit's public survey whose period started most recently
        (restrictions on `within` and above count as passed, see
        `cms.core.visibility`); None when it has none."""
        return (
            public_pages(cls.objects.child_of(unit), within)
            .select_related("unit")
            .only(*cls.summary_fields)
            .order_by("-period_start")
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit"] = self.unit
        return context

    # Routes ------------------------------------------------------------------

    # Where answers are posted, on the web and at the counter (`consultation.answers`).
    answer_routes = ("", "kiosk/")

    @path("")
    def survey_form(self, request):
        return answering.survey_form(self, request)

    @path("thanks/")
    def thanks(self, request):
        return answering.survey_thanks(self, request)

    @path("kiosk/")
    def kiosk(self, request):
        return kiosk_screens.kiosk(self, request)

    @path("kiosk/thanks/")
    def kiosk_thanks(self, request):
        return kiosk_screens.kiosk_thanks(self, request)

    @path("kiosk/enrol/")
    def kiosk_enrol(self, request):
        return kiosk_screens.kiosk_enrol(self, request)

    @path("poster/")
    def poster(self, request):
        return poster.poster_page(self, request)

    @path("results/")
    def results(self, request):
        return result_pages.results_page(self, request)

    @path("results.json")
    def results_json(self, request):
        return result_pages.results_json(self, request)


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


class SurveyFollowUpAction(TranslatableMixin, UnitAction):
    """What the unit does about a weak element after a results period.

    Translatable like a consultation's commitments: its English page shows the
    action and owner in English (they were copied in Indonesian).
    """

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

    # Only the words are translated; the period, element, dates and state are
    # the source's (wagtail-localize offered "2025" and "U9" for translation).
    translatable_fields = [
        TranslatableField("action"),
        TranslatableField("owner"),
        SynchronizedField("period"),
        SynchronizedField("element"),
        SynchronizedField("due_date"),
        SynchronizedField("state"),
        SynchronizedField("completed_on"),
    ]

    class Meta(TranslatableMixin.Meta, UnitAction.Meta):
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def clean(self):
        try:
            skm.parse_period(self.period)
        except skm.PeriodError:
            raise ValidationError(
                {"period": _("Enter a year (2025), semester (2025-S1) or quarter.")}
            ) from None


class SatisfactionOverviewPage(IndexPage):
    """The national overview: every unit's latest satisfaction index, sortable."""

    content_panels = Page.content_panels + [
        FieldPanel("intro", help_text=_("Shown above the table of units."))
    ]

    class Meta:
        verbose_name = _("satisfaction overview")

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        sort = request.GET.get("sort", "-ikm")
        surveys = SatisfactionSurveyPage.objects.filter(locale=self.locale)
        rows, sort = latest_unit_indexes(surveys, sort, within=self)
        return {"rows": rows, "sort": sort}
