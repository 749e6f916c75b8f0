"""Replication records in the admin: each unit sees and changes only its own.

Unit B's staff and unit C's staff both record replications of unit A's entry;
neither may list, open, edit, delete, copy or read the history of the other's
record. The KIPP committee manages every record.
"""

import pytest
from django.contrib.auth.models import Permission

from cms.core.factories import UserFactory
from innovation.factories import ReplicationFactory
from innovation.models import Replication

pytestmark = pytest.mark.django_db

INDEX = "/admin/replications/"
# A 404 under /admin/ is first redirected to /id/admin/ by the locale
# middleware (the path might exist in a language); tests follow redirects.


def url(view, record):
    return f"{INDEX}{view}/{record.pk}/"


@pytest.fixture
def unit_c(make_unit):
    return make_unit("KJRI Penang")


@pytest.fixture
def own(entry, unit_b):
    return ReplicationFactory(original=entry, unit=unit_b, notes="Catatan Singapura")


@pytest.fixture
def other(entry, unit_c):
    return ReplicationFactory(original=entry, unit=unit_c, notes="Catatan Penang")


@pytest.fixture
def editor_b(client, make_staff, unit_b):
    user = make_staff(unit_b)
    client.force_login(user)
    return user


def test_listing_shows_only_the_units_own_records(client, editor_b, own, other):
    html = client.get(INDEX).content.decode()
    assert url("edit", own) in html
    assert url("edit", other) not in html
    assert "KJRI Penang" not in html


def test_listing_results_show_only_the_units_own_records(client, editor_b, own, other):
    html = client.get(f"{INDEX}results/").content.decode()
    assert url("edit", own) in html
    assert url("edit", other) not in html


def test_editor_cannot_open_another_units_record(client, editor_b, other):
    response = client.get(url("edit", other), follow=True)
    assert response.status_code == 404
    assert "Catatan Penang" not in response.content.decode()


def test_editor_cannot_change_another_units_record(client, editor_b, other, unit_c):
    response = client.post(
        url("edit", other),
        {
            "original": other.original_id,
            "unit": unit_c.pk,
            "replicated_on": "2024-01-01",
            "notes": "Diubah",
        },
        follow=True,
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.notes == "Catatan Penang"


def test_editor_cannot_open_the_delete_page_of_another_units_record(
    client, editor_b, other
):
    assert client.get(url("delete", other), follow=True).status_code == 404


def test_editor_cannot_delete_another_units_record(client, editor_b, other):
    response = client.post(url("delete", other), follow=True)
    assert response.status_code == 404
    assert Replication.objects.filter(pk=other.pk).exists()


def test_editor_cannot_read_another_units_record_history(client, editor_b, other):
    assert client.get(url("history", other), follow=True).status_code == 404
    assert client.get(url("history-results", other), follow=True).status_code == 404


def test_editor_cannot_see_another_units_record_usage(client, editor_b, other):
    assert client.get(url("usage", other), follow=True).status_code == 404


def test_editor_cannot_copy_another_units_record(client, editor_b, other):
    response = client.get(url("copy", other), follow=True)
    assert response.status_code == 404
    assert "Catatan Penang" not in response.content.decode()


def test_editor_edits_the_units_own_record(client, editor_b, own, unit_b):
    response = client.post(
        url("edit", own),
        {
            "original": own.original_id,
            "unit": unit_b.pk,
            "replicated_on": "2024-01-01",
            "notes": "Diubah",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.notes == "Diubah"


def test_editor_cannot_move_the_units_record_to_another_unit(
    client, editor_b, own, unit_c
):
    client.post(
        url("edit", own),
        {
            "original": own.original_id,
            "unit": unit_c.pk,
            "replicated_on": "2024-01-01",
            "notes": "Dipindah",
        },
    )
    own.refresh_from_db()
    assert own.unit_id != unit_c.pk


def test_editor_deletes_the_units_own_record(client, editor_b, own):
    client.post(url("delete", own))
    assert not Replication.objects.filter(pk=own.pk).exists()


def test_committee_lists_and_opens_every_record(client, committee, own, other):
    client.force_login(committee)
    html = client.get(INDEX).content.decode()
    assert url("edit", own) in html and url("edit", other) in html
    assert client.get(url("edit", other), follow=True).status_code == 200


def test_user_without_a_unit_cannot_open_the_records(client, other):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for address in (INDEX, url("edit", other), url("delete", other)):
        response = client.get(address, follow=True)
        chain = response.redirect_chain
        sent_to_dashboard = bool(chain) and chain[-1][0] == "/admin/"
        assert sent_to_dashboard or response.status_code == 404
        assert "Catatan Penang" not in response.content.decode()
