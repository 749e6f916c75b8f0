"""The database engine on PostgreSQL: one statement per search (search/fulltext.py)."""

import pytest
from django.db import connection

from cms.core.factories import ContentPageFactory
from search.indexing import rebuild
from search.query import parse_params
from search.service import search

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
    ),
]


def test_a_search_is_one_statement_with_counts_facets_and_the_page(
    settings, unit_a, django_assert_num_queries
):
    settings.ELASTICSEARCH_URL = ""
    for n in range(12):
        ContentPageFactory(
            parent=unit_a, title=f"Pengumuman paspor {n}", intro="Jadwal layanan."
        )
    rebuild()
    params = parse_params({"q": "paspor", "locale": "id", "page": "2"})
    search(params)  # synonyms are read once, then cached
    with django_assert_num_queries(1):
        result = search(params)
    assert (result.total, len(result.hits)) == (12, 2)
    assert {(f.value, f.count) for f in result.facets["kind"]} == {("page", 12)}


def test_the_search_vector_follows_every_write(settings, unit_a):
    settings.ELASTICSEARCH_URL = ""
    page = ContentPageFactory(parent=unit_a, title="Legalisasi", intro="Dokumen.")
    rebuild()
    page.title = "Kalibrasi"
    page.save_revision().publish()
    rebuild()
    assert not search(parse_params({"q": "legalisasi", "locale": "id"})).total
    assert search(parse_params({"q": "kalibrasi", "locale": "id"})).total == 1
