"""Seeding in bulk (`cms.core.seeding.upkeep_deferred`): the per-save upkeep
waits, and the page cache, the admin search and the reference index are in
line with the new pages once the block ends."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, ReferenceIndex

from cms.core.seeding import seeding_in_bulk, upkeep_deferred
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

CACHED = "X-Page-Cache"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def admin_search_finds(title: str) -> bool:
    return title in [page.title for page in Page.objects.search(title)]


def test_pages_built_in_bulk_are_fresh_searchable_and_referenced_afterwards(
    client, unit_a, page_cache_on, django_capture_on_commit_callbacks
):
    unit_url = unit_a.get_url()
    client.get(unit_url)
    with upkeep_deferred():
        assert seeding_in_bulk()
        with django_capture_on_commit_callbacks(execute=True):
            unit_a.title = "KJRI Vancouver"
            unit_a.save_revision().publish()
            standard = ServiceStandardPageFactory(
                parent=unit_a, title="Legalisasi dokumen", slug="legalisasi"
            )
            standard.save_revision().publish()
        # Nothing was kept in line on each save.
        assert client.get(unit_url)[CACHED] == "hit"
        assert not admin_search_finds("Legalisasi dokumen")
        assert not ReferenceIndex.get_references_for_object(standard).exists()
    assert not seeding_in_bulk()
    response = client.get(unit_url)
    assert response[CACHED] == "miss"
    assert "KJRI Vancouver" in response.content.decode()
    assert admin_search_finds("Legalisasi dokumen")
    assert ReferenceIndex.get_references_for_object(standard).exists()


def test_upkeep_is_per_save_again_after_the_block(unit_a):
    with upkeep_deferred():
        pass
    standard = ServiceStandardPageFactory(
        parent=unit_a, title="Surat keterangan", slug="surat-keterangan"
    )
    standard.save_revision().publish()
    assert admin_search_finds("Surat keterangan")
    assert ReferenceIndex.get_references_for_object(standard).exists()


def test_a_block_that_saves_nothing_leaves_the_cached_pages(
    client, unit_a, page_cache_on
):
    """A second `seed_demo` finds the demo built: nothing to catch up."""
    unit_url = unit_a.get_url()
    client.get(unit_url)
    with upkeep_deferred():
        Page.objects.filter(pk=unit_a.pk).exists()
    assert client.get(unit_url)[CACHED] == "hit"
