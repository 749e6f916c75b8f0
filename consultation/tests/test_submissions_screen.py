"""The one submissions screen of a consultation and its export: personal
columns (name, e-mail address) only for a user holding the permission; the
written answers and the moment to the second in an export only for that
permission too (the unit's editors read them on screen)."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.models import ConsultationAnswer, ConsultationSubmission

pytestmark = pytest.mark.django_db

EMAIL = "siti@example.org"
NAME = "Siti Rahayu"
PHONE_IN_ANSWER = "Bagus, hubungi saya di 0812-3456-7890"


@pytest.fixture
def consultation(unit_a):
    page = ConsultationPageFactory(
        parent=unit_a, slug="pribadi", identity_level="email"
    )
    ConsultationFormFieldFactory(
        page=page, label="Setuju", field_type="yesno", choices=""
    )
    ConsultationFormFieldFactory(page=page, label="Pendapat", field_type="singleline")
    submission = ConsultationSubmission.objects.create(
        page=page,
        form_data={"setuju": "ya", "pendapat": PHONE_IN_ANSWER},
        respondent_key="e:1",
        respondent_category="pengguna",
        name=NAME,
        email=EMAIL,
        confirmed=False,
    )
    # As `submissions.store_submission` writes it: the choice answer's row.
    ConsultationAnswer.objects.create(submission=submission, field="setuju", value="ya")
    return page


@pytest.fixture
def editor(make_staff, unit_a):
    return make_staff(unit_a, "editor")


@pytest.fixture
def editor_with_permission(editor):
    permission = Permission.objects.get(codename="view_personal_data")
    editor.user_permissions.add(permission)
    return editor


def screen(client, page) -> str:
    response = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def exports(client, page) -> list[list[list[str]]]:
    """The rows of every export of the page's responses: CSV and XLSX from
    Wagtail's `?export=` and from the `responses.<fmt>` route."""
    screen_url = reverse("wagtailforms:list_submissions", args=[page.pk])
    responses = [client.get(screen_url, {"export": fmt}) for fmt in ("csv", "xlsx")]
    responses += [
        client.get(reverse("consultation_fkp:export", args=[page.pk, fmt]))
        for fmt in ("csv", "xlsx")
    ]
    sheets = []
    for response in responses:
        assert response.status_code == 200
        content = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        if response["Content-Type"].startswith("text/csv"):
            text = content.decode("utf-8-sig")
            sheets.append(list(csv.reader(io.StringIO(text))))
        else:
            sheet = load_workbook(io.BytesIO(content)).worksheets[0]
            sheets.append([[str(v) for v in row] for row in sheet.values])
    return sheets


def test_screen_hides_personal_columns_without_the_permission(
    client, consultation, editor
):
    client.force_login(editor)
    html = screen(client, consultation)
    assert PHONE_IN_ANSWER in html
    assert EMAIL not in html and NAME not in html


def test_exports_hide_personal_columns_without_the_permission(
    client, consultation, editor
):
    client.force_login(editor)
    for rows in exports(client, consultation):
        assert len(rows) == 2
        assert rows[1][-1] in {"ya", "Ya"}
        assert EMAIL not in str(rows) and NAME not in str(rows)
        assert "0812" not in str(rows)
        assert not {"email", "name", "pendapat", "Pendapat"} & set(rows[0])


def test_a_written_question_made_a_choice_later_exports_no_written_answer(
    client, consultation, editor
):
    """A question's type changed from written to a choice once answers were in:
    its column exported the words written, telephone number included."""
    question = consultation.form_fields.get(clean_name="pendapat")
    question.field_type = "dropdown"
    question.choices = "a"
    question.save()
    client.force_login(editor)
    for rows in exports(client, consultation):
        assert "0812" not in str(rows)
        assert rows[1][-2] in {"ya", "Ya"}


def test_screen_shows_personal_columns_with_the_permission(
    client, consultation, editor_with_permission
):
    client.force_login(editor_with_permission)
    html = screen(client, consultation)
    assert EMAIL in html and NAME in html and PHONE_IN_ANSWER in html


def test_exports_show_personal_columns_with_the_permission(
    client, consultation, editor_with_permission
):
    client.force_login(editor_with_permission)
    for rows in exports(client, consultation):
        assert EMAIL in rows[1] and NAME in rows[1]
        assert rows[1][-1] == PHONE_IN_ANSWER


def test_the_route_heads_columns_with_field_names(
    client, consultation, editor_with_permission
):
    client.force_login(editor_with_permission)
    wagtail_csv, _xlsx, route_csv, _route_xlsx = exports(client, consultation)
    assert route_csv[0] == [
        "id",
        "submit_time",
        "counted",
        "respondent_category",
        "name",
        "email",
        "setuju",
        "pendapat",
    ]
    assert wagtail_csv[0][-1] == "Pendapat"
    # The same rows; counted and the category read as words under labels.
    assert (
        wagtail_csv[1][:2] + wagtail_csv[1][4:] == route_csv[1][:2] + route_csv[1][4:]
    )


def test_exports_give_the_arrival_to_the_second_in_local_time(
    client, consultation, editor_with_permission
):
    """It was UTC with microseconds, and a bare date cell in the workbook."""
    client.force_login(editor_with_permission)
    submitted = consultation.source.get_submissions().get().submit_time
    local = timezone.localtime(submitted).replace(microsecond=0).isoformat()
    assert local.endswith("+07:00")
    for rows in exports(client, consultation):
        column = rows[0].index("submit_time") if "submit_time" in rows[0] else 1
        assert rows[1][column] == local


def test_exports_give_only_the_day_of_the_arrival_without_the_permission(
    client, consultation, editor
):
    """The minute of an answer can point at the one person who gave it."""
    client.force_login(editor)
    submitted = consultation.source.get_submissions().get().submit_time
    day = timezone.localdate(submitted).isoformat()
    for rows in exports(client, consultation):
        column = rows[0].index("submit_time") if "submit_time" in rows[0] else 1
        assert rows[1][column] == day


def test_screen_and_labelled_exports_read_as_words_and_scripts_keep_codes(
    client, consultation, editor
):
    """Editors read "False" and "pengguna" as codes."""
    client.force_login(editor)
    html = screen(client, consultation)
    assert "Tidak" in html and "Pengguna layanan" in html
    assert ">False<" not in html
    labelled_csv, labelled_xlsx, script_csv, script_xlsx = exports(client, consultation)
    for rows in (labelled_csv, labelled_xlsx):
        assert {"Tidak", "Pengguna layanan"} <= set(rows[1])
    for rows in (script_csv, script_xlsx):
        assert {"False", "pengguna"} <= set(rows[1])
