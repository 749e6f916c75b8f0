"""Editors' exports, results report and suggestion moderation."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import load_workbook

from consultation.models import SurveyResponse
from consultation.moderation import ModerationStatus

pytestmark = pytest.mark.django_db


def export_url(survey, fmt):
    return reverse("consultation_survey:export", args=[survey.pk, fmt])


def test_editor_exports_responses_as_csv(client, survey, respond, make_staff, unit_a):
    respond([1, 2, 3, 4, 1, 2, 3, 4, 1], suggestion="Lebih cepat")
    client.force_login(make_staff(unit_a, "editor"))
    response = client.get(export_url(survey, "csv"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["id", "survey_date"]
    assert rows[1][rows[0].index("u4")] == "4"
    assert len(rows) == 2


def test_editor_exports_responses_as_xlsx(client, survey, respond, make_staff, unit_a):
    respond([3] * 9)
    respond([4] * 9)
    client.force_login(make_staff(unit_a, "editor"))
    response = client.get(export_url(survey, "xlsx"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.values)
    assert len(rows) == 3
    assert rows[0][6] == "u1"


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def with_personal_data(user):
    user.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    return user


def test_the_export_leaves_respondents_out_without_the_personal_data_permission(
    client, survey, respond, make_staff, unit_a
):
    """Age, sex, education, occupation, the minute of the answer and the
    suggestion's words could point at one person (UU 27/2022)."""
    respond([3] * 9, age_band="60_plus", suggestion="Hubungi saya di 0812-0000")
    client.force_login(make_staff(unit_a, "editor"))
    (row,) = csv_rows(client.get(export_url(survey, "csv")))
    assert not {"age_band", "sex", "occupation", "submitted_at", "suggestion"} & set(
        row
    )
    assert row["u1"] == "3"
    client.force_login(with_personal_data(make_staff(unit_a, "moderator")))
    (row,) = csv_rows(client.get(export_url(survey, "csv")))
    assert (row["age_band"], row["suggestion"]) == (
        "60_plus",
        "Hubungi saya di 0812-0000",
    )


def test_the_export_names_the_service_and_no_status_without_a_suggestion(
    client, survey, respond, make_staff, unit_a, passport
):
    respond([3] * 9, service=passport)
    respond([4] * 9, suggestion="Tambah kursi")
    client.force_login(with_personal_data(make_staff(unit_a, "moderator")))
    first, second = csv_rows(client.get(export_url(survey, "csv")))
    assert (first["service_id"], first["service_title"]) == (
        str(passport.pk),
        passport.title,
    )
    assert (first["suggestion"], first["suggestion_status"]) == ("", "")
    assert second["suggestion_status"] == ModerationStatus.PENDING


def test_export_keeps_dates_as_iso_text_and_names_the_survey(
    client, survey, respond, make_staff, unit_a
):
    answer = respond([3] * 9)
    client.force_login(with_personal_data(make_staff(unit_a, "editor")))
    response = client.get(export_url(survey, "csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = dict(zip(rows[0], rows[1], strict=True))
    # In the admin's time zone to the second, as the consultation's export.
    sent = timezone.localtime(answer.submitted_at).replace(microsecond=0)
    assert row["submitted_at"] == sent.isoformat()
    assert row["submitted_at"].endswith("+07:00")
    assert row["survey_date"] == answer.survey_date.isoformat()
    assert (
        f'filename="skm-{slugify(survey.title)}-{survey.pk}.csv"'
        in (response["Content-Disposition"])
    )


def test_other_units_editor_cannot_export(client, survey, respond, make_staff, unit_b):
    respond([3] * 9)
    client.force_login(make_staff(unit_b, "editor"))
    response = client.get(export_url(survey, "csv"))
    assert response.status_code == 302  # Wagtail's "permission denied" redirect
    assert response["Content-Type"].startswith("text/html")


def test_unknown_export_format_is_404(client, survey, superuser):
    client.force_login(superuser)
    assert client.get(export_url(survey, "pdf")).status_code == 404


def test_results_report_shows_the_figures_and_downloads(
    client, survey, respond, make_staff, unit_a
):
    respond([4] * 9)
    client.force_login(make_staff(unit_a, "editor"))
    url = reverse("consultation_survey:report", args=[survey.pk])
    html = client.get(url, {"period": "survey"}).content.decode()
    assert "100.00" in html or "100,00" in html
    # The answers' export is reached from the report, not only from the editor.
    assert f'href="{export_url(survey, "csv")}"' in html
    assert f'href="{export_url(survey, "xlsx")}"' in html
    xlsx = client.get(url, {"period": "survey", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[0]: row[1] for row in sheet.values if row and row[0]}
    assert values["IKM"] == 4.0


def test_the_report_workbook_heads_its_services_and_gives_the_index_to_four_places(
    client, survey, respond, make_staff, unit_a, passport
):
    """Its per-service lines had no heading or grade, and the IKM had 2
    places where the screen gives 4."""
    respond([4, 4, 4, 4, 4, 4, 4, 3, 3], service=passport)
    client.force_login(make_staff(unit_a, "editor"))
    url = reverse("consultation_survey:report", args=[survey.pk])
    xlsx = client.get(url, {"period": "survey", "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert {row[0]: row[1] for row in rows if row and row[0]}["IKM"] == 3.7778
    heading = rows.index(("Layanan", "Responden", "Indeks konversi", "Mutu"))
    services = {row[0]: row[1:] for row in rows[heading + 1 :]}
    assert services["Paspor"] == (1, 94.44, "A Sangat baik")
    assert "Visa" not in services  # no answers about it in the period


def test_moderator_approves_a_suggestion(client, survey, respond, make_staff, unit_a):
    answer = respond([3] * 9, suggestion="Tambah loket")
    client.force_login(make_staff(unit_a, "moderator"))
    url = reverse("consultation_survey:suggestions", args=[survey.pk])
    assert "Tambah loket" in client.get(url).content.decode()
    client.post(url, {"response": answer.pk, "decision": "approve"})
    answer.refresh_from_db()
    assert answer.suggestion_status == ModerationStatus.APPROVED


def test_hiding_a_suggestion_needs_a_reason(
    client, survey, respond, make_staff, unit_a
):
    answer = respond([3] * 9, suggestion="Nomor HP saya 0812")
    client.force_login(make_staff(unit_a, "moderator"))
    url = reverse("consultation_survey:suggestions", args=[survey.pk])
    response = client.post(url, {"response": answer.pk, "decision": "hide"})
    assert response.status_code == 400
    answer.refresh_from_db()
    assert answer.suggestion_status == ModerationStatus.PENDING
    client.post(
        url, {"response": answer.pk, "decision": "hide", "reason": "data pribadi"}
    )
    answer.refresh_from_db()
    assert answer.suggestion_status == ModerationStatus.HIDDEN
    assert answer.moderation_reason == "data pribadi"


def test_editor_cannot_moderate(client, survey, respond, make_staff, unit_a):
    respond([3] * 9, suggestion="x")
    client.force_login(make_staff(unit_a, "editor"))
    url = reverse("consultation_survey:suggestions", args=[survey.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_bad_moderation_input_is_a_400_not_a_500(client, survey, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "moderator"))
    url = reverse("consultation_survey:suggestions", args=[survey.pk])
    response = client.post(url, {"response": "abc", "decision": "explode"})
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_survey_edit_page_has_report_and_export_buttons(client, survey, superuser):
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content
    assert reverse("consultation_survey:report", args=[survey.pk]).encode() in html


def test_moderation_queue_lists_only_the_moderators_units(
    client, survey, respond, make_staff, unit_a, unit_b
):
    respond([3] * 9, suggestion="Tambah loket")
    client.force_login(make_staff(unit_a, "moderator"))
    html = client.get(reverse("consultation_moderation:index")).content.decode()
    assert reverse("consultation_survey:suggestions", args=[survey.pk]) in html
    client.force_login(make_staff(unit_b, "moderator"))
    html = client.get(reverse("consultation_moderation:index")).content.decode()
    assert reverse("consultation_survey:suggestions", args=[survey.pk]) not in html


def test_the_surveys_population_refuses_a_thousands_separator():
    """ "60.000" (sixty thousand) was saved as 60, and the minimum sample
    computed from it."""
    from cms.core.blocks import WholeNumberField
    from consultation.models import SatisfactionSurveyPage

    form_class = SatisfactionSurveyPage.get_edit_handler().get_form_class()
    assert isinstance(form_class.base_fields["population"], WholeNumberField)
