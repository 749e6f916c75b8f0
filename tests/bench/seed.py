"""How long `seed_demo` takes to build the whole demo site, and how soon a
second `make run` serves.

Migrates a fresh SQLite database (`var/bench-seed.sqlite3`, not timed), then
times `seed_demo` on it (target: under a minute on the project's machines,
so a newcomer's first `make run` serves soon) and a second `seed_demo` on the
same database (reported: it finds everything and adds nothing). Then, with the
demo of `make run` built (`make demo`, not timed), times a second `make run`
from its start to the first page it serves (target: 5 s). Writes the `seed`
section of `var/bench.json`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.bench.report import ROOT, VAR, Figure, record
from tests.bench.run import free_port

DATABASE = VAR / "bench-seed.sqlite3"
FIRST_RUN_TARGET_S = 60
SECOND_RUN_TARGET_S = 5


def seed_env() -> dict[str, str]:
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{DATABASE}",
        PYTHONUNBUFFERED="1",
    )


def manage(env: dict[str, str], *args: str) -> float:
    """Run a management command quietly; its duration in seconds."""
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def make_env() -> dict[str, str]:
    """`make`'s own environment: the demo's SQLite file, no outside database."""
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}


def second_make_run() -> float:
    """Seconds from starting `make run` (demo built) to its first page."""
    env = make_env()
    port = free_port()
    subprocess.run(
        ["make", "demo", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    started = time.monotonic()
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.monotonic() - started < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/id/", timeout=5):  # noqa: S310
                    return time.monotonic() - started
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        raise RuntimeError("make run served nothing within two minutes")
    finally:
        os.killpg(server.pid, 15)
        server.wait()


def main() -> int:
    DATABASE.parent.mkdir(exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    env = seed_env()
    manage(env, "migrate", "--noinput", "-v0")
    first = manage(env, "seed_demo")
    second = manage(env, "seed_demo")
    figures = [
        Figure(
            "seed_demo, fresh database",
            round(first, 1),
            "s",
            f"< {FIRST_RUN_TARGET_S}",
            first < FIRST_RUN_TARGET_S,
        ),
        Figure("seed_demo, demo already built", round(second, 1), "s"),
    ]
    served = second_make_run()
    figures.append(
        Figure(
            "second make run: start to first page served",
            round(served, 1),
            "s",
            f"< {SECOND_RUN_TARGET_S}",
            served < SECOND_RUN_TARGET_S,
        )
    )
    record("seed", figures, database="sqlite", cores=os.cpu_count())
    DATABASE.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
