"""The signed minutes (berita acara) of a consultation meeting as a PDF.

The demo attaches them to its consultation with an outcome: a real record of
the meeting (date, format, place, participants per category, what was said,
what changes, the commitments), not a blank page. A plain PDF 1.4 with the
standard Helvetica font, written here so that no PDF library is needed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from django.utils.html import strip_tags

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN, LEADING, FONT_SIZE = 56, 15, 10
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
WRAP_AT = 95


def minutes_lines(page) -> list[str]:
    """The meeting's record as lines of text, from the consultation's fields."""
    lines = [
        "BERITA ACARA FORUM KONSULTASI PUBLIK",
        page.title,
        "",
        f"Tanggal: {page.meeting_held_on:%d-%m-%Y}",
        f"Bentuk: {page.get_meeting_format_display()}",
        f"Tempat: {page.meeting_place}",
        "",
        "Peserta:",
    ]
    lines += [
        f"- {p.get_category_display()}: {p.count} orang"
        for p in page.participations.all()
    ]
    lines += ["", "Ringkasan masukan:", strip_tags(page.outcome_summary)]
    lines += ["", "Perubahan yang disepakati:", strip_tags(page.outcome_changes)]
    lines += ["", "Tindak lanjut:"]
    lines += [
        f"- {c.action} ({c.owner}, paling lambat {c.due_date:%d-%m-%Y})"
        for c in page.commitments.all()
    ]
    return lines


def pdf_text(text: str) -> str:
    """`text` as a PDF string literal's content (Latin-1, escaped)."""
    latin = text.encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def wrapped(lines: Iterable[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += textwrap.wrap(line, WRAP_AT) or [""]
    return out


def page_stream(lines: list[str]) -> bytes:
    commands = [
        "BT",
        f"/F1 {FONT_SIZE} Tf",
        f"{LEADING} TL",
        f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td",
    ]
    commands += [f"({pdf_text(line)}) Tj T*" for line in lines]
    commands.append("ET")
    return "\n".join(commands).encode("latin-1")


def render_pdf(lines: list[str]) -> bytes:
    """A PDF of `lines`, wrapped and spread over as many A4 pages as needed."""
    text = wrapped(lines)
    chunks = [
        text[i : i + LINES_PER_PAGE] for i in range(0, len(text), LINES_PER_PAGE)
    ] or [[]]
    count = len(chunks)
    # Objects: 1 catalog, 2 page tree, 3 font, then a page and its stream each.
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        f"<</Type/Pages/Kids[{kids}]/Count {count}>>".encode(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
    ]
    for i, chunk in enumerate(chunks):
        stream = page_stream(chunk)
        objects.append(
            f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {PAGE_WIDTH} {PAGE_HEIGHT}]"
            f"/Resources<</Font<</F1 3 0 R>>>>/Contents {5 + 2 * i} 0 R>>".encode()
        )
        objects.append(
            f"<</Length {len(stream)}>>stream\n".encode() + stream + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def minutes_pdf(page) -> bytes:
    return render_pdf(minutes_lines(page))
