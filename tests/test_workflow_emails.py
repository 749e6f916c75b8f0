"""Wagtail's workflow e-mails as Terpadu sends them: to the unit's moderators
when something is submitted, back to the submitter when it is approved or
sent back; in each recipient's language, the unit in the subject, a link to
the admin screen and how to stop receiving them
(`cms/core/templates/wagtailadmin/notifications`)."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.core.translation import translate_page
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

ENGLISH_UNIT = "Consulate General in Toronto"


def speaking(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def people(unit_a, unit_b, make_staff, superuser):
    """An Indonesian-speaking editor, an English-speaking moderator, and
    people who must not hear of it: another unit's moderator, a superuser."""
    translate_page(unit_a, "en", {"KJRI Toronto": ENGLISH_UNIT})
    superuser.email = "admin@example.org"
    superuser.save()
    return {
        "editor": speaking(make_staff(unit_a, "editor", email="ed@example.org"), "id"),
        "moderator": speaking(
            make_staff(unit_a, "moderator", email="mod@example.org"), "en"
        ),
        "other": make_staff(unit_b, "moderator", email="other@example.org"),
    }


@pytest.fixture
def submitted(unit_a, people):
    page = ServiceStandardPageFactory(parent=unit_a, title="Paspor hilang")
    page.save_revision(user=people["editor"])
    mail.outbox.clear()
    state = page.get_workflow().start(page, people["editor"])
    return page, state


def test_a_submission_reaches_the_units_moderators_only(submitted):
    [message] = mail.outbox
    assert message.to == ["mod@example.org"]


def test_the_moderators_e_mail_names_the_unit_in_their_language(submitted):
    page, _state = submitted
    [message] = mail.outbox
    assert message.subject == (
        f'[{ENGLISH_UNIT}] "Paspor hilang" is waiting for your approval'
    )
    assert (
        "http://testserver" + reverse("wagtailadmin_pages:edit", args=[page.pk])
        in message.body
    )
    assert message.body.lstrip().startswith("Hello ")
    assert "To stop receiving it" in message.body
    assert "http://testserver/admin/account/#tab-notifications" in message.body


def test_the_submitter_hears_of_the_approval_in_indonesian(submitted, people):
    page, state = submitted
    mail.outbox.clear()
    state.current_task_state.approve(user=people["moderator"])
    [message] = mail.outbox
    assert message.to == ["ed@example.org"]
    assert message.subject == '[KJRI Toronto] "Paspor hilang" telah disetujui'
    assert message.body.lstrip().startswith("Halo ")
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in message.body
    assert "#tab-notifications" in message.body


def test_the_submitter_hears_when_changes_are_requested(submitted, people):
    _page, state = submitted
    mail.outbox.clear()
    state.current_task_state.reject(user=people["moderator"], comment="Biaya?")
    [message] = mail.outbox
    assert message.to == ["ed@example.org"]
    assert message.subject.startswith("[KJRI Toronto] Perubahan diminta pada")
    assert "Biaya?" in message.body


def test_someone_who_turned_the_e_mails_off_gets_none(unit_a, people):
    profile = UserProfile.get_for_user(people["moderator"])
    profile.submitted_notifications = False
    profile.save()
    page = ServiceStandardPageFactory(parent=unit_a)
    page.save_revision(user=people["editor"])
    mail.outbox.clear()
    page.get_workflow().start(page, people["editor"])
    assert not mail.outbox
