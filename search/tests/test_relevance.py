"""The judged relevance suite on the demo site, on every engine.

The demo site is built once per session (about a minute) in its own SQLite
file, and once more in its own PostgreSQL database when the suite runs on
PostgreSQL; the test cluster (osmem-server) is filled from the SQLite site.
Real processes: marked `live`, so CI runs them once, in its PostgreSQL pass.
"""

import json
import shutil

import pytest

from search.relevance import Outcome, Report, agreement, same_answer
from tests.relevance_runs import (
    build_demo,
    cluster_env,
    demo_env,
    manage,
    postgres_database,
    postgres_url,
    run_suite,
)

pytestmark = pytest.mark.live

ADD_HARMFUL_GROUP = (
    "from search.models import Synonym; from search.synonyms import forget_synonyms; "
    "Synonym.objects.create(terms='lapor diri, pengaduan'); forget_synonyms()"
)
SUCCESS_AT_3 = 0.90
AGREEMENT = 0.80


def report_of(data: dict) -> Report:
    return Report(data["engine"], [Outcome(**o) for o in data["outcomes"]])


@pytest.fixture(scope="session")
def sqlite_demo(tmp_path_factory) -> dict[str, str]:
    """The environment of the demo site built in its own SQLite file."""
    tmp = tmp_path_factory.mktemp("relevance")
    env = demo_env(tmp, f"sqlite:///{tmp / 'demo.sqlite3'}")
    build_demo(env)
    return env


@pytest.fixture(scope="session")
def relevance_reports(
    tmp_path_factory, search_cluster_server, sqlite_demo
) -> dict[str, Report]:
    """The suite's report per engine over the demo site."""
    tmp = tmp_path_factory.mktemp("relevance-engines")
    env = sqlite_demo
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


def synonym_effects(env: dict[str, str]) -> dict[str, list[str]]:
    data = json.loads(manage(env, "search_relevance", "--synonyms", "--json"))
    return {", ".join(effect["group"]): effect["worse"] for effect in data}


def test_no_synonym_group_makes_a_judged_query_worse(sqlite_demo, tmp_path):
    assert {g: w for g, w in synonym_effects(sqlite_demo).items() if w} == {}
    # The check finds a harmful group: "lapor diri" (self-registration) as
    # "pengaduan" (complaint) put "Lapor diri" first for complaints.
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(sqlite_demo["DATABASE_URL"].removeprefix("sqlite:///"), copy)
    env = dict(sqlite_demo, DATABASE_URL=f"sqlite:///{copy}")
    manage(env, "shell", "-c", ADD_HARMFUL_GROUP)
    assert synonym_effects(env)["lapor diri, pengaduan"]


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
