"""A standard is indexed as a citizen reads it (issue 21): its components'
values written as words ("3 hari kerja", "SGD 60"), never a form's empty
choice or an internal code."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation

from search.registry import registry
from standards.factories import ServiceStandardPageFactory, fee_items

pytestmark = pytest.mark.django_db

CODES = ("hari_kerja", "asli_dan_fotokopi", "wni_dewasa", "bukan_dokumen")
EMPTY_CHOICES = ("select an option", "pilih salah satu", "---------")


def document_text(page) -> str:
    doc = registry.build(page)
    return f"{doc.title} {doc.summary} {doc.body} {doc.keywords}"


def test_a_standard_reads_its_values_as_words(unit_a):
    page = ServiceStandardPageFactory(
        parent=unit_a,
        fees=fee_items(amount="60", currency="SGD"),
        first_published_at=timezone.now(),
    )
    text = document_text(page)
    assert "3 hari kerja" in text
    assert "SGD 60" in text or "60 SGD" in text
    lowered = text.lower()
    for code in CODES:
        assert f" {code} " not in f" {lowered} ", code
    for empty in EMPTY_CHOICES:
        assert empty not in lowered, empty


def test_a_fee_charged_on_top_is_no_true_or_false_in_the_text_readers_see(unit_a):
    """A fee's yes/no (charged on top) was indexed as "True"/"False", and search
    snippets, made from the body, showed "50 SGD False Fine 85 SGD True"."""
    page = ServiceStandardPageFactory(
        parent=unit_a,
        fees=[
            ("fee", {"label": "Paspor", "amount": Decimal(50), "currency": "SGD"}),
            (
                "fee",
                {
                    "label": "Denda",
                    "amount": Decimal(85),
                    "currency": "SGD",
                    "added": True,
                },
            ),
        ],
        first_published_at=timezone.now(),
    )
    text = document_text(page)
    assert "Paspor (50 SGD) · Denda (85 SGD)" in text
    assert not {"True", "False"} & set(text.split())


def test_a_free_standard_is_found_by_free_words_that_its_snippet_does_not_show(
    unit_a,
):
    page = ServiceStandardPageFactory(
        parent=unit_a, fees=[], is_free=True, first_published_at=timezone.now()
    )
    doc = registry.build(page)
    assert "gratis" in doc.keywords
    assert "gratis" not in doc.body


def test_a_snippet_reads_each_requirement_step_and_regulation_as_the_page_does(
    unit_a,
):
    """A requirement's description and its form ran together ("… kepolisian
    setempat Asli …"); a regulation read "Undang-Undang 25 2009 …"."""
    page = ServiceStandardPageFactory(
        parent=unit_a,
        requirements=[
            (
                "requirement",
                {"description": "Surat keterangan hilang", "document_form": "asli"},
            ),
            ("requirement", {"description": "Paspor lama"}),
        ],
        procedure=[
            (
                "step",
                {
                    "description": "Petugas memeriksa berkas",
                    "actor": "petugas",
                    "duration_value": 2,
                    "duration_unit": "hari_kerja",
                },
            )
        ],
        legal_basis=[
            (
                "instrument",
                {
                    "instrument_type": "uu",
                    "number": "25",
                    "year": 2009,
                    "title": "Pelayanan Publik",
                },
            )
        ],
        first_published_at=timezone.now(),
    )
    text = document_text(page)
    assert "Surat keterangan hilang (Asli) · Paspor lama ·" in text
    assert "Petugas memeriksa berkas (Petugas, 2 hari kerja)" in text
    step = page.procedure[0]
    step.value["duration_value"] = 1
    with translation.override("en"):
        assert step.block.get_searchable_content(step.value) == [
            "Petugas memeriksa berkas (Officer, 1 working day)"
        ]
    assert "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik" in text
