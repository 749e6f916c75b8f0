"""The one moderation form and view (`consultation.moderation`), as both
screens use them: the decision's checks and the per-unit access."""

import pytest
from django.urls import reverse

from consultation.moderation import ModerationForm, ModerationStatus
from consultation.surveys.records import SurveyResponse

pytestmark = pytest.mark.django_db

CHOOSE = "Choose one and a decision."
REASON = "Give a reason."


def form(data):
    return ModerationForm(
        data,
        items=SurveyResponse.objects.exclude(suggestion=""),
        item_field="response",
        choose_message=CHOOSE,
        reason_message=REASON,
    )


def test_an_unknown_record_or_decision_asks_to_choose(respond):
    answer = respond([3] * 9, suggestion="Tambah loket")
    for data in (
        {"response": "abc", "decision": "approve"},
        {"response": answer.pk + 1, "decision": "approve"},
        {"response": answer.pk, "decision": "explode"},
    ):
        bound = form(data)
        assert not bound.is_valid()
        assert bound.error() == CHOOSE


def test_hiding_needs_a_reason_and_keeps_at_most_300_characters(respond):
    answer = respond([3] * 9, suggestion="Tambah loket")
    bound = form({"response": answer.pk, "decision": "hide", "reason": "  "})
    assert not bound.is_valid() and bound.error() == REASON
    bound = form({"response": answer.pk, "decision": "hide", "reason": "x" * 400})
    assert bound.is_valid()
    assert bound.status == ModerationStatus.HIDDEN
    assert bound.kept_reason == "x" * 300


def test_approving_keeps_no_reason(respond):
    answer = respond([3] * 9, suggestion="Tambah loket")
    bound = form({"response": answer.pk, "decision": "approve", "reason": "x"})
    assert bound.is_valid()
    assert bound.item == answer
    assert (bound.status, bound.kept_reason) == (ModerationStatus.APPROVED, "")


def test_another_units_moderator_cannot_moderate(
    client, survey, respond, make_staff, unit_b
):
    answer = respond([3] * 9, suggestion="Tambah loket")
    client.force_login(make_staff(unit_b, "moderator"))
    url = reverse("consultation_survey:suggestions", args=[survey.pk])
    assert client.get(url).url == reverse("wagtailadmin_home")
    response = client.post(url, {"response": answer.pk, "decision": "approve"})
    assert response.url == reverse("wagtailadmin_home")
    answer.refresh_from_db()
    assert answer.suggestion_status == ModerationStatus.PENDING
