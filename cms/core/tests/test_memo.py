"""The process memo under gunicorn's threads: a value computed from an older
page tree is never kept for a newer one."""

import threading

from django.core.cache import cache

from cms.core import page_cache
from cms.core.memo import remembered


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
