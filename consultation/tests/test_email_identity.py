"""One person, one counted response: e-mail identities are normalised."""

import datetime
import hashlib
import hmac
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core import mail
from django.utils import timezone

from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.forums.fkp import email_key, normalised_email
from consultation.models import ConsultationSubmission

from .test_consultation import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def email_consultation(unit_b):
    """An open consultation whose responses count once their address is confirmed."""
    page = ConsultationPageFactory(
        parent=unit_b, title="FKP Paspor", slug="fkp", identity_level="email"
    )
    ConsultationFormFieldFactory(
        page=page, label="Pendapat Anda", field_type="multiline"
    )
    ConsultationFormFieldFactory(
        page=page, label="Setuju", field_type="radio", choices="Ya\nTidak\nRagu"
    )
    ConsultationFormFieldFactory(page=page, label="Nilai", field_type="rating")
    return page


@pytest.mark.parametrize(
    ("typed", "identity"),
    [
        ("Warga@Example.org", "warga@example.org"),
        (" warga@example.org ", "warga@example.org"),
        ("warga+2@example.org", "warga@example.org"),
        ("warga+fkp+x@example.org", "warga@example.org"),
        ("w.arga@example.org", "w.arga@example.org"),
        ("W.Ar.Ga+1@Gmail.com", "warga@gmail.com"),
        ("w.arga@googlemail.com", "warga@gmail.com"),
        ("+tag@example.org", "+tag@example.org"),
    ],
)
def test_email_identity_is_normalised(typed, identity):
    assert normalised_email(typed) == identity


def test_tagged_address_has_the_same_key_as_the_plain_one():
    assert email_key("someone+2@example.org") == email_key("someone@example.org")


def test_tagged_address_is_refused_after_the_plain_one_was_counted(
    client, email_consultation
):
    page = email_consultation
    client.post(page.url, answer(email="someone@example.org"))
    link = re.search(r"https?://\S+", mail.outbox[0].body)[0]
    client.get(link.replace("http://testserver", ""))
    client.cookies.clear()
    response = client.post(page.url, answer(email="someone+2@example.org"))
    assert response.status_code == 409
    assert ConsultationSubmission.objects.count() == 1


def test_confirmation_goes_to_the_address_as_typed(client, email_consultation):
    client.post(email_consultation.url, answer(email="Someone+FKP@example.org"))
    assert mail.outbox[0].to == ["Someone+FKP@example.org"]


def old_key(email: str) -> str:
    """The key before normalisation (lower case only)."""
    normalised = email.strip().lower().encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256)
    return "e:" + digest.hexdigest()


def rekey_stored_identities():
    migration = importlib.import_module(
        "consultation.migrations.0004_normalise_email_identities"
    )
    migration.rekey(django_apps, None)


def submission(page, email="", key="", confirmed=False, minutes_ago=0):
    row = ConsultationSubmission.objects.create(
        page=page, form_data={}, email=email, respondent_key=key, confirmed=confirmed
    )
    row.submit_time = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    row.save(update_fields=["submit_time"])
    return row


def test_migration_rekeys_stored_addresses(email_consultation):
    row = submission(
        email_consultation, "someone+2@example.org", old_key("someone+2@example.org")
    )
    rekey_stored_identities()
    row.refresh_from_db()
    assert row.respondent_key == email_key("someone@example.org")


def test_migration_keeps_the_earliest_counted_response_of_a_person(
    email_consultation,
):
    earliest = submission(
        email_consultation,
        key=email_key("someone@example.org"),
        confirmed=True,
        minutes_ago=10,
    )
    later = submission(
        email_consultation,
        "someone+2@example.org",
        old_key("someone+2@example.org"),
        confirmed=True,
    )
    rekey_stored_identities()
    earliest.refresh_from_db()
    later.refresh_from_db()
    assert earliest.confirmed
    assert not later.confirmed
    assert later.respondent_key == earliest.respondent_key
