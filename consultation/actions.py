"""What a unit does about what it heard: the follow-up actions of a
satisfaction survey and the commitments of a public consultation ("you said,
we did") share their states and the fields of an action (`UnitAction`)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Orderable


class ActionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


class UnitAction(Orderable):
    """An action a unit takes on a page (an inline of the page): what it does,
    who is responsible, by when, and where it stands.

    Each subclass adds its page (`ParentalKey`), what the action answers and
    its own checks.
    """

    action = models.TextField(
        _("action"),
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
        help_text=_("Where the action stands."),
    )

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def is_overdue(self) -> bool:
        """Planned or in progress after its due date: "in progress" five
        months late read as on track."""
        open_states = (ActionState.PLANNED, ActionState.IN_PROGRESS)
        return self.state in open_states and self.due_date < timezone.localdate()
