"""Submissions under load: SKM answers and consultation responses on PostgreSQL.

Serves the demo site (production settings, gunicorn with 2 workers per core
sharing Redis on 127.0.0.1) from a PostgreSQL database (`DATABASE_URL` when it names
one, else `postgres://postgres@127.0.0.1:5432/bench_load`, created when missing)
and lets
200 simulated respondents post answers for 30 s to an open SKM survey, then to
an open consultation.

Each respondent first GETs the form, like a browser (asyncio on raw sockets): it
keeps the CSRF cookie and the form's token, and reads the form's fields from
the page. Then wrk posts (200 connections, two threads, a generated Lua script
that counts the answers): a client in C leaves the two cores to the server,
where a Python client took a third of them. Each connection posts the prepared
answers in turn, one complete answer after another, each as a new person:
without the
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
equal the answers the server accepted (no loss, no duplicates). The CPU time
of the workers and PostgreSQL, and of wrk, is reported per accepted answer.

    python -m tests.bench.submissions [--respondents 200] [--duration 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from tests.bench.report import ROOT, Figure, record
from tests.bench.run import (
    REDIS_URL,
    bench_env,
    free_port,
    prepare_site,
    start_gunicorn,
    worker_pids,
)
from tests.fuzz_forms import Form, post_forms

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
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    client_cpu_s: float = 0.0
    worker_cpu_s: float = 0.0
    database_cpu_s: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)


def answer_form(html: str, page_id: int) -> Form:
    """The page's own answer form (`consultation.answers`; not a comment's,
    posted to a route, nor a poll's, posted for the poll's page)."""
    for form in post_forms(html):
        if form.action.endswith(f"/answers/{page_id}/"):
            return form
    raise RuntimeError(f"no form posting answers for page {page_id}")


async def arrive(
    port: int, path: str, page_id: int
) -> tuple[str, bytes, dict[str, str]]:
    """GET the form like a browser: where the answer is posted (the form's
    action, `consultation.answers`), the answer and the headers to send."""
    page = await request(port, "GET", path)
    if page.status != 200:
        raise RuntimeError(f"GET {path} answered {page.status}")
    csrf = page.cookies()["csrftoken"]
    form = answer_form(page.body.decode(), page_id)
    body = urlencode(complete_answer(form), doseq=True).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf}",
        "Origin": f"http://127.0.0.1:{port}",
    }
    return form.action, body, headers


async def arrive_all(
    port: int, path: str, page_id: int, respondents: int
) -> tuple[str, list]:
    """Every respondent opens the form (16 at a time): the form's action and
    each respondent's (answer, headers)."""
    semaphore = asyncio.Semaphore(16)

    async def arrive_gently():
        async with semaphore:
            return await arrive(port, path, page_id)

    arrived = await asyncio.gather(*(arrive_gently() for _ in range(respondents)))
    return arrived[0][0], [(body, headers) for _, body, headers in arrived]


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal here


WRK_SCRIPT = """
-- Generated by tests/bench/submissions.py. Each connection posts the prepared
-- answers of the respondents in turn until the deadline (CLOCK_MONOTONIC, the
-- clock of Python's time.monotonic); a 303 to the thank-you route counts as
-- accepted. After the deadline a connection asks for /ping once and waits, so
-- every answer sent gets its response before wrk stops (then the rows stored
-- must equal the answers accepted) and /ping's 200s are not counted.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, clock)
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) / 1e9
end

local answers = {%(answers)s}
local path, thanks, deadline = %(path)s, %(thanks)s, %(deadline)f
-- This run's own prefix of sending ids: runs follow each other within seconds.
local run = %(run)s
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  n, accepted, refused, server_errors, missing_identity = offset, 0, 0, 0, 0
  last_answer = 0
end

function request()
  if now() >= deadline then
    return wrk.format("GET", "/ping")
  end
  n = n + 1
  local a = answers[(n %% #answers) + 1]
  -- Each sending with its own id, as each opening of the form draws one
  -- (sending.js): the same answer sent again within seconds by the same
  -- browser with the same id is a double send, answered but saved once.
  local body = a.body .. "&sending=" .. run .. "-" .. tid .. "-" .. n
  return wrk.format("POST", path, a.headers, body)
end

function delay()
  if now() >= deadline then return %(drain_ms)d end
  return 0
end

function response(status, headers, body)
  if status == 200 then return end  -- /ping after the deadline
  last_answer = now()
  local location = headers["Location"] or ""
  if status == 303 and (location == thanks or
      string.sub(location, 1, #thanks + 1) == thanks .. "?") then
    accepted = accepted + 1
    if %(check_identity)s then
      local cookie = headers["Set-Cookie"] or ""
      if not string.find(cookie, "%(cookie)s=", 1, true) then
        missing_identity = missing_identity + 1
      end
    end
  elseif status >= 500 then
    server_errors = server_errors + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local t = {accepted = 0, refused = 0, server_errors = 0, missing_identity = 0}
  local last = 0
  for _, thread in ipairs(threads) do
    for name, _ in pairs(t) do t[name] = t[name] + thread:get(name) end
    last = math.max(last, thread:get("last_answer"))
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"accepted": %%d, "refused": %%d, "server_errors": %%d, ' ..
    '"missing_identity": %%d, "failures": %%d, "last_answer": %%.6f, ' ..
    '"p50_us": %%d, "p99_us": %%d}\\n',
    t.accepted, t.refused, t.server_errors, t.missing_identity,
    e.connect + e.read + e.write + e.timeout, last,
    latency:percentile(50), latency:percentile(99)))
end
"""
# After the deadline a connection waits this long between /ping requests: the
# drain outlasts the slowest answer, and adds about one fast /ping per
# connection to wrk's latency figures, next to thousands of answers.
DRAIN_SECONDS = 10


def lua_answer(body: str, headers: dict[str, str]) -> str:
    fields = ", ".join(f"[{lua_string(k)}]={lua_string(v)}" for k, v in headers.items())
    return f"{{body={lua_string(body)}, headers={{{fields}}}}}"


def wrk_script(
    path: str,
    action: str,
    prepared: list,
    check_identity: bool,
    deadline: float,
    drain_seconds: int = DRAIN_SECONDS,
) -> str:
    """The wrk Lua script posting `prepared` answers to `action` until
    `deadline` (a `time.monotonic()` value), accepted when redirected to the
    thank-you route of the page at `path`."""
    answers = ",\n".join(
        lua_answer(body.decode(), headers) for body, headers in prepared
    )
    return WRK_SCRIPT % {
        "answers": answers,
        "path": lua_string(action),
        "thanks": lua_string(path + THANKS_ROUTE),
        "check_identity": "true" if check_identity else "false",
        "deadline": deadline,
        "drain_ms": drain_seconds * 1000,
        "cookie": IDENTITY_COOKIE,
        "run": lua_string(uuid.uuid4().hex[:12]),
    }


def written_script(text: str) -> str:
    """The path of a new file holding the Lua script `text` (delete it after)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(text)
    return script.name


def wrk_posting(
    script: str, threads: int, connections: int, seconds: int, url: str
) -> list[str]:
    """The wrk command running the posting `script` for `seconds`."""
    return [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        script,
        url,
    ]


def wrk_result(output: str) -> dict:
    """The tally the script's `done()` wrote."""
    if "RESULT " not in output:
        raise RuntimeError(f"wrk did not report its tally:\n{output}")
    return json.loads(output.split("RESULT ", 1)[1].splitlines()[0])


def process_cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User and system CPU time of each process so far (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return seconds


def cpu_since(before: dict[int, float], pids: list[int]) -> float:
    """CPU time spent since `before` by the processes alive now: a process that
    exited in between (a short-lived PostgreSQL backend) is left out rather
    than subtracted."""
    now = process_cpu_seconds(pids)
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in now.items())


def load(
    port: int,
    target: tuple[str, int],
    respondents: int,
    duration: float,
    check_identity: bool,
    server_pids: Callable[[], tuple[list[int], list[int]]],
) -> tuple[Tally, float]:
    """Every respondent opens the form, then all post for `duration` seconds
    through wrk (one connection per respondent, two threads)."""
    opened = time.monotonic()
    path, page_id = target
    action, prepared = asyncio.run(arrive_all(port, path, page_id, respondents))
    print(
        f"{respondents} respondents opened {path} in "
        f"{time.monotonic() - opened:.1f} s; posting for {duration:.0f} s",
        flush=True,
    )
    # After the GETs: each worker has its database backend.
    workers, database = server_pids()
    workers_before = process_cpu_seconds(workers)
    database_before = process_cpu_seconds(database)
    client_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    script = written_script(
        wrk_script(path, action, prepared, check_identity, started + duration)
    )
    try:
        result = subprocess.run(
            wrk_posting(
                script,
                2,
                respondents,
                int(duration) + DRAIN_SECONDS,
                f"http://127.0.0.1:{port}{path}",
            ),
            check=False,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(script)
    found = wrk_result(result.stdout + result.stderr)
    client_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    tally = Tally(
        accepted=found["accepted"],
        refused=found["refused"],
        server_errors=found["server_errors"],
        failures=found["failures"],
        missing_identity=found["missing_identity"],
        p50_ms=found["p50_us"] / 1000,
        p99_ms=found["p99_us"] / 1000,
        client_cpu_s=(client_after.ru_utime - client_before.ru_utime)
        + (client_after.ru_stime - client_before.ru_stime),
        worker_cpu_s=cpu_since(workers_before, server_pids()[0]),
        database_cpu_s=cpu_since(database_before, server_pids()[1]),
    )
    return tally, found["last_answer"] - started


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
    # Several workers share the rate limits and counters only through Redis.
    env = dict(bench_env(), DATABASE_URL=database, CACHE_URL=REDIS_URL)
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

    def server_pids() -> tuple[list[int], list[int]]:
        return worker_pids(server.pid), postgres_pids()

    try:
        for name in ("survey", "consultation"):
            tally, elapsed = load(
                port,
                targets[name],
                args.respondents,
                args.duration,
                check_identity=name == "consultation",
                server_pids=server_pids,
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
        client="wrk, one connection per respondent, two threads",
        rate_limit="raised through CONSULTATION_RATE_LIMITS",
    )
    return 0


def figures_for(name: str, tally: Tally, elapsed: float, stored: int) -> list[Figure]:
    rate = tally.accepted / elapsed
    per_answer = 1000 / max(tally.accepted, 1)
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
        Figure(f"{name}: p50 latency", round(tally.p50_ms, 1), "ms"),
        Figure(f"{name}: p99 latency", round(tally.p99_ms, 1), "ms"),
        Figure(
            f"{name}: server CPU per answer (gunicorn workers)",
            round(tally.worker_cpu_s * per_answer, 2),
            "ms",
        ),
        Figure(
            f"{name}: database CPU per answer (PostgreSQL)",
            round(tally.database_cpu_s * per_answer, 2),
            "ms",
        ),
        Figure(
            f"{name}: client CPU per answer (wrk)",
            round(tally.client_cpu_s * per_answer, 2),
            "ms",
        ),
    ]


def postgres_pids() -> list[int]:
    """Every PostgreSQL process on this machine (the workers' backends among them)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


if __name__ == "__main__":
    sys.exit(main())
