"""A reverse proxy in front: a publication purges the pages that show the page.

A real HTTP server on a free local port stands in for Varnish: it records the
PURGE requests that `wagtail.contrib.frontend_cache` (configured as README
"Serving behind a cache" says) sends when a standard is published.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import Page

from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


class PurgeRecorder(BaseHTTPRequestHandler):
    """Answers every PURGE with 200 and records its host and path."""

    received: list[tuple[str, str]]

    def do_PURGE(self) -> None:  # noqa: N802 - the HTTP method's name
        self.server.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def path_of(page: Page) -> str:
    return page.get_url_parts()[2]


def test_a_publication_purges_the_page_its_sub_pages_and_its_listings(
    proxy, home_page, unit_a, unit_b, django_capture_on_commit_callbacks
):
    standard = ServiceStandardPageFactory(parent=unit_a, slug="paspor")
    standard.save_revision().publish()
    proxy.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        standard.title = "Paspor 48 halaman"
        standard.save_revision().publish()
    purged = {path for _host, path in proxy.received}
    own = path_of(standard)
    assert {own, own + "history/", own + "checklist/"} <= purged
    assert {path_of(unit_a), path_of(home_page)} <= purged
    indexes = [
        path_of(page)
        for page in Page.objects.child_of(home_page).live().specific()
        if page.specific_class.__name__.endswith("IndexPage")
    ]
    assert indexes and set(indexes) <= purged
    assert path_of(unit_b) not in purged
    assert {host for host, _path in proxy.received} == {"localhost"}
