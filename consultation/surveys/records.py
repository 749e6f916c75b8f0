"""What answers and kiosks leave behind: one row per SKM answer, the counter
tablets enrolled as kiosks and the kiosk respondents' used nonces.

Kept apart from the page types (`models`) so that the public screens and
services that write and count these rows need not import the pages, whose
routes import the screens: the foreign keys name the survey page by its label.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..moderation import ModerationStatus, written_language_field
from . import skm
from .choices import AgeBand, Education, Occupation, Sex


class SurveyResponse(models.Model):
    """One anonymous answer to an SKM survey (no name, e-mail or address)."""

    # Arrives from the public: creating one makes no cached page stale
    # (cms.core.signals); the pages with its figures are cached briefly.
    arrives_from_public = True

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        KIOSK = "kiosk", _("Kiosk")

    survey = models.ForeignKey(
        "consultation.SatisfactionSurveyPage",
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
    language = written_language_field()
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
    `consultation.surveys.kiosk.LINK_MAX_AGE`; the tablet then keeps a signed cookie
    naming this enrolment. Answers from an enrolled tablet count as kiosk
    answers under the kiosk's limit; revoking the enrolment ends that.
    """

    survey = models.ForeignKey(
        "consultation.SatisfactionSurveyPage",
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
    state is accepted are purged (`consultation.surveys.kiosk.purge_used_states`).
    """

    # Arrives from the public: creating one makes no cached page stale
    # (cms.core.signals); the pages with its figures are cached briefly.
    arrives_from_public = True

    nonce = models.CharField(_("nonce"), max_length=32, primary_key=True)
    issued_at = models.DateTimeField(_("issued at"), db_index=True)

    class Meta:
        verbose_name = _("used kiosk state")
        verbose_name_plural = _("used kiosk states")
        db_table = "consultation_usedkioskstate"  # named in the purge's SQL

    def __str__(self):
        return self.nonce
