"""The judged relevance suite on the demo site, on every engine.

The demo site is built once per session (about a minute) in its own SQLite
file, and once more in its own PostgreSQL database when the suite runs on
PostgreSQL; the test cluster (osmem-server) is filled from the SQLite site.
Real processes: marked `live`, so CI runs them once, in its PostgreSQL pass.
"""

import pytest

from search.relevance import Outcome, Report, agreement, same_answer
from tests.relevance_runs import (
    build_demo,
    cluster_env,
    demo_env,
    postgres_database,
    postgres_url,
    run_suite,
)

pytestmark = pytest.mark.live

SUCCESS_AT_3 = 0.90
AGREEMENT = 0.80


def report_of(data: dict) -> Report:
    return Report(data["engine"], [Outcome(**o) for o in data["outcomes"]])


@pytest.fixture(scope="session")
def relevance_reports(tmp_path_factory, search_cluster_server) -> dict[str, Report]:
    """The suite's report per engine over the demo site."""
    tmp = tmp_path_factory.mktemp("relevance")
    env = demo_env(tmp, f"sqlite:///{tmp / 'demo.sqlite3'}")
    build_demo(env)
    reports = {"sqlite": report_of(run_suite(env))}
    clone = search_cluster_server.clone()
    try:
        reports["elasticsearch"] = report_of(
            run_suite(cluster_env(env, clone.url), rebuild=True)
        )
    finally:
        clone.close()
    server = postgres_url()
    if server:
        with postgres_database(server) as url:
            pg_env = demo_env(tmp, url)
            build_demo(pg_env)
            reports["postgresql"] = report_of(run_suite(pg_env))
    return reports


def misses(report: Report) -> list[str]:
    return [f"{o.locale} {o.q!r} -> {o.first}" for o in report.outcomes if not o.passed]


@pytest.mark.parametrize("engine", ["sqlite", "postgresql", "elasticsearch"])
def test_judged_queries_find_their_pages_in_the_top_three(relevance_reports, engine):
    if engine not in relevance_reports:
        pytest.skip("PostgreSQL engine: run the suite with DATABASE_URL=postgres://…")
    report = relevance_reports[engine]
    assert len(report.outcomes) >= 60
    assert report.success_at_3 >= SUCCESS_AT_3, misses(report)


def test_engines_agree_on_the_first_result(relevance_reports):
    reference = relevance_reports["sqlite"]
    for engine, report in relevance_reports.items():
        assert agreement(reference, report) >= AGREEMENT, engine


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("/id/unit/a/paspor-baru/", "/id/unit/a/paspor-baru/", True),
        ("/id/unit/a/paspor-baru/", "/id/unit/b/paspor-baru/", True),
        ("/id/unit/a/skm/results/", "/id/unit/b/skm/results/", True),
        ("/id/unit/a/paspor-baru/", "/en/unit/b/paspor-baru/", False),
        ("/id/unit/a/paspor-baru/", "/id/unit/a/paspor-hilang/", False),
        ("/id/unit/a/", "/id/unit/b/", False),
        ("", "/id/unit/b/paspor-baru/", False),
    ],
)
def test_the_same_service_of_another_unit_is_the_same_answer(first, second, same):
    assert same_answer(first, second) is same
