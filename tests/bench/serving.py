"""`make bench`, serving: pages while answers arrive, from scratch, hits with Redis.

The demo site (built by `tests.bench.run`, in `var/bench.sqlite3` or PostgreSQL
with `DATABASE_URL`) is served with the production settings under gunicorn,
2 workers sharing Redis (`CACHE_URL`, a Redis database of the bench's own).

1. **Page-cache hits with Redis**: home, unit, standard and consultations index
   with wrk beside `/ping` (target 70 % of `/ping`).
2. **Mixed load**: each of those pages with wrk for `--duration` seconds
   alone and as long while a client posts complete SKM answers to an open survey
   at a steady 50 per second (about 180,000 an hour), in four alternating
   windows: the page's throughput with answers must be at least 85 % of its
   throughput without, measured in the same run; then again while wrk, with
   the submissions benchmark's script, posts as fast as 8 connections can
   (reported, no target: the client, the answers and the pages then share the
   same cores).
   Every answer the server accepted (303 to the thank-you page) must be a row in
   the database, and no other.
3. **From scratch**: a second server with no page cache (`PAGE_CACHE_SECONDS=0`)
   and no fragment cache (`FRAGMENT_CACHE=false`), warm processes: home, unit,
   standard, consultation, survey form, innovation showcase and consultations
   index, each at least 5 % of `/ping` (the standard page 8 %) with at most 15
   SQL queries (a second request, counted in a Django shell with the same
   settings). Beside them, reported, the demo's first content page (a title
   and a short text under the site's chrome): the floor every page stands on,
   Wagtail's serve path and the chrome, with no content of its own to speak of.
4. **Uncached, fragments cached** (reported, no target): the same pages with no
   page cache and the chrome's fragments (menu, language links, footer, a
   unit's pledge) cached as in production: what a page costs right after its
   own content changed.

    python -m tests.bench.serving [--duration 20] [--connections 16] [--parts ...]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from tests.bench.report import Figure, record
from tests.bench.run import (
    REDIS_URL,
    bench_env,
    free_port,
    page_figures,
    query_counts,
    run_wrk,
    served_from_cache,
    start_gunicorn,
)
from tests.bench.submissions import (
    COUNT_SCRIPT,
    RAISED_LIMITS,
    TARGETS_SCRIPT,
    arrive_all,
    shell,
    written_script,
    wrk_posting,
    wrk_result,
    wrk_script,
)

ANSWERS_PER_SECOND = 50
FULL_SPEED_CLIENTS = 8
# Windows without and with answers, alternating, per page (`alternate`).
MIXED_WINDOWS = 4
# Answers of the steady poster in flight at most.
POSTING_CONNECTIONS = 8
# Seconds the poster's wrk waits after its last answer, so that every answer
# sent gets its response.
DRAIN = 3
MIXED_TARGET = 85.0
REDIS_HIT_TARGET = 70.0
SCRATCH_TARGET = 5.0
SCRATCH_STANDARD_TARGET = 8.0
QUERY_LIMIT = 15
FLOOR_PAGE = "content page (the floor)"
CACHED_PAGES = ("home", "unit", "standard", "consultations index")
PARTS = ("hits", "mixed", "scratch", "fragments")

URLS_SCRIPT = """
import json
from django.apps import apps
def first(label, test=lambda page: True):
    model = apps.get_model(label)
    pages = model.objects.live().filter(locale__language_code='id').order_by('path')
    return next((p.get_url() for p in pages if test(p)), None)
urls = {
    'home': '/id/',
    'unit': first('core.UnitPage'),
    'standard': first('standards.ServiceStandardPage'),
    'consultation': first('consultation.ConsultationPage'),
    'survey form': first('consultation.SatisfactionSurveyPage', lambda p: p.is_open()),
    'innovation showcase': first('innovation.InnovationShowcasePage'),
    'consultations index': first('consultation.ConsultationIndexPage'),
    'content page (the floor)': first('core.ContentPage'),
}
print(json.dumps({k: v for k, v in urls.items() if v}))
"""


def serving_env(**extra: str) -> dict[str, str]:
    return dict(
        bench_env(),
        CACHE_URL=REDIS_URL,
        CONSULTATION_RATE_LIMITS=RAISED_LIMITS,
        **extra,
    )


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


@contextmanager
def served(env: dict[str, str]):
    flush_redis()
    port = free_port()
    server = start_gunicorn(env, port, workers=2)
    try:
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


@dataclass
class AnswerTally:
    accepted: int = 0
    refused: int = 0
    server_errors: int = 0
    failures: int = 0
    seconds: float = 0.0

    @property
    def not_accepted(self) -> int:
        return self.refused + self.server_errors + self.failures


class SteadyPoster:
    """Posts prepared SKM answers at a steady `rate` per second until the
    block ends. A thread keeps the schedule; a small pool sends each answer
    on its own connection with a plain blocking socket, opened only when the
    answer is due (a connection opened early holds a sync worker until its
    request arrives, as wrk's `delay()` does). The asyncio client this
    replaces spent 0.8 ms of CPU per answer beside the server's."""

    def __init__(self, port: int, action: str, prepared: list, rate: float):
        self.port, self.rate = port, rate
        self.action, self.prepared = action, prepared
        # Posters follow each other within seconds: each its own sending ids.
        self.run_id = uuid.uuid4().hex[:12].encode()
        self.tally = AnswerTally()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def post(self, raw: bytes) -> None:
        try:
            with socket.create_connection(("127.0.0.1", self.port), 30) as sock:
                sock.sendall(raw)
                first = sock.recv(64)
                while sock.recv(65536):
                    pass
        except OSError:
            first = b""
        with self.lock:
            if first.startswith((b"HTTP/1.1 303", b"HTTP/1.0 303")):
                self.tally.accepted += 1
            elif first.startswith(b"HTTP/1.1 5"):
                self.tally.server_errors += 1
            elif first:
                self.tally.refused += 1
            else:
                self.tally.failures += 1

    def sending(self, n: int) -> bytes:
        """The `n`th answer's request, with a sending id of its own (as each
        opening of the form draws one): the same answer from the same browser
        and sending within seconds is a double send, answered but saved once,
        and the prepared answers come round again every second."""
        body, headers = self.prepared[n % len(self.prepared)]
        sending = b"&sending=%s-%d" % (self.run_id, n)
        return raw_post(self.port, self.action, body + sending, headers)

    def run(self) -> None:
        started, n = time.monotonic(), 0
        with ThreadPoolExecutor(POSTING_CONNECTIONS) as pool:
            while not self.stopping.wait(
                max(0.0, started + n / self.rate - time.monotonic())
            ):
                pool.submit(self.post, self.sending(n))
                n += 1
        self.tally.seconds = time.monotonic() - started

    def __enter__(self) -> SteadyPoster:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.thread.join()


def raw_post(port: int, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    """The bytes of a POST that closes its connection after the response."""
    head = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    head += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    return "\r\n".join(head).encode("latin-1") + body


class FullSpeedPoster:
    """Posts prepared SKM answers for `seconds` as fast as
    `FULL_SPEED_CLIENTS` connections can, through wrk with the submissions
    benchmark's script (a client in C, as there)."""

    def __init__(
        self, port: int, page_path: str, action: str, prepared: list, seconds: float
    ):
        self.port, self.page_path, self.seconds = port, page_path, seconds
        self.action, self.prepared = action, prepared
        # Posters follow each other within seconds: each its own sending ids.
        self.run_id = uuid.uuid4().hex[:12].encode()
        self.tally = AnswerTally()

    def __enter__(self) -> FullSpeedPoster:
        self.started = time.monotonic()
        deadline = self.started + self.seconds
        script = wrk_script(
            self.page_path, self.action, self.prepared, False, deadline, DRAIN
        )
        self.script_path = written_script(script)
        self.process = subprocess.Popen(
            wrk_posting(
                self.script_path,
                1,
                FULL_SPEED_CLIENTS,
                int(self.seconds) + 1 + DRAIN,
                f"http://127.0.0.1:{self.port}{self.page_path}",
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return self

    def __exit__(self, *exc) -> None:
        output, _ = self.process.communicate()
        os.unlink(self.script_path)
        found = wrk_result(output)
        self.tally = AnswerTally(
            accepted=found["accepted"],
            refused=found["refused"],
            server_errors=found["server_errors"],
            failures=found["failures"],
            seconds=max(found["last_answer"] - self.started, 1e-9),
        )


def ratio_figure(name: str, value: float, base: float, target: float) -> Figure:
    ratio = 100 * value / base if base else 0.0
    return Figure(name, round(ratio, 1), "%", f">= {target} %", ratio >= target)


def ping(port: int, args) -> float:
    return run_wrk(f"http://127.0.0.1:{port}/ping", args.duration, args.connections)[
        "rps"
    ]


def measure_redis_hits(port: int, urls: dict, args) -> list[Figure]:
    base = f"http://127.0.0.1:{port}"
    first = ping(port, args)
    results = {}
    for name in CACHED_PAGES:
        hit = served_from_cache(base + urls[name])
        results[name] = (
            hit,
            run_wrk(base + urls[name], args.duration, args.connections),
        )
    campaign = measure_campaign_link(base, urls["home"], args)
    ceiling = max(first, ping(port, args))
    figures = [Figure("Redis: ceiling (the higher /ping)", ceiling, "req/s")]
    for name, (hit, result) in results.items():
        label = f"Redis: {name} ({'page cache hit' if hit else 'no page cache hit'})"
        figures += page_figures(label, result, ceiling, REDIS_HIT_TARGET)
    label = "Redis: home through shared links (a new ?fbclid= per request)"
    return figures + page_figures(label, campaign, ceiling, None)


# Each request of a thread a click id of its own, as Facebook and Instagram
# give every click on a shared link.
CAMPAIGN_SCRIPT = """
local clicks = 0
request = function()
  clicks = clicks + 1
  return wrk.format(nil, "%(path)s?utm_source=facebook&fbclid=IwAR" .. clicks)
end
"""


def measure_campaign_link(base: str, path: str, args) -> dict[str, float]:
    """wrk on `path` reached through shared links: only tracking parameters
    in the query string, a new click id each time (reported: the page cache
    answers them as the plain address)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(CAMPAIGN_SCRIPT % {"path": path})
    try:
        return run_wrk(base + path, args.duration, args.connections, script.name)
    finally:
        os.unlink(script.name)


def alternate(
    url: str, port: int, action: str, prepared: list, args
) -> tuple[float, float, AnswerTally]:
    """The page's throughput without and with steady answers (req/s), in
    `MIXED_WINDOWS` alternating windows that together last `--duration`
    seconds each: the machine's drift within a run (its `/ping` moved by a
    fifth between the start and the end of one run) falls on both alike."""
    seconds = max(1, args.duration // MIXED_WINDOWS)
    quiet, busy, tally = [], [], AnswerTally()
    for _ in range(MIXED_WINDOWS):
        quiet.append(run_wrk(url, seconds, args.connections)["rps"])
        with SteadyPoster(port, action, prepared, ANSWERS_PER_SECOND) as poster:
            busy.append(run_wrk(url, seconds, args.connections)["rps"])
        tally.accepted += poster.tally.accepted
        tally.refused += poster.tally.refused
        tally.server_errors += poster.tally.server_errors
        tally.failures += poster.tally.failures
        tally.seconds += poster.tally.seconds
    return round(sum(quiet) / len(quiet), 1), round(sum(busy) / len(busy), 1), tally


def measure_mixed(port: int, urls: dict, env: dict, args) -> list[Figure]:
    base = f"http://127.0.0.1:{port}"
    targets = shell(env, TARGETS_SCRIPT)
    survey_path, survey_id = targets["survey"]
    ids = (survey_id, targets["consultation"][1], targets["consultation"][1])
    action, prepared = asyncio.run(arrive_all(port, survey_path, survey_id, 50))
    before = shell(env, COUNT_SCRIPT % ids)["survey"]
    figures: list[Figure] = []
    accepted = 0
    for name in CACHED_PAGES:
        quiet, busy, tally = alternate(base + urls[name], port, action, prepared, args)
        accepted += tally.accepted
        figures += [
            Figure(f"mixed: {name} without answers", quiet, "req/s"),
            Figure(f"mixed: {name} with 50 answers/s", busy, "req/s"),
            ratio_figure(
                f"mixed: {name} with answers / without",
                busy,
                quiet,
                MIXED_TARGET,
            ),
            Figure(
                f"mixed: answers accepted per second during {name}",
                round(tally.accepted / max(tally.seconds, 1e-9), 1),
                "answers/s",
            ),
            Figure(
                f"mixed: answers refused or failed during {name}",
                tally.not_accepted,
                "answers",
                "0",
                not tally.not_accepted,
            ),
        ]
    for name in CACHED_PAGES:
        full_speed = FullSpeedPoster(port, survey_path, action, prepared, args.duration)
        with full_speed as poster:
            busy = run_wrk(base + urls[name], args.duration, args.connections)
        accepted += poster.tally.accepted
        rate = poster.tally.accepted / max(poster.tally.seconds, 1e-9)
        figures += [
            Figure(f"full speed: {name} while answers pour in", busy["rps"], "req/s"),
            Figure(
                f"full speed: answers accepted during {name}",
                round(rate, 1),
                "answers/s",
            ),
        ]
    stored = shell(env, COUNT_SCRIPT % ids)["survey"] - before
    figures.append(
        Figure(
            "answers stored = answers accepted",
            stored,
            "rows",
            f"= {accepted}",
            stored == accepted,
        )
    )
    return figures


def measure_uncached(
    urls: dict, args, label: str, target_of, **settings: str
) -> list[Figure]:
    """Every page rendered on each request (`PAGE_CACHE_SECONDS=0`), beside
    `/ping`, with the SQL queries of a warm request; `target_of(name)` is the
    page's target in % of `/ping`, None for a figure only reported."""
    env = serving_env(PAGE_CACHE_SECONDS="0", **settings)
    counts = query_counts(env, urls)
    figures: list[Figure] = []
    with served(env) as port:
        base = f"http://127.0.0.1:{port}"
        first = ping(port, args)
        results = {
            name: run_wrk(base + path, args.duration, args.connections)
            for name, path in urls.items()
        }
        ceiling = max(first, ping(port, args))
    figures.append(Figure(f"{label}: ceiling (the higher /ping)", ceiling, "req/s"))
    for name, result in results.items():
        target = target_of(name)
        figures += page_figures(f"{label}: {name}", result, ceiling, target)
        figures.append(
            Figure(
                f"{label}: {name} SQL queries",
                counts[name],
                "queries",
                f"<= {QUERY_LIMIT}" if target else "",
                counts[name] <= QUERY_LIMIT if target else None,
            )
        )
    return figures


def scratch_target(name: str) -> float | None:
    """A page's target from scratch in % of `/ping`; the floor is reported."""
    if name == FLOOR_PAGE:
        return None
    return SCRATCH_STANDARD_TARGET if name == "standard" else SCRATCH_TARGET


def measure_from_scratch(urls: dict, args) -> list[Figure]:
    """No page cache, no fragment cache: the targets."""
    return measure_uncached(
        urls,
        args,
        "from scratch",
        scratch_target,
        FRAGMENT_CACHE="false",
    )


def measure_with_fragments(urls: dict, args) -> list[Figure]:
    """No page cache, the chrome's fragments cached as in production
    (reported: what a page costs when its own content changed)."""
    return measure_uncached(urls, args, "uncached, fragments cached", lambda name: None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help="comma-separated: hits (Redis), mixed, scratch, fragments",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    env = serving_env()
    urls = shell(env, URLS_SCRIPT)
    figures: list[Figure] = []
    if parts & {"hits", "mixed"}:
        with served(env) as port:
            if "hits" in parts:
                figures += measure_redis_hits(port, urls, args)
            if "mixed" in parts:
                figures += measure_mixed(port, urls, env, args)
    if "scratch" in parts:
        figures += measure_from_scratch(urls, args)
    if "fragments" in parts:
        figures += measure_with_fragments(urls, args)
    record(
        "serving" if parts == set(PARTS) else f"serving ({args.parts})",
        figures,
        database=env["DATABASE_URL"].split(":", 1)[0],
        workers=2,
        cache="Redis",
        duration_s=args.duration,
        connections=args.connections,
        answers_per_second=ANSWERS_PER_SECOND,
        paths=urls,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
