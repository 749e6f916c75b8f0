"""`make bench`: throughput, latency and SQL queries of the public pages.

Builds the demo site in its own database (`var/bench.sqlite3`, or PostgreSQL when
`DATABASE_URL` is set), serves it with the production settings under gunicorn with
2 workers on 127.0.0.1, and measures each page with wrk (about 10 s per page)
beside `/ping`, the cheapest Django view, which is the machine's ceiling. Prints a
table and writes `var/bench.json`: each figure with its target and whether it is met.

    python -m tests.bench.run [--duration 10] [--connections 16]
"""

import argparse
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
        "urls = {'home': '/id/'}\n"
        "def first(label):\n"
        "    try: model = apps.get_model(label)\n"
        "    except LookupError: return None\n"
        "    page = model.objects.live().filter(locale__language_code='id').first()\n"
        "    return page.get_url() if page else None\n"
        "for name, label in [('unit', 'core.UnitPage'),"
        " ('standard', 'standards.ServiceStandardPage'),"
        " ('standards index', 'standards.ServiceStandardIndexPage'),"
        " ('showcase', 'innovation.InnovationShowcasePage')]:\n"
        "    url = first(label)\n"
        "    if url: urls[name] = url\n"
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


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "cms.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, duration: int, connections: int) -> dict[str, float]:
    """Requests per second and p50/p99 latency (ms) of `url`."""
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
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


def measure_pages(port: int, urls: dict[str, str], args) -> list[Figure]:
    base = f"http://127.0.0.1:{port}"
    ceiling = run_wrk(f"{base}/ping", args.duration, args.connections)
    figures = [Figure("ceiling /ping", ceiling["rps"], "req/s")]
    for name, path in urls.items():
        result = run_wrk(base + path, args.duration, args.connections)
        ratio = 100 * result["rps"] / ceiling["rps"]
        target = 8.0 if name == "standard" else None
        figures += [
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
                f"{name} non-2xx",
                result["errors"],
                "responses",
                "0",
                result["errors"] == 0,
            ),
        ]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    env = bench_env()
    prepare_site(env)
    urls = page_urls(env)
    figures = [
        Figure(
            f"{name} SQL queries",
            count,
            "queries",
            "<= 15" if name == "standard" else "",
            count <= 15 if name == "standard" else None,
        )
        for name, count in query_counts(env, urls).items()
    ]
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        figures += measure_pages(port, urls, args)
    finally:
        server.terminate()
        server.wait(timeout=30)
    record("pages", figures, database=env["DATABASE_URL"].split(":", 1)[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
