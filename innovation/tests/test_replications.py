"""Replication records in the admin: each unit records its own replications."""

import pytest

from innovation.models import Replication

pytestmark = pytest.mark.django_db

ADD = "/admin/replications/new/"


def form(entry, unit):
    return {
        "original": entry.pk,
        "unit": unit.pk,
        "replicated_on": "2023-03-04",
        "notes": "Layanan Sabtu.",
    }


def test_other_units_editor_records_a_replication(client, make_staff, entry, unit_b):
    client.force_login(make_staff(unit_b))
    client.post(ADD, form(entry, unit_b))
    assert Replication.objects.filter(original=entry, unit=unit_b).exists()


def test_editor_cannot_record_a_replication_for_another_unit(
    client, make_staff, entry, unit_a, unit_b, make_unit
):
    third = make_unit("KJRI Penang")
    client.force_login(make_staff(unit_b))
    client.post(ADD, form(entry, third))
    assert not Replication.objects.filter(unit=third).exists()


def test_unit_cannot_replicate_its_own_innovation(client, make_staff, entry, unit_a):
    client.force_login(make_staff(unit_a))
    client.post(ADD, form(entry, unit_a))
    assert not Replication.objects.exists()


def test_anonymous_user_cannot_record_a_replication(client, entry, unit_b):
    client.post(ADD, form(entry, unit_b))
    assert not Replication.objects.exists()


def test_editor_can_open_the_entry_form_in_own_unit(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    response = client.get(
        f"/admin/pages/add/innovation/innovationentrypage/{unit_a.pk}/"
    )
    assert response.status_code == 200
    assert "Kebaruan / nilai tambah" in response.content.decode()
