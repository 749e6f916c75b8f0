"""The states of what a unit does about what it heard: the follow-up actions
of a satisfaction survey and the commitments of a public consultation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")
