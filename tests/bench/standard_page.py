"""Throughput of a service standard page compared with `/ping`.

Measures requests per second of one standard page and of `/ping` (the
cheapest Django view, the machine's ceiling) on a running server, about ten
seconds each, and prints and returns the ratio page / ping.

Run the demo site under gunicorn with 2 workers on 127.0.0.1 first, e.g.:

    DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python manage.py seed_demo
    DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=... \\
        ALLOWED_HOSTS=127.0.0.1 DATABASE_URL=sqlite:///var/bench.sqlite3 \\
        .venv/bin/gunicorn cms.wsgi:application --workers 2 --bind 127.0.0.1:8000

then:

    .venv/bin/python -m tests.bench.standard_page http://127.0.0.1:8000
        [--path /id/unit/kbri-singapura/paspor-baru/] [--duration 10]
        [--connections 16]

Without `--path` the first standard listed by the API is measured. The
load comes from `wrk` when it is installed (`apt-get install -y wrk`), else
from a Python client with one keep-alive connection per thread. From code,
`measure(base_url)` returns the figures (for `make bench`).
"""

import argparse
import http.client
import json
import re
import shutil
import subprocess
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

API_QUERY = "/api/v2/pages/?type=standards.ServiceStandardPage&limit=1"


@dataclass
class Result:
    """Requests per second of the standard page and of /ping, and their ratio."""

    path: str
    standard_rps: float
    ping_rps: float
    ratio: float
    tool: str


def find_standard_path(base_url: str) -> str:
    """The path of a live standard, found through the Wagtail API."""
    with urllib.request.urlopen(base_url.rstrip("/") + API_QUERY, timeout=10) as r:  # noqa: S310 - local URL given by the operator
        items = json.load(r)["items"]
    if not items:
        raise SystemExit("No published service standard: run seed_demo first.")
    return urlsplit(items[0]["meta"]["html_url"]).path


def check_ok(url: str) -> None:
    """Fail early when the page does not answer 200."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local URL
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")


def wrk_rps(url: str, duration: float, connections: int) -> float:
    """Requests per second measured by wrk (2 threads)."""
    output = subprocess.run(  # noqa: S603 - fixed program, arguments from the operator
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{int(duration)}s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx or 3xx responses" in output:
        raise SystemExit(f"{url} gave error responses under load:\n{output}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not match:
        raise SystemExit(f"Could not read wrk's output:\n{output}")
    return float(match.group(1))


def python_rps(url: str, duration: float, connections: int) -> float:
    """Requests per second from `connections` threads with keep-alive."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + duration
    counts = [0] * connections
    errors: list[str] = []

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
        while time.monotonic() < deadline:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{response.status}")
                return
            counts[index] += 1
        conn.close()

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{url} answered {errors[0]} under load")
    return sum(counts) / (time.monotonic() - start)


def measure(
    base_url: str,
    path: str | None = None,
    duration: float = 10.0,
    connections: int = 16,
) -> Result:
    """Measure the standard page and /ping on the server at `base_url`."""
    base_url = base_url.rstrip("/")
    path = path or find_standard_path(base_url)
    standard_url, ping_url = base_url + path, base_url + "/ping"
    for url in (standard_url, ping_url):
        check_ok(url)
    tool = "wrk" if shutil.which("wrk") else "python"
    run = wrk_rps if tool == "wrk" else python_rps
    standard = run(standard_url, duration, connections)
    ping = run(ping_url, duration, connections)
    return Result(path, standard, ping, standard / ping if ping else 0.0, tool)


def main(argv: list[str] | None = None) -> float:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--path", help="a standard page's path (default: from API)")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args(argv)
    result = measure(args.base_url, args.path, args.duration, args.connections)
    print(f"standard page {result.path}: {result.standard_rps:.1f} requests/s")  # noqa: T201 - a command-line report
    print(f"/ping: {result.ping_rps:.1f} requests/s")  # noqa: T201
    print(f"ratio standard/ping: {result.ratio:.3f} ({result.tool})")  # noqa: T201
    print(json.dumps(asdict(result)))  # noqa: T201
    return result.ratio


if __name__ == "__main__":
    main()
