"""Every absolute URL the demo site emits points at the server that emitted it.

Posters (their printed address and QR code), JSON-LD, the API's links and page
markup are built from `PUBLIC_BASE_URL` (`cms.core.sites`). A site that says
`http://localhost/…` or another port sends a reader, a printed poster or an
integrator nowhere, so this walks the served demo site, collects every absolute
URL of a local-looking host and requires each to be the server's own and to
answer.
"""

import json
import re
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.live

ABSOLUTE_URL = re.compile(r"https?://[^\s\"'<>\\)]+")
HREF = re.compile(r'href="(/(?:id|en)/[^"#?]*)"')
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "testserver", "[::1]"}  # noqa: S104
PAGE_BUDGET = 80


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a GET (errors included, never raised)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def answers(url: str, status: int, text: str) -> bool:
    """A page that exists: 2xx/3xx, or an API endpoint that explains in JSON
    what it needs (`/api/search/` without `q`)."""
    if status < 400:
        return True
    return status == 400 and "/api/" in url and '"error"' in text


def is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in LOCAL_HOSTS or host.endswith(".localhost")


def api_pages(base: str) -> list[str]:
    """The API's endpoints, the first page of each listing and one detail each,
    plus the first survey's printable poster."""
    urls = [f"{base}/api/"]
    status, text = fetch(f"{base}/api/")
    assert status == 200
    for endpoint in json.loads(text)["endpoints"]:
        if endpoint["name"] in {"schema", "docs", "search", "search_suggest"}:
            continue
        # The open-data list is not paged, and takes no `limit`.
        paged = "?" not in endpoint["url"] and endpoint["name"] != "open_data"
        urls.append(endpoint["url"] + ("?limit=3" if paged else ""))
    status, text = fetch(f"{base}/api/surveys/?limit=1")
    survey = json.loads(text)["results"][0]
    urls += [survey["api_url"], survey["url"] + "poster/", survey["results_url"]]
    return urls


def crawl(base: str) -> dict[str, set[str]]:
    """Absolute URLs found, each with the pages it was found on."""
    start = [f"{base}/id/", f"{base}/en/", f"{base}/robots.txt", f"{base}/sitemap.xml"]
    queue = deque([*start, *api_pages(base)])
    seen: set[str] = set()
    found: dict[str, set[str]] = {}
    while queue and len(seen) < PAGE_BUDGET:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        status, text = fetch(url)
        assert status == 200, f"{url} answered {status}"
        for absolute in ABSOLUTE_URL.findall(text):
            found.setdefault(absolute.rstrip(".,;"), set()).add(url)
        queue.extend(urljoin(base, path) for path in HREF.findall(text))
    return found


def test_every_absolute_url_is_the_servers_own_and_answers(demo_server):
    server = urlsplit(demo_server).netloc
    found = crawl(demo_server)
    local = {url: pages for url, pages in found.items() if is_local(url)}
    assert local, "the crawl found no absolute URL at all: it proves nothing"
    foreign = {
        url: sorted(pages)[:2]
        for url, pages in local.items()
        if urlsplit(url).netloc != server
    }
    assert foreign == {}, f"absolute URLs on another host or port: {foreign}"
    broken = {}
    for url in sorted(local):
        status, text = fetch(url.replace("&amp;", "&"))
        if not answers(url, status, text):
            broken[url] = (status, sorted(local[url])[:2])
    assert broken == {}, f"absolute URLs that do not answer: {broken}"
