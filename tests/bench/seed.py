"""How long `seed_demo` takes to build the whole demo site, and to find it again.

Migrates a fresh SQLite database (`var/bench-seed.sqlite3`, not timed), then
times `seed_demo` on it (target: under a minute on the project's machines,
so a newcomer's first `make run` serves soon), then a second `seed_demo` on
the same database (target: a few seconds, so a second `make run` starts
serving at once). Writes the `seed` section of `var/bench.json`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.bench.report import ROOT, VAR, Figure, record

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
        Figure(
            "seed_demo, demo already built",
            round(second, 1),
            "s",
            f"< {SECOND_RUN_TARGET_S}",
            second < SECOND_RUN_TARGET_S,
        ),
    ]
    record("seed", figures, database="sqlite", cores=os.cpu_count())
    DATABASE.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
