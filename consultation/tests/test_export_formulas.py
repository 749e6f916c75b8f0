"""Answers cannot become live formulas in any export of the consultation app.

A respondent's `=HYPERLINK(...)` (or any text starting with `+`, `-`, `@`, a tab
or a carriage return) comes out of the CSV and XLSX exports quoted, and as a
string cell in XLSX; ordinary answers come out as they were.
"""

import pytest
from django.urls import reverse

from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.models import ConsultationSubmission
from tests.spreadsheet_checks import (
    ORDINARY,
    PREFIXES,
    csv_values,
    formula,
    has_no_formula,
    xlsx_cell,
    xlsx_cells,
)

pytestmark = pytest.mark.django_db


def survey_export(client, survey, fmt):
    return client.get(reverse("consultation_survey:export", args=[survey.pk, fmt]))


@pytest.mark.parametrize("prefix", PREFIXES)
def test_survey_csv_quotes_a_formula_suggestion(
    client, survey, respond, superuser, prefix
):
    respond([3] * 9, suggestion=formula(prefix))
    client.force_login(superuser)
    values = csv_values(survey_export(client, survey, "csv"))
    assert "'" + formula(prefix) in values
    assert formula(prefix) not in values


@pytest.mark.parametrize("prefix", PREFIXES)
def test_survey_xlsx_stores_a_formula_suggestion_as_text(
    client, survey, respond, superuser, prefix
):
    respond([3] * 9, suggestion=formula(prefix))
    client.force_login(superuser)
    response = survey_export(client, survey, "xlsx")
    cells = xlsx_cells(response)
    assert xlsx_cell(cells, "'" + formula(prefix)).data_type == "s"
    assert has_no_formula(cells)


def test_survey_exports_keep_an_ordinary_suggestion(client, survey, respond, superuser):
    respond([3] * 9, suggestion=ORDINARY)
    client.force_login(superuser)
    assert ORDINARY in csv_values(survey_export(client, survey, "csv"))
    assert (
        xlsx_cell(xlsx_cells(survey_export(client, survey, "xlsx")), ORDINARY).data_type
        == "s"
    )


@pytest.mark.parametrize("prefix", PREFIXES)
def test_survey_report_xlsx_stores_a_formula_title_as_text(
    client, survey, respond, superuser, passport, prefix
):
    respond([4] * 9, service=passport)
    passport.title = formula(prefix)
    passport.save()
    client.force_login(superuser)
    url = reverse("consultation_survey:report", args=[survey.pk])
    response = client.get(url, {"period": "survey", "format": "xlsx"})
    cells = xlsx_cells(response)
    assert xlsx_cell(cells, "'" + formula(prefix)).data_type == "s"
    assert has_no_formula(cells)


@pytest.fixture
def consultation(unit_a):
    page = ConsultationPageFactory(parent=unit_a, title="Konsultasi", slug="fkp")
    ConsultationFormFieldFactory(page=page, label="Pendapat", field_type="singleline")
    return page


@pytest.fixture
def answer(consultation):
    def make(text):
        return ConsultationSubmission.objects.create(
            page=consultation, form_data={"pendapat": text}, respondent_key="k:1"
        )

    return make


def consultation_export(client, page, fmt):
    return client.get(reverse("consultation_fkp:export", args=[page.pk, fmt]))


@pytest.mark.parametrize("prefix", PREFIXES)
def test_consultation_csv_quotes_a_formula_answer(
    client, consultation, answer, superuser, prefix
):
    answer(formula(prefix))
    client.force_login(superuser)
    values = csv_values(consultation_export(client, consultation, "csv"))
    assert "'" + formula(prefix) in values
    assert formula(prefix) not in values


@pytest.mark.parametrize("prefix", PREFIXES)
def test_consultation_xlsx_stores_a_formula_answer_as_text(
    client, consultation, answer, superuser, prefix
):
    answer(formula(prefix))
    client.force_login(superuser)
    response = consultation_export(client, consultation, "xlsx")
    cells = xlsx_cells(response)
    assert xlsx_cell(cells, "'" + formula(prefix)).data_type == "s"
    assert has_no_formula(cells)


def test_consultation_exports_keep_an_ordinary_answer(
    client, consultation, answer, superuser
):
    answer(ORDINARY)
    client.force_login(superuser)
    assert ORDINARY in csv_values(consultation_export(client, consultation, "csv"))
    response = consultation_export(client, consultation, "xlsx")
    assert xlsx_cell(xlsx_cells(response), ORDINARY).data_type == "s"


def wagtail_export(client, page, fmt):
    """Wagtail's own form-submissions export (`/admin/forms/submissions/`)."""
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    return client.get(url, {"export": fmt})


@pytest.mark.parametrize("prefix", PREFIXES)
def test_wagtail_submissions_csv_quotes_a_formula_answer(
    client, consultation, answer, superuser, prefix
):
    answer(formula(prefix))
    client.force_login(superuser)
    values = csv_values(wagtail_export(client, consultation, "csv"))
    assert "'" + formula(prefix) in values
    assert formula(prefix) not in values


@pytest.mark.parametrize("prefix", PREFIXES)
def test_wagtail_submissions_xlsx_stores_a_formula_answer_as_text(
    client, consultation, answer, superuser, prefix
):
    answer(formula(prefix))
    client.force_login(superuser)
    response = wagtail_export(client, consultation, "xlsx")
    cells = xlsx_cells(response)
    assert xlsx_cell(cells, "'" + formula(prefix)).data_type == "s"
    assert has_no_formula(cells)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_wagtail_submissions_csv_quotes_a_formula_question_label(
    client, consultation, answer, superuser, prefix
):
    consultation.form_fields.update(label=formula(prefix))
    answer(ORDINARY)
    client.force_login(superuser)
    values = csv_values(wagtail_export(client, consultation, "csv"))
    assert "'" + formula(prefix) in values
    assert formula(prefix) not in values


def test_wagtail_submissions_exports_keep_an_ordinary_answer(
    client, consultation, answer, superuser
):
    answer(ORDINARY)
    client.force_login(superuser)
    assert ORDINARY in csv_values(wagtail_export(client, consultation, "csv"))
    response = wagtail_export(client, consultation, "xlsx")
    assert xlsx_cell(xlsx_cells(response), ORDINARY).data_type == "s"
