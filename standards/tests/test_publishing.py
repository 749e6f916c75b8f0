"""Publishing rule, proven through the Wagtail admin views.

Drafts and submissions for moderation may be incomplete; publishing (directly
or by a moderator's approval) is refused while any of the six
service-delivery components is empty, with a message naming them.
"""

import pytest
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from standards.models import IncompleteStandardError, ServiceStandardPage

from .admin_forms import STEP, standard_form_data

pytestmark = pytest.mark.django_db


def add_url(unit):
    return f"/admin/pages/add/standards/servicestandardpage/{unit.pk}/"


def messages_text(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_editor_can_save_an_incomplete_draft(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    data = standard_form_data(requirements=[], fees=[])
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 302
    page = ServiceStandardPage.objects.get(slug="paspor-baru")
    assert not page.live


def test_editor_can_submit_an_incomplete_standard_for_moderation(
    client, make_staff, unit_a
):
    client.force_login(make_staff(unit_a))
    data = standard_form_data(products=[], **{"action-submit": "submit"})
    client.post(add_url(unit_a), data)
    page = ServiceStandardPage.objects.get(slug="paspor-baru")
    assert page.current_workflow_task_state is not None
    assert not page.live


def test_publishing_incomplete_standard_is_refused_naming_the_components(
    client, make_staff, unit_a
):
    client.force_login(make_staff(unit_a, "moderator"))
    data = standard_form_data(requirements=[], fees=[], **{"action-publish": "publish"})
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 200
    page_errors = " ".join(response.context["form"].non_field_errors())
    assert "Persyaratan" in page_errors
    assert "Biaya/tarif" in page_errors
    assert "Produk pelayanan" not in page_errors
    assert "requirements" in response.context["form"].errors
    html = response.content.decode()
    assert "belum dapat diterbitkan" in html and "Biaya/tarif" in html
    assert not ServiceStandardPage.objects.filter(slug="paspor-baru").exists()


def test_a_completion_time_without_its_unit_asks_for_the_unit(
    client, make_staff, unit_a
):
    """It said "Fill in this component" beside a number that was filled in."""
    client.force_login(make_staff(unit_a, "moderator"))
    data = standard_form_data(completion_time_unit="", **{"action-publish": "publish"})
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "completion_time_value" not in errors
    assert "satuan" in " ".join(errors["completion_time_unit"])


def test_publishing_complete_standard_from_the_editor_works(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "moderator"))
    data = standard_form_data(**{"action-publish": "publish"})
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 302
    page = ServiceStandardPage.objects.get(slug="paspor-baru")
    assert page.live
    assert page.versions.count() == 1


def test_publishing_an_edit_that_empties_a_component_is_refused(
    client, make_staff, unit_a, standard
):
    client.force_login(make_staff(unit_a, "moderator"))
    data = standard_form_data(
        slug=standard.slug,
        complaint_channels=[],
        **{"action-publish": "publish"},
    )
    response = client.post(f"/admin/pages/{standard.pk}/edit/", data)
    assert response.status_code == 200
    assert "Penanganan pengaduan" in " ".join(
        response.context["form"].non_field_errors()
    )
    standard.refresh_from_db()
    assert len(standard.complaint_channels) > 0


def submit_incomplete(client, make_staff, unit) -> ServiceStandardPage:
    client.force_login(make_staff(unit))
    data = standard_form_data(
        requirements=[], completion_time_value="", **{"action-submit": "submit"}
    )
    client.post(add_url(unit), data)
    client.logout()
    return ServiceStandardPage.objects.get(slug="paspor-baru")


def test_moderator_approval_of_incomplete_standard_does_not_publish(
    client, make_staff, unit_a
):
    page = submit_incomplete(client, make_staff, unit_a)
    task_state = page.current_workflow_task_state
    client.force_login(make_staff(unit_a, "moderator"))
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert "Persyaratan" in task_state.comment
    assert "Jangka waktu pelayanan" in task_state.comment


def test_refused_approval_sends_the_standard_back_for_changes(
    client, make_staff, unit_a
):
    page = submit_incomplete(client, make_staff, unit_a)
    task_state = page.current_workflow_task_state
    client.force_login(make_staff(unit_a, "moderator"))
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert page.workflow_states.get().status == "needs_changes"


def test_approving_in_the_editor_an_incomplete_standard_is_refused(
    client, make_staff, unit_a
):
    page = submit_incomplete(client, make_staff, unit_a)
    client.force_login(make_staff(unit_a, "moderator"))
    data = standard_form_data(
        requirements=[],
        completion_time_value="",
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "Persyaratan" in " ".join(response.context["form"].non_field_errors())
    page.refresh_from_db()
    assert not page.live


def test_moderator_approval_of_complete_standard_publishes_it(
    client, make_staff, unit_a
):
    client.force_login(make_staff(unit_a))
    client.post(add_url(unit_a), standard_form_data(**{"action-submit": "submit"}))
    client.logout()
    page = ServiceStandardPage.objects.get(slug="paspor-baru")
    task_state = page.current_workflow_task_state
    client.force_login(make_staff(unit_a, "moderator"))
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert page.live
    assert page.versions.count() == 1


def test_edit_view_shows_which_delivery_components_are_missing(
    client, make_staff, unit_a
):
    page = submit_incomplete(client, make_staff, unit_a)
    client.force_login(make_staff(unit_a))
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    assert "4 of 14" in html or "4 dari 14" in html
    assert "Persyaratan" in html


def test_publishing_an_incomplete_revision_in_code_raises(unit_a, standard):
    standard.fees = []
    revision = standard.save_revision()
    with pytest.raises(IncompleteStandardError) as error:
        revision.publish()
    assert "Biaya/tarif" in " ".join(error.value.messages)
    standard.refresh_from_db()
    assert len(standard.fees) == 1


def test_free_service_with_fee_items_is_invalid(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    data = standard_form_data(is_free="on")
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 200
    assert "fees" in response.context["form"].errors


def test_step_with_duration_but_no_unit_is_invalid(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    step = {"description": "Verifikasi", "actor": "petugas", "duration_value": "2"}
    data = standard_form_data(procedure=[("step", step)])
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 200
    assert not ServiceStandardPage.objects.filter(slug="paspor-baru").exists()


def test_bulk_publishing_an_incomplete_standard_is_refused(client, make_staff, unit_a):
    page = submit_incomplete(client, make_staff, unit_a)
    client.force_login(make_staff(unit_a, "moderator"))
    url = (
        "/admin/bulk/wagtailcore/page/publish/"
        f"?id={page.pk}&next=/admin/pages/{unit_a.pk}/"
    )
    response = client.post(url, {}, follow=True)
    assert response.status_code == 200
    assert "Persyaratan" in messages_text(response)
    page.refresh_from_db()
    assert not page.live


def test_create_form_renders_for_an_editor(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    response = client.get(add_url(unit_a))
    assert response.status_code == 200
    assert "Penyampaian pelayanan" in response.content.decode()


@pytest.mark.parametrize(("typed", "stored"), [("65,50", "65.50"), ("97.5", "97.5")])
def test_a_fee_typed_with_a_decimal_comma_keeps_its_cents(
    client, make_staff, unit_a, typed, stored
):
    """From the outside probe: the number input read "65,50" as 6550."""
    client.force_login(make_staff(unit_a, "moderator"))
    fee = {"label": "Paspor elektronik", "amount": typed, "currency": ""}
    data = standard_form_data(fees=[("fee", fee)], **{"action-publish": "publish"})
    assert client.post(add_url(unit_a), data).status_code == 302
    page = ServiceStandardPage.objects.get(slug="paspor-baru")
    assert str(page.fees[0].value["amount"]) == stored


@pytest.mark.parametrize(("language", "shown"), [("id", "65,50"), ("en", "65.50")])
def test_a_saved_fee_is_shown_back_in_the_editors_language(
    client, make_staff, unit_a, language, shown
):
    """An Indonesian editor who typed "65,50" saw "65.50" after saving."""
    moderator = make_staff(unit_a, "moderator")
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    client.force_login(moderator)
    fee = {"label": "Paspor elektronik", "amount": "65,50", "currency": ""}
    client.post(add_url(unit_a), standard_form_data(fees=[("fee", fee)]))
    page = ServiceStandardPage.objects.get(slug="paspor-baru")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"&quot;amount&quot;: &quot;{shown}&quot;" in html


@pytest.mark.parametrize("typed", ["1e5", "1E5", "Rp 50"])
def test_a_fee_with_letters_is_refused(client, make_staff, unit_a, typed):
    """ "1e5" was stored as Decimal("1E+5")."""
    client.force_login(make_staff(unit_a, "moderator"))
    fee = {"label": "Paspor elektronik", "amount": typed, "currency": ""}
    data = standard_form_data(fees=[("fee", fee)], **{"action-publish": "publish"})
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 200
    assert not ServiceStandardPage.objects.filter(slug="paspor-baru").exists()


@pytest.mark.parametrize("typed", ["50.000", "1.000.000", "1,000", "6.550,00"])
def test_a_fee_with_thousands_separators_is_refused_saying_so(
    client, make_staff, unit_a, typed
):
    """ "50.000" was told it had too many decimal places."""
    client.force_login(make_staff(unit_a, "moderator"))
    fee = {"label": "Paspor elektronik", "amount": typed, "currency": ""}
    data = standard_form_data(fees=[("fee", fee)], **{"action-publish": "publish"})
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 200
    assert "tanpa pemisah ribuan" in response.content.decode()
    assert not ServiceStandardPage.objects.filter(slug="paspor-baru").exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"completion_time_value": "1.000"},
        {"procedure": [("step", {**STEP, "duration_value": "1.000"})]},
        {"completion_time_value": "1,000"},
    ],
)
def test_a_whole_number_with_a_thousands_separator_is_refused_saying_so(
    client, make_staff, unit_a, overrides
):
    """From the outside probe: Django drops a trailing ".000", so "1.000"
    (a thousand, the Indonesian way) was saved as 1 without a word."""
    client.force_login(make_staff(unit_a, "moderator"))
    data = standard_form_data(**overrides, **{"action-publish": "publish"})
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 200
    assert "tanpa pemisah ribuan atau desimal" in response.content.decode()
    assert not ServiceStandardPage.objects.filter(slug="paspor-baru").exists()


def test_a_whole_number_is_saved_as_typed(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "moderator"))
    step = {**STEP, "duration_value": "1000"}
    data = standard_form_data(
        completion_time_value="60000",
        procedure=[("step", step)],
        **{"action-publish": "publish"},
    )
    assert client.post(add_url(unit_a), data).status_code == 302
    page = ServiceStandardPage.objects.get(slug="paspor-baru")
    assert page.completion_time_value == 60000
    assert page.procedure[0].value["duration_value"] == 1000


def test_the_fee_amount_is_typed_as_text_with_a_decimal_keyboard(
    client, make_staff, unit_a
):
    client.force_login(make_staff(unit_a))
    html = client.get(add_url(unit_a)).content.decode()
    # The block's widget, as it stands escaped in the StreamField's definition.
    quote = "\\&quot;"
    widget = f"type={quote}text{quote} name={quote}__NAME__{quote} inputmode="
    assert f"{widget}{quote}decimal{quote}" in html
