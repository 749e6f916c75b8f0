"""SKM results on a million answers, recorded in `var/bench.json` (section "skm").

Runs `manage.py skm_bench` (which seeds the answers once and times the year and
one-service results) against the benchmark database (`DATABASE_URL`, default
`var/bench.sqlite3`; PostgreSQL is the figure that counts) and records each
timing with the 1 s target of the SKM issue.

    python -m tests.bench.skm [--responses 1000000]
"""

import argparse
import json
import subprocess
import sys

from tests.bench.report import ROOT, Figure, record
from tests.bench.run import bench_env

TARGET_SECONDS = 1.0


def run_skm_bench(env: dict[str, str], responses: int) -> dict:
    output = subprocess.run(
        [sys.executable, "manage.py", "skm_bench", "--responses", str(responses)],
        cwd=ROOT,
        env=dict(env, DJANGO_SETTINGS_MODULE="cms.settings.dev"),
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
