"""Submissions under load: SKM answers and consultation responses on PostgreSQL.

Serves the demo site (production settings, gunicorn with `make serve`'s 2 workers
per core on 127.0.0.1) from a PostgreSQL database (`DATABASE_URL` when it names
one, else `postgres://postgres@127.0.0.1:5432/bench_load`, created when missing)
and lets
200 simulated respondents post answers for 30 s to an open SKM survey, then to
an open consultation. The client is asyncio on raw sockets (one coroutine per
respondent, no threads) so that it can outrun the workers on a small machine.

Each respondent first GETs the form, like a browser: it keeps the CSRF cookie
and the form's token, and reads the form's fields from the page. Then it posts
one complete answer after another, each as a new person: without the
per-browser identity cookie, which the server sets on every accepted
consultation response (checked), so the one-answer-per-respondent rule is
exercised, not bypassed. An answer counts as accepted when the server answers
it as a browser expects after a successful form: 303 See Other to the page's
thank-you route (Post/Redirect/Get; the client does not follow it, the
thank-you page being a separate GET). The per-IP rate limit would otherwise
refuse all but the first few answers of 127.0.0.1: the benchmark raises it
through the `CONSULTATION_RATE_LIMITS` environment variable, so what is
measured is the server.

Afterwards the rows stored for the page are counted in the database: they must
equal the answers the server accepted (no loss, no duplicates).

    python -m tests.bench.submissions [--respondents 200] [--duration 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from tests.bench.report import ROOT, Figure, record
from tests.bench.run import bench_env, free_port, prepare_site, start_gunicorn
from tests.fuzz_forms import Form, form_posting_to

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_load"
RAISED_LIMITS = json.dumps(
    {s: [10**9, 600] for s in ("survey", "kiosk", "consultation", "poll", "comment")}
)
TARGET_PER_SECOND = 300
SERVE_WORKERS = 2 * (os.cpu_count() or 1)
IDENTITY_COOKIE = "fkp_respondent"
THANKS_ROUTE = "thanks/"
DAY = 24 * 3600


# --- a minimal HTTP/1.1 client (gunicorn's sync workers close each connection) --


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for name, value in self.headers:
            if name == "set-cookie":
                jar.load(value)
        return {k: m.value for k, m in jar.items()}


async def request(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
) -> Response:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    head += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    writer.write("\r\n".join(head).encode("latin-1") + body)
    await writer.drain()
    raw = await reader.read(-1)
    writer.close()
    head_bytes, _, content = raw.partition(b"\r\n\r\n")
    lines = head_bytes.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    parsed = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        parsed.append((name.strip().lower(), value.strip()))
    return Response(status, parsed, content)


# --- the respondents ------------------------------------------------------------


def complete_answer(form: Form) -> dict[str, str | list[str]]:
    """A complete valid answer: the first choice of each question, plain text."""
    data: dict[str, str | list[str]] = {}
    for f in form.fields.values():
        options = [o for o in f.options if o]
        if f.name == "website":
            data[f.name] = ""
        elif f.kind == "hidden":
            data[f.name] = f.value
        elif f.kind in ("select", "radio", "checkbox"):
            if options:
                data[f.name] = options[-1] if f.name.startswith("u") else options[0]
        elif f.kind == "date":
            # Yesterday here is never in the future in any unit's time zone.
            data[f.name] = time.strftime("%Y-%m-%d", time.gmtime(time.time() - DAY))
        elif f.kind == "number":
            data[f.name] = str(f.minimum if f.minimum is not None else 1)
        elif f.kind == "email":
            data[f.name] = "warga@example.go.id"
        elif f.kind != "button":
            data[f.name] = "Jawaban uji beban"
    return data


@dataclass
class Tally:
    accepted: int = 0
    refused: int = 0
    server_errors: int = 0
    failures: int = 0
    missing_identity: int = 0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


async def arrive(port: int, path: str) -> tuple[bytes, dict[str, str]]:
    """GET the form like a browser: the answer to post and the headers to send."""
    page = await request(port, "GET", path)
    if page.status != 200:
        raise RuntimeError(f"GET {path} answered {page.status}")
    csrf = page.cookies()["csrftoken"]
    form = form_posting_to(page.body.decode(), path)
    body = urlencode(complete_answer(form), doseq=True).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf}",
        "Origin": f"http://127.0.0.1:{port}",
    }
    return body, headers


def is_accepted(response: Response, path: str) -> bool:
    """A 303 to the thank-you route of the page posted to."""
    location = dict(response.headers).get("location", "")
    return response.status == 303 and urlsplit(location).path == path + THANKS_ROUTE


async def respondent(
    port: int,
    path: str,
    prepared: tuple[bytes, dict[str, str]],
    deadline: float,
    tally: Tally,
    check_identity: bool,
) -> None:
    body, headers = prepared
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            response = await request(port, "POST", path, headers, body)
        except OSError:
            tally.failures += 1
            await asyncio.sleep(0.05)
            continue
        tally.latencies.append(time.monotonic() - started)
        tally.statuses[response.status] = tally.statuses.get(response.status, 0) + 1
        if is_accepted(response, path):
            tally.accepted += 1
            if check_identity and IDENTITY_COOKIE not in response.cookies():
                tally.missing_identity += 1
        elif response.status >= 500:
            tally.server_errors += 1
        else:
            tally.refused += 1


async def load(
    port: int, path: str, respondents: int, duration: float, check_identity: bool
) -> tuple[Tally, float]:
    """Every respondent opens the form, then all post for `duration` seconds."""
    semaphore = asyncio.Semaphore(16)

    async def arrive_gently():
        async with semaphore:
            return await arrive(port, path)

    opened = time.monotonic()
    prepared = await asyncio.gather(*(arrive_gently() for _ in range(respondents)))
    print(
        f"{respondents} respondents opened {path} in "
        f"{time.monotonic() - opened:.1f} s; posting for {duration:.0f} s",
        flush=True,
    )
    tally = Tally()
    started = time.monotonic()
    deadline = started + duration
    await asyncio.gather(
        *(respondent(port, path, p, deadline, tally, check_identity) for p in prepared)
    )
    return tally, time.monotonic() - started


# --- the database side ----------------------------------------------------------

TARGETS_SCRIPT = """
import json
from consultation.models import ConsultationPage, SatisfactionSurveyPage
survey = next(s for s in SatisfactionSurveyPage.objects.live()
              .filter(locale__language_code='id').order_by('path') if s.is_open())
consultation = next(c for c in ConsultationPage.objects.live()
                    .filter(locale__language_code='id', identity_level='open')
                    .order_by('path') if c.state() == 'open')
print(json.dumps({'survey': [survey.url, survey.pk],
                  'consultation': [consultation.url, consultation.pk]}))
"""

COUNT_SCRIPT = """
import json
from consultation.models import ConsultationSubmission, SurveyResponse
print(json.dumps({
    'survey': SurveyResponse.objects.filter(survey_id=%d).count(),
    'consultation': ConsultationSubmission.objects.filter(page_id=%d).count(),
    'duplicate identities': ConsultationSubmission.objects.filter(page_id=%d)
        .values('respondent_key').distinct().count(),
}))
"""


def shell(env: dict[str, str], script: str) -> dict:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def ensure_database(url: str) -> None:
    match = re.match(r"postgres(?:ql)?://([^@/]+)@([^:/]+):(\d+)/(\w+)", url)
    if not match:
        return
    user, host, port, name = match.groups()
    subprocess.run(
        ["createdb", "-h", host, "-p", port, "-U", user.split(":")[0], name],
        capture_output=True,
        check=False,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--skip-prepare", action="store_true")
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        database = DEFAULT_DATABASE  # the figures are PostgreSQL's
    env = dict(bench_env(), DATABASE_URL=database)
    ensure_database(database)
    if not args.skip_prepare:
        prepare_site(env)
    targets = shell(env, TARGETS_SCRIPT)
    print(f"targets: {targets}", flush=True)
    ids = (targets["survey"][1], targets["consultation"][1], targets["consultation"][1])
    before = shell(env, COUNT_SCRIPT % ids)
    port = free_port()
    # `make serve`'s default, 2 workers per core: an answer waits on the
    # database for half its time, so two workers leave the cores idle.
    server = start_gunicorn(
        dict(env, CONSULTATION_RATE_LIMITS=RAISED_LIMITS), port, SERVE_WORKERS
    )
    figures: list[Figure] = []
    try:
        for name in ("survey", "consultation"):
            path = targets[name][0]
            tally, elapsed = asyncio.run(
                load(
                    port,
                    path,
                    args.respondents,
                    args.duration,
                    check_identity=name == "consultation",
                )
            )
            after = shell(env, COUNT_SCRIPT % ids)
            stored = after[name] - before[name]
            figures += figures_for(name, tally, elapsed, stored)
            if name == "consultation":
                distinct = (
                    after["duplicate identities"] - before["duplicate identities"]
                )
                figures.append(
                    Figure(
                        f"{name}: distinct respondents among stored",
                        distinct,
                        "rows",
                        f"= {stored}",
                        distinct == stored,
                    )
                )
            before = after
    finally:
        server.terminate()
        server.wait(timeout=30)
    record(
        "submissions",
        figures,
        database="postgresql",
        respondents=args.respondents,
        duration_s=args.duration,
        workers=SERVE_WORKERS,
        client="asyncio, one coroutine per respondent",
        rate_limit="raised through CONSULTATION_RATE_LIMITS",
    )
    return 0


def figures_for(name: str, tally: Tally, elapsed: float, stored: int) -> list[Figure]:
    rate = tally.accepted / elapsed
    lat = sorted(tally.latencies) or [0.0]
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    return [
        Figure(
            f"{name}: answers accepted per second",
            round(rate, 1),
            "answers/s",
            f">= {TARGET_PER_SECOND}",
            rate >= TARGET_PER_SECOND,
        ),
        Figure(f"{name}: answers accepted", tally.accepted, "answers"),
        Figure(
            f"{name}: 5xx responses",
            tally.server_errors,
            "responses",
            "0",
            tally.server_errors == 0,
        ),
        Figure(
            f"{name}: refused (4xx) or failed connections",
            tally.refused + tally.failures,
            "requests",
            "0",
            tally.refused + tally.failures == 0,
        ),
        Figure(
            f"{name}: rows stored",
            stored,
            "rows",
            f"= {tally.accepted}",
            stored == tally.accepted,
        ),
        Figure(
            f"{name}: accepted without an identity cookie",
            tally.missing_identity,
            "answers",
            "0",
            tally.missing_identity == 0,
        ),
        Figure(f"{name}: p50 latency", round(statistics.median(lat) * 1000, 1), "ms"),
        Figure(f"{name}: p99 latency", round(p99 * 1000, 1), "ms"),
    ]


if __name__ == "__main__":
    sys.exit(main())
