"""Every publication is kept as a version with its decree and components."""

import datetime
from decimal import Decimal

import pytest

from cms.core.translation import translate_page
from standards.factories import fee_items
from standards.models import ServiceStandardVersion

from .conftest import publish

pytestmark = pytest.mark.django_db


def test_publishing_records_a_version_with_decree_and_components(standard):
    version = standard.versions.get()
    assert version.number == 1
    assert version.decree_number == "12/KONS/2024"
    assert version.effective_date == datetime.date(2024, 2, 1)
    assert version.data["biaya"]["items"][0] == {
        "label": "Biaya layanan",
        "amount": "60.00",
        "currency": "CAD",
        "added": False,
    }
    assert len(version.data["persyaratan"]) == 3


def test_each_changed_publication_adds_a_version(standard):
    standard.fees = fee_items(amount="75")
    standard.decree_number = "3/KONS/2025"
    standard = publish(standard)
    assert list(standard.versions.values_list("number", flat=True)) == [2, 1]
    latest = standard.versions.first()
    assert latest.data["biaya"]["items"][0]["amount"] == "75.00"
    assert latest.decree_number == "3/KONS/2025"


def test_republishing_without_changes_adds_no_version(standard):
    publish(standard)
    assert standard.versions.count() == 1


def test_saving_a_draft_adds_no_version(standard):
    standard.fees = fee_items(amount="99")
    standard.save_revision()
    assert standard.versions.count() == 1
    standard.refresh_from_db()
    assert standard.fees[0].value["amount"] == Decimal("60")


def test_versions_are_deleted_with_their_standard(standard):
    standard.delete()
    assert not ServiceStandardVersion.objects.exists()


def test_moving_a_standard_makes_it_belong_to_the_new_unit(standard, unit_b):
    standard.move(unit_b, pos="last-child")
    standard.refresh_from_db()
    assert standard.unit_id == unit_b.pk


@pytest.mark.django_db(transaction=True)
def test_a_translation_keeps_its_versions_when_its_source_publishes_a_new_one(
    standard,
):
    """Publishing the Indonesian page synced and published its translation
    before the new version was recorded: the translation's previous version
    was overwritten with the new decree and its history lost the fee in force."""
    translate_page(standard.unit, "en", {})
    english = translate_page(standard, "en", {})
    standard.fees = fee_items(amount="75")
    standard.decree_number = "3/KONS/2025"
    # Outside a transaction (as the admin publishes), the translations are
    # synced at once, before the source's other receivers run.
    publish(standard)
    versions = {
        v.number: (v.decree_number, v.data["biaya"]["items"][0]["amount"])
        for v in english.versions.all()
    }
    assert versions == {1: ("12/KONS/2024", "60.00"), 2: ("3/KONS/2025", "75.00")}
