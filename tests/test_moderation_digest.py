"""The moderators' daily digest (`send_moderation_digest`)."""

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.users.models import UserProfile

from cms.core.translation import translate_page
from consultation.forums.factories import ConsultationPageFactory
from consultation.forums.records import ComponentComment
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


def comment_on(unit, text: str = "Biaya terlalu mahal") -> None:
    standard = ServiceStandardPageFactory(parent=unit)
    ComponentComment.objects.create(
        consultation=ConsultationPageFactory(parent=unit),
        standard=standard,
        component="biaya",
        text=text,
        respondent_key=text,
    )


@pytest.fixture
def moderator(unit_a, make_staff):
    return make_staff(unit_a, "moderator", email="mod@example.org")


def run() -> None:
    call_command("send_moderation_digest", stdout=None)


def test_a_moderator_with_a_pending_comment_gets_the_digest(unit_a, moderator):
    comment_on(unit_a)
    run()
    [message] = mail.outbox
    assert message.to == ["mod@example.org"]
    assert message.subject.startswith("[KJRI Toronto] ")
    assert message.body.lstrip().startswith("Halo ")  # Indonesian by default
    assert "1 komentar atas komponen yang menunggu moderasi" in message.body
    assert "http://testserver/admin/consultation/moderation/" in message.body
    assert "http://testserver/admin/account/#tab-notifications" in message.body


def test_a_second_run_the_same_day_sends_nothing(unit_a, moderator):
    comment_on(unit_a)
    run()
    run()
    assert len(mail.outbox) == 1


def test_nothing_waiting_means_no_e_mail(unit_a, moderator):
    run()
    assert not mail.outbox


def test_editors_and_other_units_moderators_get_nothing(unit_a, unit_b, make_staff):
    make_staff(unit_a, "editor", email="ed@example.org")
    make_staff(unit_b, "moderator", email="sg@example.org")
    comment_on(unit_a)
    run()
    assert not mail.outbox


def test_the_digest_is_in_the_moderators_language(unit_a, moderator):
    translate_page(unit_a, "en", {"KJRI Toronto": "Consulate General in Toronto"})
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    comment_on(unit_a)
    run()
    [message] = mail.outbox
    assert message.subject.startswith("[Consulate General in Toronto] ")
    assert message.body.lstrip().startswith("Hello ")


def test_turning_the_notifications_off_stops_the_digest(unit_a, moderator):
    profile = UserProfile.get_for_user(moderator)
    profile.submitted_notifications = False
    profile.save()
    comment_on(unit_a)
    run()
    assert not mail.outbox


def test_a_moderator_of_two_units_gets_one_e_mail_with_both(
    unit_a, unit_b, moderator, make_staff
):
    moderator.groups.add(make_staff(unit_b, "moderator").groups.get())
    comment_on(unit_a)
    comment_on(unit_b, "Antrean panjang")
    run()
    [message] = [m for m in mail.outbox if m.to == ["mod@example.org"]]
    assert "[KBRI Singapura] [KJRI Toronto]" in message.subject
