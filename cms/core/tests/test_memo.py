"""The process memo under gunicorn's threads: a value computed from an older
page tree is never kept for a newer one; a request reads the tree's generation
once, and again after its own change."""

import threading

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from cms.core import page_cache
from cms.core.memo import ReadingScopeMiddleware, remembered


def test_a_value_computed_before_a_change_is_not_kept_after_it():
    cache.clear()
    key = ("memo-test",)

    def compute_while_the_tree_changes():
        # Another request publishes a page and reads the new tree meanwhile.
        page_cache.invalidate_site()
        assert remembered(key, lambda: "new") == "new"
        return "old"

    assert remembered(key, compute_while_the_tree_changes) == "old"
    assert remembered(key, lambda: "recomputed") == "new"


def test_threads_of_one_worker_share_the_memo():
    cache.clear()
    key = ("memo-test-threads",)
    computed = []

    def compute():
        computed.append(1)
        return "value"

    remembered(key, compute)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(remembered(key, compute)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["value"] * 4
    assert len(computed) == 1


def generations_seen(method: str, during) -> tuple[list[int], int]:
    """The tree generations a request of `method` sees before and after
    `during()` runs in its middle, and how many times it read the cache."""
    seen, reads = [], []
    original = page_cache.generations.read

    def counting_read(key):
        reads.append(key)
        return original(key)

    def view(request):
        seen.append(page_cache.tree_generation())
        seen.append(page_cache.tree_generation())
        during()
        seen.append(page_cache.tree_generation())
        return HttpResponse()

    page_cache.generations.read = counting_read
    try:
        ReadingScopeMiddleware(view)(RequestFactory().generic(method, "/id/"))
    finally:
        page_cache.generations.read = original
    return seen, len(reads)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_request_reads_the_tree_generation_once(method):
    cache.clear()
    seen, reads = generations_seen(method, lambda: None)
    assert len(set(seen)) == 1
    assert reads == 1


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_request_sees_its_own_change_to_the_tree(method):
    cache.clear()
    seen, reads = generations_seen(method, page_cache.invalidate_site)
    assert seen[0] == seen[1] != seen[2]
    assert reads == 2


def test_another_process_change_shows_from_the_next_request():
    cache.clear()

    def another_process_publishes():
        page_cache.generations.bump(page_cache.TREE_KEY)

    seen, _ = generations_seen("GET", another_process_publishes)
    assert len(set(seen)) == 1  # one consistent tree within the request
    assert page_cache.tree_generation() != seen[0]  # outside it: read again


def test_a_request_that_changed_the_tree_keeps_none_of_its_values():
    """What it computes may rest on rows its transaction will roll back."""
    cache.clear()
    key = ("memo-test-uncommitted",)
    seen = []

    def view(request):
        page_cache.invalidate_site()
        seen.append(remembered(key, lambda: "uncommitted"))
        seen.append(remembered(key, lambda: "again"))
        return HttpResponse()

    ReadingScopeMiddleware(view)(RequestFactory().post("/admin/pages/1/edit/"))
    assert seen == ["uncommitted", "again"]

    def next_request(request):
        seen.append(remembered(key, lambda: "committed"))
        return HttpResponse()

    ReadingScopeMiddleware(next_request)(RequestFactory().get("/id/"))
    assert seen[-1] == "committed"
