"""What the public leaves on a consultation: responses (with their choice
answers, for counting), votes in polls and comments on components.

Kept apart from the page types (`models`) so that the public screens and
services that write and count these rows need not import the pages, whose
routes import the screens: the foreign keys name the pages by their label.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission

from standards.components import label_or_key

from ..moderation import ModerationStatus, written_language_field

PERSONAL_DATA_PERMISSION = "consultation.view_personal_data"
# The columns of a response that name the respondent: shown on the
# submissions screen and exported only with PERSONAL_DATA_PERMISSION.
PERSONAL_DATA_FIELDS = ("name", "email")


class ConsultationSubmission(AbstractFormSubmission):
    """One response to a consultation (stored against the default-language page).

    `respondent_key` identifies the respondent without storing who they are:
    the browser's signed-cookie id (open level) or a keyed hash of the e-mail
    address (confirmed e-mail level). The address itself is kept only until the
    confirmation link is followed.
    """

    # Arrives from the public: creating one makes no cached page stale
    # (cms.core.signals); the pages with its figures are cached briefly.
    arrives_from_public = True

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
                _(
                    "Can see respondents' personal data in exports (names, "
                    "e-mail addresses, written answers, SKM profiles and "
                    "suggestions, the time of each answer)"
                ),
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

    def get_data(self) -> dict:
        """The answers with the response's own columns, for the submissions
        screen and its export (which leave out PERSONAL_DATA_FIELDS for a
        user without PERSONAL_DATA_PERMISSION)."""
        return {
            "id": self.pk,
            "counted": self.confirmed,
            "respondent_category": self.respondent_category,
            "name": self.name,
            "email": self.email,
            **super().get_data(),
        }


class ConsultationAnswer(models.Model):
    """One chosen option of a choice question, for counting in the database."""

    # Arrives from the public: creating one makes no cached page stale
    # (cms.core.signals); the pages with its figures are cached briefly.
    arrives_from_public = True

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


class Vote(models.Model):
    """One respondent's vote in a poll (one per respondent per poll)."""

    # Arrives from the public: creating one makes no cached page stale
    # (cms.core.signals); the pages with its figures are cached briefly.
    arrives_from_public = True

    poll = models.ForeignKey(
        "consultation.PollPage", on_delete=models.CASCADE, related_name="votes"
    )
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


class ComponentComment(models.Model):
    """A comment on one component of a standard under consultation.

    Published only after a unit moderator approves it; hidden ones keep the
    recorded reason.
    """

    # Arrives from the public: creating one makes no cached page stale
    # (cms.core.signals); the pages with its figures are cached briefly.
    arrives_from_public = True

    consultation = models.ForeignKey(
        "consultation.ConsultationPage",
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
    language = written_language_field()
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
        return f"{label_or_key(self.component)}: {self.text[:40]}"

    def component_label(self) -> str:
        """The component's name ("Persyaratan"), for moderators' listings."""
        return label_or_key(self.component)

    component_label.short_description = _("component")
