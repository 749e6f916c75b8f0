"""Responses are evidence: only the unit's moderators delete them, with a reason
recorded in the consultation's history (Wagtail's form-submissions screen)."""

import pytest
from django.urls import resolve
from wagtail.models import PageLogEntry

from cms.core.factories import ContentPageFactory
from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.forums.response_deletion import ModeratedDeleteSubmissionsView
from consultation.forums.results import consultation_results
from consultation.models import ConsultationSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(unit_a):
    page = ConsultationPageFactory(parent=unit_a, identity_level="open")
    ConsultationFormFieldFactory(page=page, label="Saran Anda", clean_name="saran")
    for n in range(3):
        ConsultationSubmission.objects.create(
            page=page,
            form_data={"saran": f"Saran {n}"},
            respondent_key=f"c:{n}",
            confirmed=True,
        )
    return page


def delete_url(page, submissions):
    ids = "&".join(f"selected-submissions={s.pk}" for s in submissions)
    return f"/admin/forms/submissions/{page.pk}/delete/?{ids}"


def first_response(page):
    return list(ConsultationSubmission.objects.filter(page=page)[:1])


def test_editor_cannot_delete_responses(client, make_staff, unit_a, consultation):
    client.force_login(make_staff(unit_a))
    url = delete_url(consultation, first_response(consultation))
    response = client.post(url, {"reason": "Duplikat dari responden yang sama"})
    assert response.status_code in (302, 403)
    assert ConsultationSubmission.objects.filter(page=consultation).count() == 3


def test_only_moderators_are_offered_to_select_and_delete_responses(
    client, make_staff, unit_a, consultation
):
    """An editor sees the responses without the boxes and the delete button,
    which would only lead to a refusal; the unit's moderator has both."""
    listing = f"/admin/forms/submissions/{consultation.pk}/"
    client.force_login(make_staff(unit_a))
    editor_view = client.get(listing).content.decode()
    assert "Saran 2" in editor_view
    assert 'name="selected-submissions"' not in editor_view
    assert "/delete/" not in editor_view
    client.force_login(make_staff(unit_a, "moderator"))
    moderator_view = client.get(listing).content.decode()
    assert "Saran 2" in moderator_view
    assert moderator_view.count('name="selected-submissions"') == 3
    assert f"/admin/forms/submissions/{consultation.pk}/delete/" in moderator_view


def test_other_units_moderator_cannot_delete_responses(
    client, make_staff, unit_b, consultation
):
    client.force_login(make_staff(unit_b, "moderator"))
    url = delete_url(consultation, first_response(consultation))
    client.post(url, {"reason": "Duplikat dari responden yang sama"})
    assert ConsultationSubmission.objects.filter(page=consultation).count() == 3


def test_deleting_responses_of_a_page_without_any_is_not_found(
    client, make_staff, unit_a
):
    """A moderator's content page at the deletion path: a server error."""
    page = ContentPageFactory(parent=unit_a)
    client.force_login(make_staff(unit_a, "moderator"))
    url = f"/admin/forms/submissions/{page.pk}/delete/?selected-submissions=1"
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Duplikat dari responden"}).status_code == 404


def test_deletion_without_a_reason_is_refused_next_to_the_field(
    client, make_staff, unit_a, consultation
):
    client.force_login(make_staff(unit_a, "moderator"))
    url = delete_url(consultation, first_response(consultation))
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert 'id="id_reason-error"' in response.content.decode()
    assert ConsultationSubmission.objects.filter(page=consultation).count() == 3


def test_moderator_deletes_a_response_with_a_reason_in_the_history(
    client, make_staff, unit_a, consultation
):
    moderator = make_staff(unit_a, "moderator")
    client.force_login(moderator)
    url = delete_url(consultation, first_response(consultation))
    response = client.post(url, {"reason": "Responden meminta datanya dihapus"})
    assert response.status_code == 302
    assert ConsultationSubmission.objects.filter(page=consultation).count() == 2
    entry = PageLogEntry.objects.get(
        page=consultation, action="consultation.delete_responses"
    )
    assert entry.user == moderator
    assert entry.data["count"] == 1
    assert entry.data["reason"] == "Responden meminta datanya dihapus"
    history = client.get(f"/admin/pages/{consultation.pk}/history/").content.decode()
    assert "Responden meminta datanya dihapus" in history


def test_public_results_count_the_remaining_responses(
    client, make_staff, unit_a, consultation
):
    client.force_login(make_staff(unit_a, "moderator"))
    client.post(
        delete_url(consultation, first_response(consultation)),
        {"reason": "Duplikat dari responden yang sama"},
    )
    assert consultation_results(consultation)["responses"] == 2


def test_confirmation_page_asks_for_the_reason(
    client, make_staff, unit_a, consultation
):
    client.force_login(make_staff(unit_a, "moderator"))
    response = client.get(delete_url(consultation, first_response(consultation)))
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()


def test_wagtails_delete_path_leads_to_the_moderated_view():
    view = resolve("/admin/forms/submissions/1/delete/").func
    assert view.view_class is ModeratedDeleteSubmissionsView
