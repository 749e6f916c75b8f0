"""Replication notes are public only after a moderator of the unit approves them.

`notes` is what the unit's staff wrote; the entry page shows `published_notes`,
the text last approved by a moderator of the replicating unit (or the KIPP
committee, or a superuser). Editing approved notes keeps the approved text
public until the new text is approved.
"""

import pytest
from django.urls import reverse

from innovation.factories import ReplicationFactory
from innovation.models import Replication
from innovation.wagtail_hooks import notes_digest

pytestmark = pytest.mark.django_db

APPROVED = "Layanan Sabtu di Singapura."
DRAFT = "Kunjungi http://evil.example untuk hadiah."


def edit_url(record):
    return f"/admin/replications/edit/{record.pk}/"


def approve_url(record):
    return f"/admin/replications/approve-notes/{record.pk}/"


def approve(client, record):
    record.refresh_from_db()
    return client.post(
        approve_url(record), {"reviewed": notes_digest(record.notes)}, follow=True
    )


def public_html(client, entry):
    return client.get(entry.url).content.decode()


@pytest.fixture
def record(entry, unit_b):
    """Unit B's record of replicating unit A's entry; its notes approved."""
    return ReplicationFactory(
        original=entry, unit=unit_b, notes=APPROVED, published_notes=APPROVED
    )


def edit_notes(client, record, text):
    return client.post(
        edit_url(record),
        {
            "original": record.original_id,
            "unit": record.unit_id,
            "replicated_on": "2023-03-04",
            "notes": text,
        },
    )


def test_notes_of_a_new_record_are_not_public(client, make_staff, entry, unit_b):
    client.force_login(make_staff(unit_b))
    client.post(
        "/admin/replications/new/",
        {
            "original": entry.pk,
            "unit": unit_b.pk,
            "replicated_on": "2023-03-04",
            "notes": DRAFT,
        },
    )
    assert Replication.objects.get(unit=unit_b).notes == DRAFT
    client.logout()
    html = public_html(client, entry)
    assert "KBRI Singapura" in html
    assert DRAFT not in html


def test_edited_notes_keep_the_approved_text_public(client, make_staff, record, entry):
    client.force_login(make_staff(record.unit))
    assert edit_notes(client, record, DRAFT).status_code == 302
    client.logout()
    html = public_html(client, entry)
    assert APPROVED in html
    assert DRAFT not in html


def test_moderator_of_the_unit_approves_the_notes(client, make_staff, record, entry):
    record.notes = DRAFT
    record.save()
    moderator = make_staff(record.unit, "moderator")
    client.force_login(moderator)
    assert approve(client, record).status_code == 200
    record.refresh_from_db()
    assert record.published_notes == DRAFT
    assert record.notes_approved_by == moderator
    client.logout()
    assert DRAFT in public_html(client, entry)


def test_moderator_of_another_unit_cannot_approve(
    client, make_staff, record, entry, unit_a
):
    record.notes = DRAFT
    record.save()
    client.force_login(make_staff(unit_a, "moderator"))
    response = approve(client, record)
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.published_notes == APPROVED


def test_editor_of_the_unit_cannot_approve(client, make_staff, record):
    record.notes = DRAFT
    record.save()
    client.force_login(make_staff(record.unit))
    response = client.post(
        approve_url(record), {"reviewed": notes_digest(DRAFT)}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/"  # Wagtail's "permission denied"
    record.refresh_from_db()
    assert record.published_notes == APPROVED


def test_committee_approves_the_notes(client, committee, record):
    record.notes = DRAFT
    record.save()
    client.force_login(committee)
    approve(client, record)
    record.refresh_from_db()
    assert record.published_notes == DRAFT


def test_notes_changed_during_review_are_not_approved(client, make_staff, record):
    record.notes = "Versi pertama."
    record.save()
    client.force_login(make_staff(record.unit, "moderator"))
    reviewed = notes_digest(record.notes)
    record.notes = DRAFT
    record.save()
    response = client.post(approve_url(record), {"reviewed": reviewed})
    assert response.status_code == 409
    record.refresh_from_db()
    assert record.published_notes == APPROVED


def test_review_page_shows_submitted_and_public_notes(client, make_staff, record):
    record.notes = DRAFT
    record.save()
    client.force_login(make_staff(record.unit, "moderator"))
    html = client.get(approve_url(record)).content.decode()
    assert DRAFT in html and APPROVED in html


def test_edit_page_links_a_moderator_to_the_review(client, make_staff, record):
    record.notes = DRAFT
    record.save()
    client.force_login(make_staff(record.unit, "moderator"))
    assert approve_url(record) in client.get(edit_url(record)).content.decode()


def test_edit_page_has_no_review_link_for_an_editor(client, make_staff, record):
    record.notes = DRAFT
    record.save()
    client.force_login(make_staff(record.unit))
    assert approve_url(record) not in client.get(edit_url(record)).content.decode()


def test_listing_shows_notes_waiting_for_approval(client, make_staff, record):
    record.notes = DRAFT
    record.save()
    client.force_login(make_staff(record.unit, "moderator"))
    html = client.get(reverse("replications:index")).content.decode()
    assert "Menunggu persetujuan" in html or "Waiting for approval" in html


def test_approval_is_recorded_in_the_history(client, make_staff, record):
    record.notes = DRAFT
    record.save()
    client.force_login(make_staff(record.unit, "moderator"))
    approve(client, record)
    html = client.get(f"/admin/replications/history/{record.pk}/").content.decode()
    assert "Catatan disetujui" in html or "Notes approved" in html


def test_notes_waiting_for_approval_are_in_no_api_or_open_data(client, record, entry):
    record.notes = DRAFT
    record.save()
    for address in (
        f"/api/innovations/{entry.pk}/",
        "/api/innovations/",
        f"/api/v2/pages/{entry.pk}/?fields=*",
        "/api/data/innovations.json",
        "/api/data/innovations.csv",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        content = b"".join(response) if response.streaming else response.content
        assert DRAFT not in content.decode("utf-8-sig"), address
