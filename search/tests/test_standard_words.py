"""A standard is indexed as a citizen reads it (issue 21): its components'
values written as words ("3 hari kerja", "SGD 60"), never a form's empty
choice or an internal code."""

import pytest
from django.utils import timezone

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
