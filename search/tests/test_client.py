"""The cluster client: OpenSearch mode through public options only."""

import ast
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from elastic_transport import HttpHeaders

from search import client

SEARCH_DIR = Path(client.__file__).resolve().parent


class RecordingHandler(BaseHTTPRequestHandler):
    """Answers like OpenSearch: plain JSON, no `X-Elastic-Product` header."""

    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:
        self.seen.append({k.lower(): v for k, v in self.headers.items()})
        body = json.dumps({"version": {"distribution": "opensearch"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def plain_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    RecordingHandler.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_compatible_media_types_become_plain_ones():
    headers = HttpHeaders(
        {
            "Accept": "application/vnd.elasticsearch+json; compatible-with=8",
            "Content-Type": "application/vnd.elasticsearch+x-ndjson; compatible-with=8",
            "Authorization": "Basic x",
        }
    )
    plain = client.plain_json_headers(headers)
    assert plain["accept"] == "application/json"
    assert plain["content-type"] == "application/x-ndjson"
    assert plain["authorization"] == "Basic x"
    assert headers["accept"].startswith(client.COMPAT_PREFIX)


@pytest.mark.parametrize(("opensearch", "works"), [(True, True), (False, False)])
def test_opensearch_mode_sends_plain_json_and_passes_the_product_check(
    settings, plain_server, opensearch, works
):
    settings.ELASTICSEARCH_URL = plain_server
    settings.ELASTICSEARCH_OPENSEARCH = opensearch
    es = client.get_client()
    if not works:
        with pytest.raises(Exception, match="not Elasticsearch"):
            es.info()
        return
    assert es.info()["version"]["distribution"] == "opensearch"
    accept = RecordingHandler.seen[-1]["accept"]
    assert accept == "application/json"


def test_the_search_app_imports_no_private_module():
    """No `package._private` import (e.g. `elastic_transport._node._base`)."""
    private = []
    for path in SEARCH_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module, *(a.name for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            parts = [p for n in names for p in n.split(".")]
            if any(p.startswith("_") and not p.startswith("__") for p in parts):
                private.append(f"{path.relative_to(SEARCH_DIR)}: {names}")
    assert private == []
