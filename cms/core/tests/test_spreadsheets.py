"""The guard of every export: formula text is quoted, everything else kept."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from cms.core.spreadsheets import safe_cell, safe_mapping, safe_row
from tests.spreadsheet_checks import ORDINARY, PREFIXES, formula


@pytest.mark.parametrize("prefix", PREFIXES)
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(prefix):
    assert safe_cell(formula(prefix)) == "'" + formula(prefix)


@pytest.mark.parametrize(
    "value",
    [ORDINARY, "", "2024-01-01", "a=b", " =1+1", None, True],
)
def test_ordinary_values_are_unchanged(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize(
    "value", [-3, -2.5, Decimal("-1.25"), 0, datetime.date(2024, 1, 1)]
)
def test_numbers_and_dates_stay_what_they_are(value):
    result = safe_cell(value)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize("text", ["-12", "-12.5", "+3", "-1e5", "-.5"])
def test_a_negative_number_written_as_text_is_not_quoted(text):
    assert safe_cell(text) == text


def test_rows_and_mappings_are_made_safe_cell_by_cell():
    assert safe_row(["=1+1", -3, ORDINARY]) == ["'=1+1", -3, ORDINARY]
    assert safe_mapping({"a": "@x", "b": 2}) == {"a": "'@x", "b": 2}


def test_openpyxl_stores_a_safe_formula_text_as_a_string_cell():
    workbook = Workbook()
    workbook.active.append(safe_row([formula("="), -3]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    text, number = next(load_workbook(buffer).active.iter_rows())
    assert (text.value, text.data_type) == ("'" + formula("="), "s")
    assert (number.value, number.data_type) == (-3, "n")
