"""A change to a decreed component (fees, time, requirements, procedure,
products) is published with a new decree and effective date, or recorded as
a correction of the current version with its reason; the history shows it."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils.formats import date_format
from wagtail.models import TaskState

from standards.models import ServiceStandardPage
from standards.structure import component_value

from .admin_forms import FEE, standard_form_data

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "publish"}
HIGHER_FEE = [("fee", {**FEE, "amount": "75"})]


@pytest.fixture
def published(client, make_staff, unit_a) -> ServiceStandardPage:
    client.force_login(make_staff(unit_a, "moderator"))
    response = client.post(
        f"/admin/pages/add/standards/servicestandardpage/{unit_a.pk}/",
        standard_form_data(**PUBLISH),
    )
    assert response.status_code == 302
    return ServiceStandardPage.objects.get(slug="paspor-baru")


def edit(client, page, **overrides):
    data = standard_form_data(slug=page.slug, **PUBLISH, **overrides)
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def publish_higher_fee_ahead(client, page) -> datetime.date:
    """Publish a higher fee under a new decree taking effect in 40 days."""
    starts = datetime.date.today() + datetime.timedelta(days=40)
    response = edit(
        client,
        page,
        fees=HIGHER_FEE,
        decree_number="3/KONS/2026",
        decree_date=str(datetime.date.today()),
        effective_date=str(starts),
    )
    assert response.status_code == 302
    return starts


def test_a_fee_change_under_the_old_decree_is_refused_beside_the_fields(
    client, published
):
    response = edit(client, published, fees=HIGHER_FEE)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"decree_number", "effective_date", "correction_reason"} <= set(errors)
    assert "Biaya/tarif" in " ".join(errors["decree_number"])
    assert "Biaya/tarif" in response.content.decode()
    assert published.versions.count() == 1


def test_a_fee_change_with_a_new_decree_is_a_new_version(client, published):
    response = edit(
        client,
        published,
        fees=HIGHER_FEE,
        decree_number="3/KONS/2025",
        decree_date="2025-02-20",
        effective_date="2025-03-01",
    )
    assert response.status_code == 302
    latest = published.versions.order_by("-number").first()
    assert (latest.number, latest.decree_number) == (2, "3/KONS/2025")
    assert str(latest.effective_date) == "2025-03-01"
    assert latest.correction_reason == ""


def test_a_new_decree_needs_its_own_effective_date(client, published):
    response = edit(client, published, fees=HIGHER_FEE, decree_number="3/KONS/2025")
    assert response.status_code == 200
    assert "effective_date" in response.context["form"].errors
    assert "decree_number" not in response.context["form"].errors


def test_a_correction_with_its_reason_is_recorded_and_shown_in_the_history(
    client, published
):
    reason = "Salah ketik: tarif yang ditetapkan keputusan adalah CAD 75."
    response = edit(client, published, fees=HIGHER_FEE, correction_reason=reason)
    assert response.status_code == 302
    latest = published.versions.order_by("-number").first()
    assert (latest.number, latest.decree_number) == (2, "12/KONS/2024")
    assert latest.correction_reason == reason
    client.logout()
    history = client.get(published.url + "history/").content.decode()
    assert reason in history and "version-correction" in history


def test_a_correction_reason_serves_one_publication(client, published):
    reason = "Salah ketik pada tarif."
    edit(client, published, fees=HIGHER_FEE, correction_reason=reason)
    form = client.get(f"/admin/pages/{published.pk}/edit/").context["form"]
    assert form.initial["correction_reason"] == ""
    again = [("fee", {**FEE, "amount": "80"})]
    response = edit(client, published, fees=again, correction_reason=reason)
    assert response.status_code == 200
    assert "correction_reason" in response.context["form"].errors


def test_words_change_under_the_same_decree(client, published):
    response = edit(client, published, summary="Paspor biasa 48 halaman.")
    assert response.status_code == 302


def test_saving_a_draft_of_a_fee_change_needs_no_decree_yet(client, published):
    data = standard_form_data(slug=published.slug, fees=HIGHER_FEE)
    response = client.post(f"/admin/pages/{published.pk}/edit/", data)
    assert response.status_code == 302


def test_the_editor_is_told_when_saving_the_draft_while_it_can_be_edited(
    client, published, make_staff, unit_a
):
    """Told only at submission, the editor found the page locked for the
    moderators and had to cancel the workflow to add the decree."""
    client.force_login(make_staff(unit_a))
    data = standard_form_data(slug=published.slug, fees=HIGHER_FEE)
    response = client.post(f"/admin/pages/{published.pk}/edit/", data, follow=True)
    assert response.request["PATH_INFO"] == f"/admin/pages/{published.pk}/edit/"
    shown = [str(m) for m in response.context["messages"]]
    warning = next(m for m in shown if "Biaya/tarif" in m)
    assert warning.startswith("Tersimpan. Sebelum dapat diterbitkan:")
    words = standard_form_data(slug=published.slug, summary="Paspor 48 halaman.")
    response = client.post(f"/admin/pages/{published.pk}/edit/", words, follow=True)
    assert not [m for m in response.context["messages"] if "Biaya" in str(m)]


def submit_fee_change_without_decree(client, published, make_staff, unit):
    """The unit's editor submits a higher fee under the old decree; the
    unit's moderator is then logged in. Returns the task state to act on."""
    client.force_login(make_staff(unit))
    data = standard_form_data(
        slug=published.slug, fees=HIGHER_FEE, **{"action-submit": "submit"}
    )
    client.post(f"/admin/pages/{published.pk}/edit/", data)
    published.refresh_from_db()
    client.force_login(make_staff(unit, "moderator"))
    return published.current_workflow_task_state


def test_the_editor_is_told_at_submission_that_the_change_needs_its_decree(
    client, published, make_staff, unit_a
):
    client.force_login(make_staff(unit_a))
    data = standard_form_data(
        slug=published.slug, fees=HIGHER_FEE, **{"action-submit": "submit"}
    )
    response = client.post(f"/admin/pages/{published.pk}/edit/", data, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    warning = next(m for m in shown if "Biaya/tarif" in m)
    assert warning.startswith("Terkirim, tetapi belum dapat disetujui")
    published.refresh_from_db()
    assert published.current_workflow_task_state is not None


def test_a_submitted_change_of_words_is_not_warned_about(
    client, published, make_staff, unit_a
):
    client.force_login(make_staff(unit_a))
    data = standard_form_data(
        slug=published.slug, summary="Paspor 48 halaman.", **{"action-submit": "submit"}
    )
    response = client.post(f"/admin/pages/{published.pk}/edit/", data, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert shown and not [m for m in shown if m.startswith("Terkirim, tetapi")]


def test_approval_of_a_fee_change_under_the_old_decree_is_sent_back(
    client, published, make_staff, unit_a
):
    task_state = submit_fee_change_without_decree(client, published, make_staff, unit_a)
    url = f"/admin/pages/workflow/action/{published.pk}/approve/{task_state.pk}/"
    response = client.post(url, {"comment": ""}, follow=True)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert "Biaya/tarif" in task_state.comment
    assert published.versions.count() == 1
    # The moderator is told, not left believing the page published.
    shown = [str(m) for m in response.context["messages"]]
    assert any("Biaya/tarif" in m and m.startswith("Tidak disetujui") for m in shown)


def test_a_moderator_who_gives_the_reason_in_the_editor_publishes_on_approval(
    client, published, make_staff, unit_a
):
    """The editor submitted a fee change without a reason; the moderator
    writes the correction reason in the editor and approves: the approval
    checked the editor's revision, refused it, and published nothing."""
    task_state = submit_fee_change_without_decree(client, published, make_staff, unit_a)
    approve = {"action-workflow-action": "true", "workflow-action-name": "approve"}
    data = standard_form_data(
        slug=published.slug,
        fees=HIGHER_FEE,
        correction_reason="Salah ketik pada tarif",
        **approve,
    )
    response = client.post(f"/admin/pages/{published.pk}/edit/", data)
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    published.refresh_from_db()
    assert not published.has_unpublished_changes
    latest = published.versions.order_by("-number").first()
    assert latest.correction_reason == "Salah ketik pada tarif"
    assert "75" in str(latest.data)


def test_a_version_published_ahead_of_its_date_says_which_one_applies_until_then(
    client, published
):
    """Next year's fee was shown as if it applied today: the page and its
    checklist now say when it starts and which version applies until then."""
    starts = publish_higher_fee_ahead(client, published)
    client.logout()
    for path in ("", "checklist/"):
        html = client.get(published.url + path).content.decode()
        assert f"Versi ini mulai berlaku pada {date_format(starts, 'j F Y')}" in html
        assert "yang berlaku adalah versi 1" in html
    html = client.get(published.url).content.decode()
    assert "compare/?from=1&amp;to=2" in html
    # Beside the new fees, in the summary and in the fees' section.
    note = f"Berlaku mulai {date_format(starts, 'j F Y')}. Sampai saat itu (versi 1):"
    assert html.count(note) == 2
    assert "60" in html[html.index(note) :][:300]


def test_a_version_in_force_shows_no_notice_of_change(client, published):
    client.logout()
    assert "mulai berlaku pada" not in client.get(published.url).content.decode()


def cards(client, unit, index) -> list[str]:
    """The standard's card on the unit page and on the standards index."""
    found = []
    for url in (unit.url, index.url):
        html = client.get(url).content.decode()
        found.append(html[html.index("paspor-baru") :][:1500])
    return found


def test_cards_show_the_fee_in_force_and_the_day_it_changes(
    client, published, unit_a, standards_index
):
    """The unit page's and the index's cards showed next year's fee as if it
    applied: they show the fee of the version in force and when it changes."""
    starts = publish_higher_fee_ahead(client, published)
    client.logout()
    day = date_format(starts, "j F Y")
    for card in cards(client, unit_a, standards_index):
        assert "60" in card
        assert "75" not in card
        assert f"berubah pada {day}" in card


def test_cards_of_a_standard_not_yet_in_force_say_from_when(
    client, make_staff, unit_a, standards_index
):
    starts = datetime.date.today() + datetime.timedelta(days=10)
    client.force_login(make_staff(unit_a, "moderator"))
    data = standard_form_data(**PUBLISH, effective_date=str(starts))
    client.post(f"/admin/pages/add/standards/servicestandardpage/{unit_a.pk}/", data)
    client.logout()
    day = date_format(starts, "j F Y")
    for card in cards(client, unit_a, standards_index):
        assert "60" in card
        assert f"berlaku mulai {day}" in card


ON_TOP = [
    ("fee", {**FEE, "label": "Paspor pengganti", "amount": "50"}),
    ("fee", {**FEE, "label": "Denda paspor hilang", "amount": "85", "added": True}),
]


def test_a_fine_charged_on_top_is_not_the_least_one_pays(
    client, make_staff, unit_a, standards_index
):
    """Cards said "mulai SGD 43" where 43 was a fine paid on top of the fee."""
    client.force_login(make_staff(unit_a, "moderator"))
    data = standard_form_data(**PUBLISH, fees=ON_TOP)
    client.post(f"/admin/pages/add/standards/servicestandardpage/{unit_a.pk}/", data)
    client.logout()
    html = client.get(standards_index.url).content.decode()
    card = html[html.index("paspor-baru") :][:1500]
    assert "mulai CAD 50</span> + biaya tambahan" in card
    page = client.get(ServiceStandardPage.objects.get().url).content.decode()
    assert "+ CAD 85" in page
    assert "Jumlah bertanda + dibayar sebagai tambahan" in page


def test_fees_recorded_before_the_on_top_flag_are_not_a_change(client, published):
    """Versions written before the flag have no `added`: saving the same fee
    again must not ask for a decree."""
    version = published.versions.get()
    for item in version.data["biaya"]["items"]:
        item.pop("added", None)
    version.save(update_fields=["data"])
    response = edit(client, published, summary="Ringkasan yang diperbarui.")
    assert response.status_code == 302


# From the outside probe: the decree rule lived in the editor and the approval
# only. A moderator published a draft's higher fee under the old decree through
# bulk publishing and through the admin API, and the public history dated the
# new fee from the old decree.


@pytest.fixture
def undecreed_draft(client, published) -> ServiceStandardPage:
    """A draft of the published standard with a higher fee and no new decree."""
    data = standard_form_data(slug=published.slug, fees=HIGHER_FEE)
    assert client.post(f"/admin/pages/{published.pk}/edit/", data).status_code == 302
    return ServiceStandardPage.objects.get(pk=published.pk)


def assert_still_the_old_fee(page: ServiceStandardPage) -> None:
    assert page.versions.count() == 1
    live = ServiceStandardPage.objects.get(pk=page.pk)
    assert live.live_revision == page.live_revision
    fees = component_value(live, "biaya", live.unit.currency)
    assert [item["amount"] for item in fees["items"]] == ["60.00"]


def test_bulk_publishing_a_fee_change_without_its_decree_is_refused(
    client, undecreed_draft
):
    url = (
        "/admin/bulk/wagtailcore/page/publish/"
        f"?id={undecreed_draft.pk}&next=/admin/pages/{undecreed_draft.get_parent().pk}/"
    )
    response = client.post(url, {})
    assert response.status_code == 302
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Tidak ada yang diterbitkan. Penerbitan paspor baru: Biaya/tarif" in shown
    assert_still_the_old_fee(undecreed_draft)


def test_the_admin_api_refuses_a_fee_change_without_its_decree(client, undecreed_draft):
    url = f"/admin/api/main/pages/{undecreed_draft.pk}/action/publish/"
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 400
    assert "Biaya/tarif" in str(response.json())
    assert_still_the_old_fee(undecreed_draft)
