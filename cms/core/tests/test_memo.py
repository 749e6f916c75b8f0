"""The process memo under gunicorn's threads: a value computed from an older
page tree is never kept for a newer one; a reading request reads the tree's
generation once, a writing one each time."""

import threading

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from cms.core import page_cache
from cms.core.memo import ReadingScopeMiddleware, remembered, request_generation


def test_a_value_computed_before_a_change_is_not_kept_after_it():
    cache.clear()
    key = ("memo-test",)

    def compute_while_the_tree_changes():
        # Another request publishes a page and reads the new tree meanwhile.
        page_cache.invalidate_site()
        assert remembered(None, key, lambda: "new") == "new"
        return "old"

    assert remembered(None, key, compute_while_the_tree_changes) == "old"
    assert remembered(None, key, lambda: "recomputed") == "new"


def test_threads_of_one_worker_share_the_memo():
    cache.clear()
    key = ("memo-test-threads",)
    computed = []

    def compute():
        computed.append(1)
        return "value"

    remembered(None, key, compute)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(remembered(None, key, compute)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["value"] * 4
    assert len(computed) == 1


def read_during(method: str) -> list[int]:
    """The generations a request of `method` sees before and after the tree
    changes in its middle."""
    seen = []

    def view(request):
        seen.append(request_generation(None))
        page_cache.invalidate_site()
        seen.append(request_generation(None))
        return HttpResponse()

    ReadingScopeMiddleware(view)(RequestFactory().generic(method, "/id/"))
    return seen


def test_a_reading_request_reads_the_tree_generation_once(monkeypatch):
    cache.clear()
    reads = []
    original = page_cache.tree_generation
    monkeypatch.setattr(
        page_cache, "tree_generation", lambda: reads.append(1) or original()
    )
    before, after = read_during("GET")
    assert before == after
    assert len(reads) == 1
    assert request_generation(None) != before  # outside the request: read again


def test_a_writing_request_reads_the_tree_generation_each_time():
    cache.clear()
    before, after = read_during("POST")
    assert before != after
