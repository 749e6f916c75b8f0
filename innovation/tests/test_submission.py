"""Submission through the unit's workflow, and the completeness check."""

import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from innovation import kipp
from innovation.factories import complete_sections
from innovation.models import (
    InnovationEntryPage,
    StageChange,
    SustainableDevelopmentGoal,
)

pytestmark = pytest.mark.django_db


def first_goal() -> str:
    return str(SustainableDevelopmentGoal.objects.order_by("number").first().pk)


def entry_form(slug, action=None, **sections):
    data = {
        "title": "Pandu",
        "slug": slug,
        "competition_year": 2021,
        "group": "umum",
        "implementation_start": "2019-01-05",
        "gallery": streamfield([]),
        "documents": streamfield([]),
        "video_url": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        **complete_sections("Pandu"),
        **sections,
    }
    if action:
        data[action] = action
    return {**nested_form_data(data), "sdgs": [first_goal()]}


def add_url(unit):
    return f"/admin/pages/add/innovation/innovationentrypage/{unit.pk}/"


def submit(client, editor, unit, slug, **sections):
    client.force_login(editor)
    return client.post(add_url(unit), entry_form(slug, "action-submit", **sections))


def test_editor_can_save_an_incomplete_draft(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    client.post(add_url(unit_a), entry_form("draf", ringkasan="", kebaruan=""))
    assert InnovationEntryPage.objects.filter(slug="draf", stage="draft").exists()


def test_submission_with_an_empty_section_is_refused_naming_it(
    client, make_staff, unit_a
):
    response = submit(client, make_staff(unit_a), unit_a, "kosong", kebaruan="")
    assert not InnovationEntryPage.objects.filter(slug="kosong").exists()
    errors = response.context["form"].errors
    assert list(errors) == ["kebaruan", "__all__"]
    assert "Kebaruan / nilai tambah" in errors["__all__"][0]
    admin_messages = " ".join(str(m) for m in response.context["messages"])
    assert "Kebaruan / nilai tambah" in admin_messages


def test_submission_over_the_word_limit_is_refused_naming_the_section(
    client, make_staff, unit_a
):
    long_summary = " ".join(["kata"] * 201)
    response = submit(
        client, make_staff(unit_a), unit_a, "panjang", ringkasan=long_summary
    )
    assert not InnovationEntryPage.objects.filter(slug="panjang").exists()
    errors = response.context["form"].errors
    assert "201" in errors["ringkasan"][0]
    assert "Ringkasan" in errors["__all__"][0]


def test_summary_of_exactly_200_words_is_accepted(client, make_staff, unit_a):
    submit(client, make_staff(unit_a), unit_a, "pas", ringkasan=" ".join(["k"] * 200))
    page = InnovationEntryPage.objects.get(slug="pas")
    assert page.current_workflow_task_state is not None


def test_moderator_approval_submits_the_entry_to_the_competition(
    client, make_staff, unit_a
):
    submit(client, make_staff(unit_a), unit_a, "pandu")
    page = InnovationEntryPage.objects.get(slug="pandu")
    assert page.stage == kipp.DRAFT
    task_state = page.current_workflow_task_state
    client.logout()
    moderator = make_staff(unit_a, "moderator")
    client.force_login(moderator)
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert page.live and page.stage == kipp.SUBMITTED
    change = StageChange.objects.get(entry=page)
    assert (change.from_stage, change.to_stage, change.changed_by) == (
        "draft",
        "submitted",
        moderator,
    )


def test_approving_an_entry_made_incomplete_in_moderation_is_refused(
    client, make_staff, unit_a
):
    submit(client, make_staff(unit_a), unit_a, "pandu")
    page = InnovationEntryPage.objects.get(slug="pandu")
    task_state = page.current_workflow_task_state
    latest = page.get_latest_revision_as_object()
    latest.signifikansi = ""
    revision = latest.save_revision()
    task_state.revision = revision
    task_state.save()
    client.force_login(make_staff(unit_a, "moderator"))
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live and page.stage == kipp.DRAFT


def test_saving_an_incomplete_entry_in_moderation_is_refused(
    client, make_staff, unit_a
):
    editor = make_staff(unit_a)
    submit(client, editor, unit_a, "pandu")
    page = InnovationEntryPage.objects.get(slug="pandu")
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", entry_form("pandu", adaptabilitas="")
    )
    assert "Adaptabilitas" in response.context["form"].errors["__all__"][0]
    assert page.get_latest_revision_as_object().adaptabilitas != ""


def test_moderator_cannot_publish_an_incomplete_entry(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "moderator"))
    client.post(add_url(unit_a), entry_form("terbit", "action-publish", sumber_daya=""))
    page = InnovationEntryPage.objects.filter(slug="terbit").first()
    assert page is None or not page.live


def approve_in_editor(client, page, **sections):
    data = entry_form("pandu", **sections)
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_moderator_approving_in_the_editor_submits_the_entry(
    client, make_staff, unit_a
):
    submit(client, make_staff(unit_a), unit_a, "pandu")
    page = InnovationEntryPage.objects.get(slug="pandu")
    client.force_login(make_staff(unit_a, "moderator"))
    approve_in_editor(client, page)
    page.refresh_from_db()
    assert page.live and page.stage == kipp.SUBMITTED


def test_moderator_approving_an_incomplete_entry_in_the_editor_is_told_why(
    client, make_staff, unit_a
):
    submit(client, make_staff(unit_a), unit_a, "pandu")
    page = InnovationEntryPage.objects.get(slug="pandu")
    client.force_login(make_staff(unit_a, "moderator"))
    response = approve_in_editor(client, page, keberlanjutan="")
    page.refresh_from_db()
    assert not page.live and page.stage == kipp.DRAFT
    admin_messages = " ".join(str(m) for m in response.context["messages"])
    assert "Strategi keberlanjutan" in admin_messages


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        ("sdgs", {"sdgs": []}, "Tujuan Pembangunan Berkelanjutan"),
        ("implementation_start", {"implementation_start": ""}, "mulai melayani"),
        ("implementation_start", {"implementation_start": "RECENT"}, "satu tahun"),
    ],
)
def test_submission_of_an_ineligible_entry_is_refused_next_to_the_field(
    client, make_staff, unit_a, field, changes, message
):
    """KIPP takes innovations in use for a year or more that name one or more
    Sustainable Development Goals (`data/kipp.yaml`)."""
    data = entry_form("baru", "action-submit")
    recent = timezone.localdate() - datetime.timedelta(days=60)
    for name, value in changes.items():
        data[name] = recent.isoformat() if value == "RECENT" else value
    client.force_login(make_staff(unit_a))
    response = client.post(add_url(unit_a), data)
    assert not InnovationEntryPage.objects.filter(slug="baru").exists()
    errors = response.context["form"].errors
    assert message in errors[field][0]


def test_a_draft_may_lack_the_goals_and_the_start(client, make_staff, unit_a):
    data = entry_form("draf-awal")
    data.update(sdgs=[], implementation_start="")
    client.force_login(make_staff(unit_a))
    client.post(add_url(unit_a), data)
    assert InnovationEntryPage.objects.filter(slug="draf-awal").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"implementation_start": "9999-12-31"}, "implementation_start", "masa depan"),
        ({"implementation_start": "0001-01-01"}, "implementation_start", "1945"),
        ({"competition_year": "2100"}, "competition_year", "setahun"),
        ({"competition_year": "-5"}, "competition_year", "2014"),
        ({"contact_phone": "hubungi kami ya"}, "contact_phone", "kode negara"),
    ],
)
@pytest.mark.parametrize("action", [None, "action-submit"])
def test_absurd_dates_years_and_phones_are_refused_next_to_the_field(
    client, make_staff, unit_a, changes, field, message, action
):
    """From the outside probe: a start in year 9999 was a server error on
    submission, and "KIPP 2100", "since 1 January 0001" and a telephone
    "hubungi kami ya" were published; `-5` was told "at least 0"."""
    data = entry_form("aneh", action)
    data.update(changes)
    client.force_login(make_staff(unit_a))
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 200
    assert not InnovationEntryPage.objects.filter(slug="aneh").exists()
    errors = response.context["form"].errors[field]
    assert len(errors) == 1 and message in errors[0]


def test_the_year_field_states_its_bounds(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    html = client.get(add_url(unit_a)).content.decode()
    next_year = timezone.localdate().year + 1
    assert f'min="2014" max="{next_year}"' in html.replace("\n", " ") or (
        'min="2014"' in html and f'max="{next_year}"' in html
    )


@pytest.mark.parametrize("action", [None, "action-submit"])
def test_a_section_of_megabytes_is_refused_next_to_it(
    client, make_staff, unit_a, action
):
    """From the outside probe: a background section of 3.2 MB was saved and
    published whole (only the summary has a limit in the rules)."""
    data = entry_form("panjang", action)
    data["latar_belakang"] = "kata " * 4_001
    client.force_login(make_staff(unit_a))
    response = client.post(add_url(unit_a), data)
    assert response.status_code == 200
    assert not InnovationEntryPage.objects.filter(slug="panjang").exists()
    (error,) = response.context["form"].errors["latar_belakang"]
    assert "20000" in error.replace(".", "")
    assert 'maxlength="20000"' in response.content.decode()
