"""Search test fixtures: the osmem-server cluster and the engine parameter.

`search_engine` runs a test once per engine: `database` (Wagtail's database
backend: SQLite, or PostgreSQL when DATABASE_URL says so) and `elasticsearch`
(a fresh clone of a session-wide osmem-server on a free 127.0.0.1 port, with the
plain analysis profile since osmem has no Indonesian stemmer). Elasticsearch
tests skip, saying why, only when osmem-server cannot start.
"""

import socket

import pytest

SKIP_REASON = (
    "osmem-server (in-memory OpenSearch-compatible test cluster) could not start"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_osmem(port: int | None = None):
    """Start osmem-server on 127.0.0.1 (a free port unless given)."""
    from osmem_server import OsmemServer

    return OsmemServer.start(addr=f"127.0.0.1:{port or free_port()}", japanese=False)


@pytest.fixture(scope="session")
def search_cluster_server():
    """One osmem-server for the session (skips the test if it cannot start)."""
    try:
        server = start_osmem()
    except Exception as error:  # noqa: BLE001 - any start failure means skip
        pytest.skip(f"{SKIP_REASON}: {error}")
    yield server
    server.close()


@pytest.fixture
def use_cluster(settings):
    """Point the search settings at `url` (OpenSearch mode, plain analysis)."""
    from search.engines import elasticsearch as es_engine

    def use(url: str) -> None:
        settings.ELASTICSEARCH_URL = url
        settings.ELASTICSEARCH_OPENSEARCH = True
        settings.SEARCH_ANALYSIS_PROFILE = "plain"
        es_engine._down_until.clear()

    yield use
    es_engine._down_until.clear()


@pytest.fixture
def search_cluster(search_cluster_server, use_cluster):
    """A fresh, empty clone of the test cluster, configured as the search cluster."""
    clone = search_cluster_server.clone()
    use_cluster(clone.url)
    yield clone
    clone.close()


@pytest.fixture
def search_auto_index(settings):
    """Index pages on publish/unpublish/move/delete, as in production."""
    settings.SEARCH_AUTO_INDEX = True


@pytest.fixture(
    params=[
        "database",
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]
)
def search_engine(request, settings, search_auto_index):
    """The engine under test; with `elasticsearch`, a fresh test cluster."""
    if request.param == "elasticsearch":
        request.getfixturevalue("search_cluster")
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param
