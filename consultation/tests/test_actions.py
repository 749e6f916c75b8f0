"""Commitments (FKP) and follow-up actions (SKM): one description of an action."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultation.actions import ActionState, UnitAction
from consultation.models import Commitment, SurveyFollowUpAction

TODAY = datetime.date(2026, 1, 15)
ACTION_FIELDS = ("action", "owner", "due_date", "state")


def described(model: type, name: str) -> tuple:
    field = model._meta.get_field(name)
    return (field.verbose_name, field.help_text, field.max_length, field.choices)


@pytest.mark.parametrize("model", [Commitment, SurveyFollowUpAction])
@pytest.mark.parametrize("name", ACTION_FIELDS)
def test_every_action_describes_its_shared_fields_alike(model, name):
    assert issubclass(model, UnitAction)
    assert described(model, name) == described(UnitAction, name)


@pytest.mark.parametrize("model", [Commitment, SurveyFollowUpAction])
def test_a_new_action_is_planned(model):
    assert model().state == ActionState.PLANNED


@pytest.mark.parametrize("model", [Commitment, SurveyFollowUpAction])
def test_an_unknown_state_is_refused_with_a_message(model):
    action = model(action="y", owner="z", due_date=TODAY, state="forgotten")
    others = [f.name for f in model._meta.fields if f.name not in ACTION_FIELDS]
    with pytest.raises(ValidationError) as refused:
        action.clean_fields(exclude=others)
    assert set(refused.value.message_dict) == {"state"}


def test_a_follow_up_action_needs_a_period_it_answers():
    action = SurveyFollowUpAction(
        period="2025-X9", element="U1", action="y", owner="z", due_date=TODAY
    )
    with pytest.raises(ValidationError) as refused:
        action.clean()
    assert set(refused.value.message_dict) == {"period"}


@pytest.mark.parametrize("model", [Commitment, SurveyFollowUpAction])
@pytest.mark.parametrize(
    ("state", "days", "overdue"),
    [
        (ActionState.IN_PROGRESS, -1, True),
        (ActionState.PLANNED, -30, True),
        (ActionState.IN_PROGRESS, 0, False),
        (ActionState.DONE, -30, False),
        (ActionState.DECLINED, -30, False),
    ],
)
def test_an_open_action_past_its_due_date_is_overdue(model, state, days, overdue):
    due = timezone.localdate() + datetime.timedelta(days=days)
    assert model(state=state, due_date=due).is_overdue is overdue
