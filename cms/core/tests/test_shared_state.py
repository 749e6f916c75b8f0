"""Counters shared by every process of a site without Redis (`SHARED_STATE_DIR`).

Other processes are real ones, forked as gunicorn forks its workers.
"""

import multiprocessing
import time

import pytest
from django.core.cache import cache

from cms.core import page_cache, shared_state

FORK = multiprocessing.get_context("fork")


@pytest.fixture
def shared(settings, tmp_path):
    """Production without CACHE_URL: local-memory cache, counters in files."""
    settings.SHARED_STATE_DIR = tmp_path / "shared-state"
    cache.clear()
    yield tmp_path / "shared-state"
    cache.clear()


def in_other_processes(target, *args, processes: int = 1) -> None:
    children = [FORK.Process(target=target, args=args) for _ in range(processes)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0


def bump(name: str, times: int = 1) -> None:
    for _ in range(times):
        shared_state.bump_counter(name)


def hit(key: str, times: int = 1) -> None:
    for _ in range(times):
        shared_state.count_hit(key, timeout=60)


def test_a_counter_moved_by_another_process_is_seen_at_once(shared):
    before = shared_state.read_counter("pagecache:generation")
    in_other_processes(bump, "pagecache:generation")
    assert shared_state.read_counter("pagecache:generation") == before + 1
    assert shared.is_dir()


def test_concurrent_increments_are_never_lost(shared):
    before = shared_state.read_counter("pagecache:structure")
    in_other_processes(bump, "pagecache:structure", 250, processes=4)
    assert shared_state.read_counter("pagecache:structure") == before + 1000


def test_counters_start_from_the_clock_and_are_independent(shared):
    generation = shared_state.read_counter("pagecache:generation")
    assert generation >= (time.time_ns() // 1000) - 60_000_000
    shared_state.bump_counter("search:synonyms")
    assert shared_state.read_counter("pagecache:generation") == generation


def test_rate_limit_hits_of_every_process_add_up(shared):
    in_other_processes(hit, "rl:test", 5, processes=3)
    assert shared_state.count_hit("rl:test", timeout=60) == 16
    assert shared_state.count_hit("rl:other", timeout=60) == 1


def test_an_expired_rate_limit_count_starts_again(shared):
    shared_state.count_hit("rl:short", timeout=-1)
    assert shared_state.count_hit("rl:short", timeout=60) == 1
    assert shared_state.count_hit("rl:short", timeout=60) == 2


def test_without_the_setting_the_cache_holds_the_counters(settings):
    settings.SHARED_STATE_DIR = None
    cache.clear()
    before = shared_state.read_counter("pagecache:generation")
    assert cache.get("pagecache:generation") == before
    shared_state.bump_counter("pagecache:generation")
    assert cache.get("pagecache:generation") == before + 1
    assert shared_state.count_hit("rl:cache", timeout=60) == 1
    assert shared_state.count_hit("rl:cache", timeout=60) == 2


@pytest.mark.django_db
def test_a_change_in_another_process_makes_this_process_pages_stale(
    shared, settings, client, unit_a
):
    settings.PAGE_CACHE_SECONDS = 300
    url = unit_a.get_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    in_other_processes(page_cache.invalidate)
    assert client.get(url)["X-Page-Cache"] == "miss"
