"""Service standards in the site search (standards/documents.py)."""

import datetime

import pytest
from django.utils import timezone

from search.indexing import rebuild
from search.query import parse_params
from search.registry import registry
from search.service import search
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard(unit_b):
    return ServiceStandardPageFactory(
        parent=unit_b,
        title="Legalisasi dokumen perdata",
        slug="legalisasi-dokumen-perdata",
        summary="Pengesahan tanda tangan pada dokumen untuk digunakan di luar negeri.",
        category="legalisasi",
        effective_date=datetime.date(2024, 3, 1),
        facilities="Ruang tunggu dan loket khusus penyandang disabilitas.",
        first_published_at=timezone.now(),
    )


def test_standard_document_carries_its_facets(standard):
    doc = registry.build(standard)
    assert (doc.kind, doc.unit, doc.unit_type, doc.year, doc.locale) == (
        "standard",
        "KBRI Singapura",
        "kbri",
        2024,
        "id",
    )
    assert doc.category
    assert "disabilitas" in doc.body


def test_standard_is_found_by_a_component_word_with_its_kind_facet(
    standard, search_engine
):
    rebuild()
    result = search(parse_params({"q": "disabilitas", "locale": "id"}))
    assert [h.title for h in result.hits] == ["Legalisasi dokumen perdata"]
    assert [(f.value, f.count) for f in result.facets["kind"]] == [("standard", 1)]
    assert [(f.value, f.count) for f in result.facets["year"]] == [("2024", 1)]


def test_results_page_shows_a_standards_fee_and_time_in_force(
    client, unit_b, search_engine
):
    """A citizen asking "berapa biaya legalisasi" sees the fee under the
    result, not only on the standard's page, read live (as its card says it)."""
    from standards.factories import fee_items

    ServiceStandardPageFactory(
        parent=unit_b,
        title="Legalisasi dokumen perdata",
        slug="legalisasi-dokumen-perdata",
        summary="Pengesahan tanda tangan pada dokumen.",
        fees=fee_items(amount="45", currency="SGD"),
        completion_time_value=2,
        completion_time_unit="hari_kerja",
    )
    rebuild()
    html = client.get("/id/search/?q=biaya+legalisasi").content.decode()
    facts = html[html.index('class="search-result__facts"') :][:200]
    assert "SGD 45" in facts
    assert "2 hari kerja" in facts
