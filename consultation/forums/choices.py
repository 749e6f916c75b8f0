"""The enumerations of public consultations and polls: audience, identity
level, lifecycle state, meeting format and when a poll's counts show."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class PollResultsVisibility(models.TextChoices):
    AFTER_VOTE = "after_vote", _("After voting")
    AFTER_CLOSE = "after_close", _("After the poll closes")
