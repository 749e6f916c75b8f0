"""Counters every process of one site must agree on, with or without Redis.

The page cache's generations, the search vocabulary's and synonyms' versions
and the public forms' rate-limit counts must be the same in every gunicorn
worker and in every `manage.py` command (scheduled publishing, imports): a page
published through one worker must be fresh in all the others at once.

With `CACHE_URL` (Redis) they live in the shared cache. Django's local-memory
cache, the default, is private to each process; when `SHARED_STATE_DIR` is set
(production settings without `CACHE_URL`) they live in two files there
instead, one pair per database: the counters in a memory-mapped file (a read is
a memory access, an increment takes a file lock) and the rate-limit hits in a
small SQLite file (an atomic upsert). Processes of one machine then share them,
while the cached pages themselves stay in each process's memory, keyed by the
shared generation. Without the setting (development server, tests) the
process-local cache is the whole truth.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import mmap
import os
import random
import sqlite3
import struct
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection

# The counters' slots in the memory-mapped file, in this order.
COUNTERS = (
    "pagecache:generation",
    "pagecache:structure",
    "search:store-generation",
    "search:synonyms",
)
_SLOTS = {name: slot for slot, name in enumerate(COUNTERS)}
_SLOT = struct.Struct("<q")
_lock = threading.RLock()
# Per process and directory (a forked child opens its own), so the hot path
# (a read on every request) is one dictionary lookup and a memory read.
_files: dict[tuple[int, Path], _MappedCounters] = {}
_hit_stores = threading.local()


def _start_value() -> int:
    """Counters start from the clock, so a lost counter never repeats a value."""
    return time.time_ns() // 1000


def shared_directory() -> Path | None:
    """Where the files live, or None when the cache is shared (or the truth)."""
    directory = getattr(settings, "SHARED_STATE_DIR", None)
    if not directory or not isinstance(caches["default"], LocMemCache):
        return None
    return Path(directory)


@functools.cache
def _database_name() -> str:
    """One name per database, so two sites on one machine never mix."""
    db = connection.settings_dict
    identity = f"{db['ENGINE']}|{db.get('HOST')}|{db.get('PORT')}|{db['NAME']}"
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


class _MappedCounters:
    """Fixed slots of signed 64-bit counters in a file every process maps."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        size = _SLOT.size * len(COUNTERS)
        with self.locked():
            if os.fstat(self.fd).st_size < size:
                os.ftruncate(self.fd, size)  # new slots read as zero
        self.map = mmap.mmap(self.fd, size)

    @contextmanager
    def locked(self):
        with _lock:  # threads of this process
            fcntl.flock(self.fd, fcntl.LOCK_EX)  # other processes
            try:
                yield
            finally:
                fcntl.flock(self.fd, fcntl.LOCK_UN)

    def read(self, slot: int) -> int:
        value = _SLOT.unpack_from(self.map, slot * _SLOT.size)[0]
        if value:
            return value
        with self.locked():
            if not _SLOT.unpack_from(self.map, slot * _SLOT.size)[0]:
                _SLOT.pack_into(self.map, slot * _SLOT.size, _start_value())
        return _SLOT.unpack_from(self.map, slot * _SLOT.size)[0]

    def bump(self, slot: int) -> None:
        with self.locked():
            value = _SLOT.unpack_from(self.map, slot * _SLOT.size)[0]
            _SLOT.pack_into(self.map, slot * _SLOT.size, (value or _start_value()) + 1)


def _mapped_counters(directory: Path) -> _MappedCounters:
    # Opened again in a forked child: a lock on an inherited file description
    # would not exclude the parent.
    key = (os.getpid(), directory)
    counters = _files.get(key)
    if counters is None:
        with _lock:
            path = directory / f"{_database_name()}.counters"
            counters = _files.get(key) or _MappedCounters(path)
            _files[key] = counters
    return counters


def read_counter(name: str) -> int | None:
    """The counter's value (created on first use); None without a working cache."""
    directory = shared_directory()
    if directory is not None:
        return _mapped_counters(directory).read(_SLOTS[name])
    value = cache.get(name)
    if value is None:
        cache.add(name, _start_value(), timeout=None)
        value = cache.get(name)
    return value


def bump_counter(name: str) -> None:
    """Increment the counter, for every process of the site."""
    directory = shared_directory()
    if directory is not None:
        _mapped_counters(directory).bump(_SLOTS[name])
        return
    try:
        cache.incr(name)
    except ValueError:  # not there (first use or evicted)
        cache.add(name, _start_value(), timeout=None)


def _hit_store(directory: Path) -> sqlite3.Connection:
    key = (os.getpid(), directory)
    store = getattr(_hit_stores, "by_path", {}).get(key)
    if store is None:
        path = directory / f"{_database_name()}.hits.sqlite3"
        directory.mkdir(parents=True, exist_ok=True)
        store = sqlite3.connect(path, timeout=10, isolation_level=None)
        store.execute("PRAGMA journal_mode=WAL")
        store.execute("PRAGMA synchronous=NORMAL")
        store.execute(
            "CREATE TABLE IF NOT EXISTS hits (key TEXT PRIMARY KEY,"
            " expires INTEGER NOT NULL, count INTEGER NOT NULL)"
        )
        _hit_stores.by_path = {key: store}
    return store


def count_hit(key: str, timeout: int) -> int:
    """Count one hit of `key` (alive `timeout` seconds from the first); the total."""
    directory = shared_directory()
    if directory is None:
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, timeout=timeout)
            return 1
    store = _hit_store(directory)
    now = int(time.time())
    if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
        store.execute("DELETE FROM hits WHERE expires < ?", (now,))
    (count,) = store.execute(
        "INSERT INTO hits (key, expires, count) VALUES (:key, :expires, 1)"
        " ON CONFLICT (key) DO UPDATE SET"
        " count = CASE WHEN expires < :now THEN 1 ELSE count + 1 END,"
        " expires = CASE WHEN expires < :now THEN excluded.expires ELSE expires END"
        " RETURNING count",
        {"key": key, "now": now, "expires": now + timeout},
    ).fetchone()
    return count
