"""Django's PostgreSQL backend, its health check bounded in time.

Django checks a kept connection (`CONN_MAX_AGE`, `CONN_HEALTH_CHECKS`) with a
`SELECT 1` before a request uses it. A server that stopped answering without
closing its connections (paused, overloaded, a network that drops packets)
would hold that `SELECT 1`, and the worker, until gunicorn kills it: the
connect timeout only covers new connections and the statement timeout is the
server's own. Here the check waits `HEALTH_CHECK_TIMEOUT` seconds at most, on
libpq's public interface (`psycopg.pq`); a connection that did not answer is
closed, and Django opens a new one within the connect timeout, or fails with
OperationalError, which the site answers with its 503 page.

Used through `ENGINE = "cms.core.postgresql"` (Django's documented way of
subclassing a built-in backend), set by the settings for PostgreSQL URLs.
"""

from __future__ import annotations

import selectors
import time

import psycopg
from django.db.backends.postgresql import base
from psycopg import pq

# A working server answers `SELECT 1` on an open connection in well under a
# millisecond; one second of silence means it is not answering. A healthy
# connection that misses it only costs a reconnection.
HEALTH_CHECK_TIMEOUT = 1.0


def answers_within(pgconn: pq.PGconn, timeout: float) -> bool:
    """Send `SELECT 1` and wait at most `timeout` seconds for its result."""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(pgconn.socket, selectors.EVENT_WRITE)
        pgconn.send_query(b"SELECT 1")
        while pgconn.flush():  # a non-blocking connection: not all sent yet
            if not wait(selector, deadline):
                return False
        selector.modify(pgconn.socket, selectors.EVENT_READ)
        pgconn.consume_input()
        while pgconn.is_busy():
            if not wait(selector, deadline):
                return False
            pgconn.consume_input()
    healthy = True
    while (result := pgconn.get_result()) is not None:
        healthy = healthy and result.status == pq.ExecStatus.TUPLES_OK
    return healthy


def wait(selector: selectors.BaseSelector, deadline: float) -> bool:
    """Wait for the socket until `deadline`; False when the time ran out."""
    remaining = deadline - time.monotonic()
    return remaining > 0 and bool(selector.select(remaining))


class DatabaseWrapper(base.DatabaseWrapper):
    """PostgreSQL whose kept connections must answer their health check in time."""

    def is_usable(self) -> bool:
        if self.connection is None:
            return False
        try:
            return answers_within(self.connection.pgconn, HEALTH_CHECK_TIMEOUT)
        except psycopg.Error:
            return False
