"""Moderation of what the public writes: comments on a consultation's
components and suggestions in satisfaction surveys are published only once a
unit moderator approves them; a hidden one keeps the recorded reason."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")
