"""SKM results on a million answers, recorded in `var/bench.json` (section "skm").

Runs `manage.py skm_bench` (which seeds the answers once and times the year and
one-service results) on PostgreSQL, the figure that counts: `DATABASE_URL` when it
names a PostgreSQL database, else the submissions benchmark's demo database
(`tests.bench.submissions`, which `make bench` runs first). Records each timing
with the 1 s target of the SKM issue.

    python -m tests.bench.skm [--responses 1000000]
"""

import argparse
import json
import subprocess
import sys

from tests.bench.report import ROOT, Figure, record
from tests.bench.run import bench_env
from tests.bench.submissions import DEFAULT_DATABASE, ensure_database

TARGET_SECONDS = 1.0


def run_skm_bench(env: dict[str, str], responses: int) -> dict:
    env = dict(env, DJANGO_SETTINGS_MODULE="cms.settings.dev")
    subprocess.run(  # a new benchmark database has no tables yet
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    output = subprocess.run(
        [sys.executable, "manage.py", "skm_bench", "--responses", str(responses)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output[output.index("{") :])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    args = parser.parse_args()
    env = bench_env()
    if not env["DATABASE_URL"].startswith("postgres"):
        env["DATABASE_URL"] = DEFAULT_DATABASE
    ensure_database(env["DATABASE_URL"])
    results = run_skm_bench(env, args.responses)
    figures = []
    for label, values in results.items():
        figures += [
            Figure(
                f"SKM results, {label}",
                values["seconds"],
                "s",
                f"< {TARGET_SECONDS}",
                values["seconds"] < TARGET_SECONDS,
            ),
            Figure(f"SKM results, {label}: respondents", values["respondents"], ""),
        ]
    record(
        "skm",
        figures,
        database=env["DATABASE_URL"].split(":", 1)[0],
        responses=args.responses,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
