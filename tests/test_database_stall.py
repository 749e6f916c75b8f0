"""A database that accepts connections and never answers (paused, overloaded).

The site must answer its 503 (HTML for pages and the admin, JSON for the API)
within seconds, not hold every worker until gunicorn kills it, and serve again
by itself once the database answers. The "database" here is a TCP listener on
a thread that accepts connections and says nothing, or, for the recovery, a
proxy to the real PostgreSQL that stalls on demand. The site runs in a child
process (its own settings, its database URL pointing at the listener) and
answers the paths the test sends it one by one, through Django's test client.
"""

import contextlib
import json
import os
import selectors
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection

from tests.live import ROOT, free_port

# The site runs in a child process: CI runs these once, in its PostgreSQL pass.
pytestmark = pytest.mark.live

# With the default DATABASE_CONNECT_TIMEOUT of 5 s, and the 1 s health check
# of a kept connection before it.
DEADLINE_SECONDS = 7.5
# How long the test waits for any answer: the child's start-up (Django and
# Wagtail imported on a loaded machine) and a request that would hang.
ANSWER_TIMEOUT = 120

CLIENT = """
import json, sys, time
import django
django.setup()
from django.db import close_old_connections
from django.test import Client
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "s" * 32  # the admin then reads the session
for line in sys.stdin:
    started = time.monotonic()
    # What the WSGI handler does around every request (the test client does
    # not): check kept connections, close those that failed.
    close_old_connections()
    response = client.get(line.strip())
    close_old_connections()
    print(json.dumps({
        "status": response.status_code,
        "seconds": time.monotonic() - started,
        "retry_after": response.get("Retry-After"),
        "content_type": response.get("Content-Type", ""),
        "body": response.content.decode()[:2000],
    }), flush=True)
"""


class StallingDatabase:
    """127.0.0.1:`port`: forwards to `target` unless stalled; stalled, it accepts
    connections, reads what they send and answers nothing, as a paused server."""

    def __init__(self, target: tuple[str, int] | None = None):
        self.target = target
        self.stalled = target is None
        self.port = free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port), backlog=64)
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.sockets.append(client)
            if self.stalled:
                threading.Thread(
                    target=self.swallow, args=(client,), daemon=True
                ).start()
                continue
            upstream = socket.create_connection(self.target)
            self.sockets.append(upstream)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(a, b), daemon=True).start()

    def pump(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if not self.stalled:
                    sink.sendall(data)
        for sock in (source, sink):  # one side closed: close the other
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    @staticmethod
    def swallow(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while sock.recv(65536):
                pass

    def close(self) -> None:
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


class Site:
    """The site in a child process; `get(path)` answers one request."""

    def __init__(self, database_url: str):
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="cms.settings.test",
            DATABASE_URL=database_url,
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", CLIENT],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def get(self, path: str) -> dict:
        """The answer to GET `path`; fails when none comes within a minute or
        two (the child's start-up included) instead of waiting for ever."""
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            assert selector.select(ANSWER_TIMEOUT), f"no answer to {path}"
        line = self.process.stdout.readline()
        assert line, "the site's process ended"
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def stalled_site():
    """The site on a database that never answers, and its answer per path."""
    database = StallingDatabase()
    site = Site(f"postgres://terpadu@127.0.0.1:{database.port}/terpadu")
    try:
        yield site
    finally:
        site.close()
        database.close()


def test_a_page_answers_the_503_page_within_seconds(stalled_site):
    answer = stalled_site.get("/id/")
    assert answer["status"] == 503
    assert answer["seconds"] < DEADLINE_SECONDS, answer["seconds"]
    assert answer["retry_after"] == "30"
    assert "Service temporarily unavailable" in answer["body"]


def test_the_api_answers_a_json_503_within_seconds(stalled_site):
    answer = stalled_site.get("/api/units/")
    assert answer["status"] == 503
    assert answer["seconds"] < DEADLINE_SECONDS, answer["seconds"]
    assert answer["retry_after"] == "30"
    assert answer["content_type"] == "application/json"
    # In the site's default language, as the API's other errors.
    assert "Layanan sedang tidak tersedia" in json.loads(answer["body"])["error"]


def test_the_admin_answers_the_503_page_within_seconds(stalled_site):
    answer = stalled_site.get("/admin/")
    assert answer["status"] == 503
    assert answer["seconds"] < DEADLINE_SECONDS, answer["seconds"]
    assert "Service temporarily unavailable" in answer["body"]


POSTGRES_ONLY = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")),
    reason="needs PostgreSQL (DATABASE_URL=postgres://...): the site stalls on "
    "and recovers through a proxy to the real database server",
)


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_a_kept_connection_that_stalls_answers_503_then_the_site_recovers():
    """A worker's persistent connection stops answering mid-life; the health
    check gives up, the reconnection times out, and once the database answers
    again the next request is served, with nobody restarting anything."""
    db = connection.settings_dict
    database = StallingDatabase((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    site = Site(f"postgres://{credentials}@127.0.0.1:{database.port}/{db['NAME']}")
    try:
        assert site.get("/api/units/")["status"] == 200  # the connection is kept

        database.stalled = True
        started = time.monotonic()
        stalled = site.get("/api/units/")
        assert stalled["status"] == 503
        assert time.monotonic() - started < DEADLINE_SECONDS, stalled["seconds"]

        database.stalled = False
        assert site.get("/api/units/")["status"] == 200
    finally:
        site.close()
        database.close()
        wait_until_other_sessions_end()


def wait_until_other_sessions_end(timeout: float = 10) -> None:
    """The test database is dropped after the test: let the server end the
    sessions it served through the proxy first."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)
