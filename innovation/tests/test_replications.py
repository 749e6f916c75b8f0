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


def test_an_entry_under_a_view_restriction_is_neither_offered_nor_taken(
    client, make_staff, entry, unit_b
):
    """Another unit's entry restricted to its groups: its title is not listed
    to other units' staff and it cannot be named as replicated."""
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=entry, restriction_type="login")
    client.force_login(make_staff(unit_b))
    assert f'<option value="{entry.pk}"' not in client.get(ADD).content.decode()
    response = client.post(ADD, form(entry, unit_b))
    assert response.status_code == 200
    assert not Replication.objects.exists()


def test_a_record_keeps_its_entry_after_the_entry_is_restricted(
    client, make_staff, entry, unit_b
):
    from wagtail.models import PageViewRestriction

    staff = make_staff(unit_b)
    client.force_login(staff)
    client.post(ADD, form(entry, unit_b))
    record = Replication.objects.get()
    PageViewRestriction.objects.create(page=entry, restriction_type="login")
    edit = client.get(f"/admin/replications/edit/{record.pk}/").content.decode()
    assert f'<option value="{entry.pk}" selected' in edit


def test_a_unit_records_its_replication_once(client, make_staff, entry, unit_b):
    """The same replication recorded twice was listed, and counted, twice on
    the entry's public page."""
    client.force_login(make_staff(unit_b))
    client.post(ADD, form(entry, unit_b))
    again = client.post(ADD, {**form(entry, unit_b), "replicated_on": "2024-01-02"})
    assert Replication.objects.filter(original=entry, unit=unit_b).count() == 1
    assert "sudah dicatat" in again.content.decode()


@pytest.mark.parametrize(
    ("day", "message"), [("2099-01-01", "masa depan"), ("1990-01-01", "sebelum")]
)
def test_a_replication_cannot_start_before_the_innovation_or_in_the_future(
    client, make_staff, entry, unit_b, day, message
):
    client.force_login(make_staff(unit_b))
    response = client.post(ADD, {**form(entry, unit_b), "replicated_on": day})
    assert not Replication.objects.exists()
    assert message in response.content.decode()
