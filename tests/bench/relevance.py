"""Relevance figures: success@3 and mean reciprocal rank per engine.

Builds the demo site (`seed_demo`) into `var/relevance/demo.sqlite3` and, when
`DATABASE_URL` names a PostgreSQL server, into a fresh database on it; runs the
judged queries (`search/tests/relevance/judgements.yaml`) with the database
engine on each and with the test cluster (osmem-server, plain profile) filled
from the SQLite site; records the figures in `var/bench.json` (section
"relevance"; targets from issue 21: success@3 at least 90 % per engine, first
results agreeing on at least 80 % of the queries).

    python -m tests.bench.relevance
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from search.relevance import Outcome, Report, agreement  # noqa: E402
from tests.bench.report import VAR, Figure, record  # noqa: E402
from tests.relevance_runs import (  # noqa: E402
    build_demo,
    cluster_env,
    demo_env,
    postgres_database,
    postgres_url,
    run_suite,
)
from tests.search_fixtures import start_osmem  # noqa: E402

SUCCESS_TARGET = 0.90
AGREEMENT_TARGET = 0.80


def report_of(data: dict) -> Report:
    return Report(data["engine"], [Outcome(**o) for o in data["outcomes"]])


def reports() -> dict[str, Report]:
    tmp = VAR / "relevance"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    env = demo_env(tmp, f"sqlite:///{tmp / 'demo.sqlite3'}")
    build_demo(env)
    found = {"sqlite": report_of(run_suite(env))}
    server = start_osmem()
    try:
        found["elasticsearch"] = report_of(
            run_suite(cluster_env(env, server.url), rebuild=True)
        )
    finally:
        server.close()
    url = postgres_url()
    if url:
        with postgres_database(url) as database:
            pg_env = demo_env(tmp, database)
            build_demo(pg_env)
            found["postgresql"] = report_of(run_suite(pg_env))
    return found


def figures(found: dict[str, Report]) -> list[Figure]:
    rows: list[Figure] = []
    for engine, report in found.items():
        success = report.success_at_3
        rows.append(
            Figure(
                f"{engine} success@3",
                round(100 * success, 1),
                "%",
                ">= 90 %",
                success >= SUCCESS_TARGET,
            )
        )
        rows.append(Figure(f"{engine} MRR", round(report.mrr, 3), ""))
    reference = found["sqlite"]
    for engine, report in found.items():
        if engine != "sqlite":
            share = agreement(reference, report)
            rows.append(
                Figure(
                    f"first result agrees, sqlite / {engine}",
                    round(100 * share, 1),
                    "%",
                    ">= 80 %",
                    share >= AGREEMENT_TARGET,
                )
            )
    return rows


def main() -> None:
    found = reports()
    for engine, report in found.items():
        for outcome in report.outcomes:
            if not outcome.passed:
                miss = f"{outcome.locale} {outcome.q!r} -> {outcome.first}"
                print(f"{engine}: MISS {miss}")
    queries = len(next(iter(found.values())).outcomes)
    record("relevance", figures(found), queries=queries)


if __name__ == "__main__":
    main()
