"""The signed minutes PDF (`consultation.forums.minutes`): a well-formed PDF
whose pages carry the meeting's record."""

import re

from consultation.forums.minutes import LINES_PER_PAGE, render_pdf


def objects_at_their_offsets(pdf: bytes) -> bool:
    """Every xref entry points at the start of its object."""
    xref = int(re.search(rb"startxref\n(\d+)\n%%EOF", pdf).group(1))
    entries = re.findall(rb"(\d{10}) 00000 n ", pdf[xref:])
    return all(
        pdf[int(offset) :].startswith(f"{number} 0 obj".encode())
        for number, offset in enumerate(entries, start=1)
    )


def test_the_minutes_are_a_pdf_with_the_meetings_text():
    pdf = render_pdf(["BERITA ACARA", "Tempat: Gedung (lantai 2), Jakarta"])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert objects_at_their_offsets(pdf)
    assert b"(BERITA ACARA) Tj" in pdf
    assert b"(Tempat: Gedung \\(lantai 2\\), Jakarta) Tj" in pdf
    assert b"/Count 1" in pdf


def test_a_long_record_runs_over_several_pages():
    pdf = render_pdf([f"Baris {n}" for n in range(LINES_PER_PAGE * 2 + 1)])
    assert b"/Count 3" in pdf
    assert objects_at_their_offsets(pdf)
    assert b"(Baris 0) Tj" in pdf and f"(Baris {LINES_PER_PAGE * 2}) Tj".encode() in pdf
