"""Failures with real processes: the database and the search cluster go away.

- Database: a gunicorn server reaches PostgreSQL through a TCP proxy that the
  test stops (connections refused) and starts again. The site answers 503 with
  the friendly page, answers posted meanwhile are not stored, and service
  resumes by itself: the next answer is stored exactly once, whole.
- Search cluster: the osmem-server process is killed under a running server.
  Pages serve, search falls back to the database with a notice, publishing
  works, and `search_reconcile` restores the index with nothing missing.
"""

import contextlib
import json
import socket
import subprocess
import sys
import threading

import pytest

from tests.live import ROOT, free_port, manage, start_gunicorn, stop
from tests.search_fixtures import start_osmem
from tests.test_scale_out import (
    POSTGRES_ONLY,
    Browser,
    form_data,
    get,
    log_in,
    publish_draft,
)
from tests.test_scale_out import live_site as live_site_fixture
from tests.test_scale_out import live_static as live_static_fixture

# Real server processes: CI runs them once, in its PostgreSQL pass.
pytestmark = pytest.mark.live

live_site = live_site_fixture
live_static = live_static_fixture


class TcpProxy:
    """Forwards 127.0.0.1:`port` to `target`; `stop()` refuses connections."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.open: list[socket.socket] = []

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Close the port and cut every open connection."""
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self.listener.close()
        for sock in self.open:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def in_process(env: dict, script: str):
    """Run `script` in a Django shell on env's database; the JSON it printed last."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def sql(env: dict, query: str, params: list) -> list:
    """Rows of `query` on env's database, read by a separate process."""
    return in_process(
        env,
        "import json; from django.db import connection\n"
        "with connection.cursor() as c:\n"
        f"    c.execute({query!r}, {params!r}); print(json.dumps(c.fetchall()))",
    )


INDEXED_IDS = (
    "import json; from search import index\n"
    "print(json.dumps(sorted(set().union(*index.indexed_ids().values()))))"
)


@pytest.mark.skipif(
    POSTGRES_ONLY.args[0],
    reason="needs PostgreSQL (DATABASE_URL=postgres://...): the outage is made by "
    "a TCP proxy in front of the database server",
)
@pytest.mark.django_db(transaction=True)
def test_database_outage_answers_503_and_service_resumes_by_itself(live_site):
    env, site = live_site
    database = env["DATABASE_URL"]
    host, port = database.split("@", 1)[1].split("/", 1)[0].split(":")
    proxy = TcpProxy((host, int(port)))
    proxy.start()
    proxied = database.replace(f"@{host}:{port}/", f"@127.0.0.1:{proxy.port}/")
    served = dict(env, DATABASE_URL=proxied)
    server_port = free_port()
    server = start_gunicorn(served, server_port, workers=1)
    base = f"http://127.0.0.1:{server_port}"
    url = base + site["consultation"]
    respondent = Browser()
    try:
        first = respondent.get(url)
        assert first.status_code == 200, (first.status_code, first.text[:300])
        answer = form_data(first.text)
        proxy.stop()
        down = respondent.get(url)
        assert down.status_code == 503
        assert down.headers["Retry-After"] == "30"
        assert "Service temporarily unavailable" in down.text
        assert respondent.post(url, data=answer).status_code == 503
        assert get(base + site["unit"] + "?fresh").status_code == 503

        proxy.start()
        assert respondent.get(url).status_code == 200
        assert respondent.post(url, data=answer).status_code == 200
    finally:
        stop(server)
        proxy.stop()
    submissions = sql(
        env,
        "SELECT id FROM consultation_consultationsubmission WHERE page_id = %s",
        [site["consultation_id"]],
    )
    assert len(submissions) == 1
    # Stored whole: the answer's text is in the one submission.
    stored = sql(
        env,
        "SELECT form_data FROM consultation_consultationsubmission WHERE id = %s",
        [submissions[0][0]],
    )
    assert "Jawaban uji" in str(stored[0][0])


@pytest.mark.django_db(transaction=True)
def test_search_cluster_killed_pages_serve_search_falls_back_index_restored(
    live_site,
):
    env, site = live_site
    port = free_port()
    cluster = start_osmem(port)
    env = dict(
        env,
        ELASTICSEARCH_URL=cluster.url,
        ELASTICSEARCH_OPENSEARCH="true",
        SEARCH_ANALYSIS_PROFILE="plain",
        SEARCH_INDEX_PREFIX="terpadu-live",
    )
    manage(env, "search_rebuild")
    before = set(in_process(env, INDEXED_IDS))
    assert site["news_id"] in before
    server_port = free_port()
    server = start_gunicorn(env, server_port, workers=1)
    base = f"http://127.0.0.1:{server_port}"
    try:
        found = get(f"{base}/api/search/?q=layanan").json()
        assert found["engine"] == "elasticsearch"

        cluster.process.kill()
        cluster.process.wait()
        assert get(base + site["unit"]).status_code == 200
        fallback = get(f"{base}/api/search/?q=layanan").json()
        assert fallback["engine"] == "database"
        assert "Jam layanan lama" in [hit["title"] for hit in fallback["results"]]
        page = get(f"{base}/en/search/?q=layanan")
        assert page.status_code == 200
        assert "results may be less precise" in page.text

        editor = Browser()
        log_in(editor, base)
        publish_draft(editor, base, site["news_id"])
        assert "Jam layanan baru" in get(base + site["news"]).text
    finally:
        stop(server)
    restarted = start_osmem(port)
    try:
        manage(env, "search_reconcile")
        after = set(in_process(env, INDEXED_IDS))
        assert before <= after
        results = get_engine_results(env, "baru")
        assert results == ["Jam layanan baru"]
    finally:
        restarted.close()


def get_engine_results(env: dict, text: str) -> list[str]:
    """Titles the cluster (not the database) finds for `text`."""
    return in_process(
        env,
        "import json; from search.query import parse_params\n"
        "from search.service import search\n"
        f"result = search(parse_params({{'q': {text!r}}}))\n"
        "assert result.engine == 'elasticsearch', result.engine\n"
        "print(json.dumps([hit.title for hit in result.hits]))",
    )
