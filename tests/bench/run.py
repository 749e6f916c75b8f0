"""`make bench`: throughput, latency, SQL queries and memory of the public pages.

Builds the demo site in its own database (`var/bench.sqlite3`, or PostgreSQL when
`DATABASE_URL` is set), serves it with the production settings under gunicorn with
one worker and the local-memory cache on 127.0.0.1 (`tests.bench.serving` measures
two workers sharing Redis), and measures each page with wrk (about 20 s per page)
beside `/ping`, the cheapest Django view, which is the machine's ceiling (run
before and after the pages; the higher figure counts): home,
unit, standard, consultations index, search results and the API's standard
detail, each as a share of the ceiling.

Pages are first measured as anonymous visitors get them, through the page cache
(`cms/core/page_cache.py`, target 70 % of the ceiling for the pages it serves:
a probe reads its `X-Page-Cache` header). The uncached standard page is then
measured with the query string `?uncached=<n>`: both the site-wide page cache and
the standard page's own whole-page cache ignore any request with a query string,
so every request is routed, rendered and queried (target 8 % of the ceiling and
at most 15 SQL queries). An empty content page of the demo is measured the same
way as the baseline. Then each worker's memory (VmRSS from /proc) is read after
5,000, 10,000 and 15,000 uncached requests (target under 200 MB, no growth
between 10,000 and 15,000). Prints a table and writes `var/bench.json`: each
figure with its target and whether it is met.

    python -m tests.bench.run [--duration 20] [--connections 16]
        [--memory-requests 15000]
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.bench.report import ROOT, VAR, Figure, record

# A Redis database of the benchmarks' own (tests.bench.serving, submissions).
REDIS_URL = "redis://127.0.0.1:6379/13"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{VAR / 'bench.sqlite3'}")
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="ERROR",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_site(env: dict[str, str]) -> None:
    """Migrate, seed with the dev settings' permission, collect static files."""
    VAR.mkdir(exist_ok=True)
    manage(env, "migrate", "--noinput", "-v0")
    seed_env = dict(env, DJANGO_SETTINGS_MODULE="cms.settings.dev")
    subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=seed_env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    manage(env, "collectstatic", "--noinput", "-v0")


def page_urls(env: dict[str, str]) -> dict[str, str]:
    """Paths of one page of each kind in the demo site, found in the database."""
    script = (
        "import json; from wagtail.models import Page; from django.apps import apps\n"
        "urls = {'home': '/id/', 'search results': '/id/search/?q=paspor'}\n"
        "def first(label):\n"
        "    try: model = apps.get_model(label)\n"
        "    except LookupError: return None\n"
        "    page = model.objects.live().filter(locale__language_code='id').first()\n"
        "    return page.get_url() if page else None\n"
        "for name, label in [('unit', 'core.UnitPage'),"
        " ('standard', 'standards.ServiceStandardPage'),"
        " ('consultations index', 'consultation.ConsultationIndexPage'),"
        " ('empty content page', 'core.ContentPage')]:\n"
        "    url = first(label)\n"
        "    if url: urls[name] = url\n"
        "std = apps.get_model('standards.ServiceStandardPage').objects.live()"
        ".filter(locale__language_code='id').first()\n"
        "if std: urls['API standard detail'] = f'/api/standards/{std.pk}/'\n"
        "print(json.dumps(urls))\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def query_counts(env: dict[str, str], urls: dict[str, str]) -> dict[str, int]:
    """SQL queries to render each page once (a second, warm request)."""
    script = (
        "import json, sys; from django.test import Client\n"
        "from django.db import connection\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(); counts = {}\n"
        f"for name, url in {urls!r}.items():\n"
        "    client.get(url, secure=True)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        client.get(url, secure=True)\n"
        "    counts[name] = len(ctx.captured_queries)\n"
        "print(json.dumps(counts))\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=dict(env, ALLOWED_HOSTS="*"),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_gunicorn(
    env: dict[str, str], port: int, workers: int | None = None
) -> subprocess.Popen:
    """gunicorn on `port`: 2 workers with Redis (`CACHE_URL`), else 1
    (gunicorn.conf.py refuses several workers without a shared cache)."""
    if workers is None:
        workers = 2 if env.get("CACHE_URL") else 1
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "cms.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 120  # a loaded 2-core machine starts slowly
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=5)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"gunicorn did not start (exit code {process.poll()})")


LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(
    url: str, duration: int, connections: int, script: str | None = None
) -> dict[str, float]:
    """Requests per second and p50/p99 latency (ms) of `url` (or of the
    requests the Lua `script` makes on its host)."""
    options = ["-s", script] if script else []
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            *options,
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latencies = {
        f"p{pct}": float(value) * UNITS_MS[unit]
        for pct, value, unit in LATENCY.findall(output)
    }
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"rps": rps, **latencies, "errors": int(errors.group(1)) if errors else 0}


UNCACHED = "uncached"
CACHED_TARGET = 70.0
UNCACHED_STANDARD_TARGET = 8.0
QUERY_LIMIT = 15
RSS_LIMIT_MB = 200
RSS_GROWTH_MB = 1.0


def uncached(path: str, n: int = 1) -> str:
    """`path` with a query string, which every page cache ignores."""
    return f"{path}{'&' if '?' in path else '?'}{UNCACHED}={n}"


def served_from_cache(url: str) -> bool:
    """Whether the page cache answers `url` as wrk requests it (over HTTPS behind
    the proxy header: the scheme is part of the cache key); a request after the
    first may be a hit."""
    hits = []
    for _ in range(3):
        request = urllib.request.Request(  # noqa: S310 - the local bench server
            url, headers={"X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            hits.append(response.headers.get("X-Page-Cache") == "hit")
    return any(hits[1:])


def page_figures(name: str, result: dict, ceiling: float, target) -> list[Figure]:
    ratio = 100 * result["rps"] / ceiling
    return [
        Figure(f"{name} throughput", result["rps"], "req/s"),
        Figure(
            f"{name} / ceiling",
            round(ratio, 1),
            "%",
            f">= {target} %" if target else "",
            ratio >= target if target else None,
        ),
        Figure(f"{name} p50", round(result.get("p50", 0), 2), "ms"),
        Figure(f"{name} p99", round(result.get("p99", 0), 2), "ms"),
        Figure(
            f"{name} non-2xx", result["errors"], "responses", "0", result["errors"] == 0
        ),
    ]


def measure_pages(port: int, urls: dict[str, str], args) -> list[Figure]:
    """Each page with wrk, between two runs of `/ping`; ratios to the higher one
    (a ceiling taken while the workers warm up would flatter every ratio)."""
    base = f"http://127.0.0.1:{port}"
    first = run_wrk(f"{base}/ping", args.duration, args.connections)
    runs: list[tuple[str, dict, float | None]] = []
    for name, path in urls.items():
        if name == "empty content page":
            continue
        # Pages an anonymous visitor GETs without a query string are meant to
        # come from the page cache (target 70 %); the label says whether the
        # probe saw a cache hit. Search results and the API are not cached.
        meant_cached = name not in ("search results", "API standard detail")
        hit = served_from_cache(base + path)
        result = run_wrk(base + path, args.duration, args.connections)
        label = f"{name} ({'page cache hit' if hit else 'no page cache hit'})"
        runs.append((label, result, CACHED_TARGET if meant_cached else None))
    for name, target in (
        ("standard", UNCACHED_STANDARD_TARGET),
        ("empty content page", None),
    ):
        if name in urls:
            path = base + uncached(urls[name])
            result = run_wrk(path, args.duration, args.connections)
            runs.append((f"{name} uncached", result, target))
    last = run_wrk(f"{base}/ping", args.duration, args.connections)
    ceiling = max(first["rps"], last["rps"])
    figures = [
        Figure("/ping at the start", first["rps"], "req/s"),
        Figure("/ping at the end", last["rps"], "req/s"),
        Figure("ceiling (the higher /ping)", ceiling, "req/s"),
    ]
    for label, result, target in runs:
        figures += page_figures(label, result, ceiling, target)
    return figures


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _fetch(port: int, path: str) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Connection: close\r\n\r\n".encode()
    )
    await writer.drain()
    status_line = await reader.readline()
    await reader.read(-1)
    writer.close()
    return int(status_line.split()[1])


async def _requests(port: int, paths: list[str], count: int, start: int) -> int:
    """Send `count` uncached requests over `paths`, 8 at a time; errors seen."""
    queue = iter(range(start, start + count))
    errors = 0

    async def worker():
        nonlocal errors
        for n in queue:
            status = await _fetch(port, uncached(paths[n % len(paths)], n))
            errors += status >= 500

    await asyncio.gather(*(worker() for _ in range(8)))
    return errors


def measure_memory(
    server: subprocess.Popen, port: int, urls: dict[str, str], total: int
) -> list[Figure]:
    """Each worker's RSS after each third of `total` uncached requests."""
    paths = [path for name, path in urls.items() if name != "search results"]
    step = total // 3
    readings: list[dict[int, float]] = []
    errors = 0
    for third in range(3):
        errors += asyncio.run(_requests(port, paths, step, third * step))
        readings.append({pid: rss_mb(pid) for pid in worker_pids(server.pid)})
    figures = [
        Figure(
            f"5xx during the {3 * step} memory requests",
            errors,
            "responses",
            "0",
            errors == 0,
        )
    ]
    for index, pid in enumerate(sorted(readings[-1]), start=1):
        values = [r.get(pid, 0.0) for r in readings]
        for third, value in enumerate(values, start=1):
            figures.append(
                Figure(
                    f"worker {index} RSS after {third * step} requests",
                    round(value, 1),
                    "MB",
                    f"< {RSS_LIMIT_MB}",
                    value < RSS_LIMIT_MB,
                )
            )
        growth = values[2] - values[1]
        figures.append(
            Figure(
                f"worker {index} RSS growth, {step}-{3 * step} requests",
                round(growth, 1),
                "MB",
                f"<= {RSS_GROWTH_MB}",
                growth <= RSS_GROWTH_MB,
            )
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--memory-requests", type=int, default=15000)
    parser.add_argument("--skip-prepare", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    env = bench_env()
    if not args.skip_prepare:
        prepare_site(env)
    urls = page_urls(env)
    counted = dict(urls)
    for name in ("standard", "empty content page"):
        if name in urls:
            counted[f"{name} uncached"] = uncached(urls[name])
    figures = []
    for name, count in query_counts(env, counted).items():
        limited = name == "standard uncached"
        figures.append(
            Figure(
                f"{name} SQL queries",
                count,
                "queries",
                f"<= {QUERY_LIMIT}" if limited else "",
                count <= QUERY_LIMIT if limited else None,
            )
        )
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        figures += measure_pages(port, urls, args)
        if args.memory_requests:
            figures += measure_memory(server, port, urls, args.memory_requests)
    finally:
        server.terminate()
        server.wait(timeout=30)
    record(
        "pages",
        figures,
        database=env["DATABASE_URL"].split(":", 1)[0],
        workers=1,
        cache="local memory",
        duration_s=args.duration,
        connections=args.connections,
        uncached_by=f"query string ?{UNCACHED}=<n> (every page cache ignores it)",
        paths=urls,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
