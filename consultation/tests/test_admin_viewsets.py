"""The consultation app's admin screens as Wagtail ViewSets.

A survey's screens (`consultation_survey:*`), a consultation's
(`consultation_fkp:*`) and the moderation queue (`consultation_moderation:*`)
keep their old admin paths; another unit's editor or moderator gets nothing
from any of them, by GET or POST, nor by putting another unit's enrolment id
under their own survey; the owner unit's staff enrol and revoke tablets; the
answers' export keeps its columns; the "Public feedback" menu holds the queue
and, for moderators, both listings.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import admin_menu

from consultation.forums.factories import ConsultationPageFactory
from consultation.models import KioskEnrolment, SurveyResponse
from consultation.surveys import kiosk
from consultation.surveys.kiosk_admin import enrolment_policy

pytestmark = pytest.mark.django_db

EXPORT_COLUMNS = [
    "id",
    "survey_date",
    "submitted_at",
    "channel",
    "service_id",
    "service_title",
    "service_date",
    "u1",
    "u2",
    "u3",
    "u4",
    "u5",
    "u6",
    "u7",
    "u8",
    "u9",
    "age_band",
    "sex",
    "education",
    "occupation",
    "suggestion",
    "suggestion_status",
]


@pytest.fixture
def consultation(unit_a):
    return ConsultationPageFactory(parent=unit_a)


@pytest.fixture
def enrolment(survey):
    return kiosk.create_enrolment(survey, "Loket 1", None)


def survey_routes(survey, enrolment) -> list[tuple[str, list]]:
    return [
        ("consultation_survey:export", [survey.pk, "csv"]),
        ("consultation_survey:export", [survey.pk, "xlsx"]),
        ("consultation_survey:report", [survey.pk]),
        ("consultation_survey:suggestions", [survey.pk]),
        ("consultation_survey:kiosks", [survey.pk]),
        ("consultation_survey:kiosk", [survey.pk, enrolment.pk]),
        ("consultation_survey:kiosk_revoke", [survey.pk, enrolment.pk]),
    ]


def state() -> list:
    """What a refused request must leave as it was."""
    return [
        list(KioskEnrolment.objects.values_list("pk", "revoked_at")),
        list(SurveyResponse.objects.values_list("pk", "suggestion_status")),
    ]


def assert_nothing_given(response) -> None:
    """Wagtail's "permission denied" (back to the dashboard with an error),
    or a plain 403/404: no screen, no file."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
        errors = [m for m in get_messages(response.wsgi_request) if m.level_tag]
        assert any(m.level_tag == "error" for m in errors)
    else:
        assert response.status_code in (403, 404)
    assert "attachment" not in response.get("Content-Disposition", "")


def test_the_screens_keep_their_admin_paths(survey, consultation, enrolment):
    survey_path = f"/admin/consultation/surveys/{survey.pk}/"
    fkp_path = f"/admin/consultation/consultations/{consultation.pk}/"
    assert [
        reverse(name, args=args) for name, args in survey_routes(survey, enrolment)
    ] == [
        survey_path + "responses.csv",
        survey_path + "responses.xlsx",
        survey_path + "report/",
        survey_path + "suggestions/",
        survey_path + "kiosks/",
        survey_path + f"kiosks/{enrolment.pk}/",
        survey_path + f"kiosks/{enrolment.pk}/revoke/",
    ]
    assert reverse("consultation_fkp:export", args=[consultation.pk, "csv"]) == (
        fkp_path + "responses.csv"
    )
    assert reverse("consultation_fkp:comments", args=[consultation.pk]) == (
        fkp_path + "comments/"
    )
    assert reverse("consultation_moderation:index") == "/admin/consultation/moderation/"


@pytest.mark.parametrize("role", ["editor", "moderator"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_units_staff_get_nothing_from_a_surveys_screens(
    client, survey, respond, enrolment, make_staff, unit_b, role, method
):
    respond([3] * 9, suggestion="Lebih cepat")
    client.force_login(make_staff(unit_b, role))
    before = state()
    for name, args in survey_routes(survey, enrolment):
        response = getattr(client, method)(reverse(name, args=args), {"name": "X"})
        assert_nothing_given(response)
        assert b"Loket 1" not in response.content
    assert state() == before


@pytest.mark.parametrize("role", ["editor", "moderator"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_units_staff_get_nothing_from_a_consultations_screens(
    client, consultation, make_staff, unit_b, role, method
):
    client.force_login(make_staff(unit_b, role))
    for name, args in (
        ("consultation_fkp:export", [consultation.pk, "csv"]),
        ("consultation_fkp:export", [consultation.pk, "xlsx"]),
        ("consultation_fkp:comments", [consultation.pk]),
    ):
        assert_nothing_given(getattr(client, method)(reverse(name, args=args)))


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_a_guessed_enrolment_id_of_another_unit_gives_nothing(
    client, survey, make_staff, unit_a, their_enrolment, role
):
    client.force_login(make_staff(unit_a, role))
    for name in ("consultation_survey:kiosk", "consultation_survey:kiosk_revoke"):
        url = reverse(name, args=[survey.pk, their_enrolment.pk])
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code != 200
            assert b"Loket B" not in response.content
    their_enrolment.refresh_from_db()
    assert their_enrolment.revoked_at is None


def test_the_owner_units_editor_enrols_a_tablet_and_revokes_it(
    client, survey, make_staff, unit_a
):
    client.force_login(make_staff(unit_a, "editor"))
    created = client.post(
        reverse("consultation_survey:kiosks", args=[survey.pk]), {"name": "Loket 3"}
    )
    enrolment = KioskEnrolment.objects.get(name="Loket 3")
    assert created["Location"] == reverse(
        "consultation_survey:kiosk", args=[survey.pk, enrolment.pk]
    )
    detail = client.get(created["Location"])
    assert "no-store" in detail["Cache-Control"]
    assert b'class="kiosk-enrolment__qr"' in detail.content
    assert b"<title>" in detail.content and b"Loket 3" in detail.content

    revoke = reverse("consultation_survey:kiosk_revoke", args=[survey.pk, enrolment.pk])
    assert client.get(revoke).status_code == 405
    response = client.post(revoke, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "consultation_survey:kiosks", args=[survey.pk]
    )
    assert "Loket 3" in str(list(response.context["messages"])[0])
    enrolment.refresh_from_db()
    assert enrolment.revoked_at is not None


def test_the_answers_export_keeps_its_columns(
    client, survey, respond, make_staff, unit_a
):
    """For a user who may see respondents' data; without it, the respondent's
    columns are left out (`test_survey_admin.py`)."""
    respond([3] * 9, suggestion="Lebih cepat")
    editor = make_staff(unit_a, "editor")
    editor.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    client.force_login(editor)
    response = client.get(
        reverse("consultation_survey:export", args=[survey.pk, "csv"])
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == EXPORT_COLUMNS


def public_feedback_items(user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    [menu] = [
        item
        for item in admin_menu.registered_menu_items
        if item.name == "public-feedback"
    ]
    with translation.override("en"):
        return [str(item.label) for item in menu.menu.menu_items_for_request(request)]


def test_the_public_feedback_menu_shows_the_listings_to_moderators(make_staff, unit_a):
    assert public_feedback_items(make_staff(unit_a, "moderator")) == [
        "Waiting for moderation",
        "Comments on components",
        "Suggestions",
    ]
    editor = make_staff(unit_a, "editor")
    assert public_feedback_items(editor) == ["Waiting for moderation"]


def test_the_enrolment_policy_gives_each_unit_its_own_enrolments(
    survey, enrolment, make_staff, unit_a, their_enrolment
):
    editor_a = make_staff(unit_a, "editor")
    mine = enrolment_policy.instances_user_has_permission_for(editor_a, "change")
    assert list(mine) == [enrolment]
    assert enrolment_policy.user_has_permission_for_instance(
        editor_a, "change", enrolment
    )
    assert not enrolment_policy.user_has_permission_for_instance(
        editor_a, "change", their_enrolment
    )
    assert not enrolment_policy.user_has_permission_for_instance(
        editor_a, "delete", enrolment
    )


def test_the_queue_tells_an_editor_who_moderates(client, make_staff, unit_a):
    """It said "Tidak ada yang menunggu moderasi" to an editor while a
    comment waited for the unit's moderators."""
    client.force_login(make_staff(unit_a, "editor"))
    html = client.get("/admin/consultation/moderation/").content.decode()
    assert "Tidak ada yang menunggu moderasi" not in html
    assert "Moderator unit Anda" in html
    client.force_login(make_staff(unit_a, "moderator"))
    html = client.get("/admin/consultation/moderation/").content.decode()
    assert "Tidak ada yang menunggu moderasi" in html
