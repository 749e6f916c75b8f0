"""The judged relevance suite on the demo site, per engine, in child processes.

The demo site (`seed_demo`) is the realistic corpus: it is built once into its
own database (a SQLite file, and on PostgreSQL a database of its own created
beside the suite's), and `manage.py search_relevance --json` runs the judged
queries on it with each engine. Used by `search/tests/test_relevance.py` and
`tests/bench/relevance.py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.live import ROOT

ENGINES = ("sqlite", "postgresql", "elasticsearch")


def demo_env(tmp: Path, database_url: str) -> dict[str, str]:
    """Development settings on `database_url`, state files under `tmp`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "ELASTICSEARCH_URL")
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="ERROR",
    )
    return env


def cluster_env(env: dict[str, str], url: str) -> dict[str, str]:
    """`env` searching the test cluster at `url` (osmem: the plain profile)."""
    return dict(
        env,
        ELASTICSEARCH_URL=url,
        ELASTICSEARCH_OPENSEARCH="true",
        SEARCH_ANALYSIS_PROFILE="plain",
    )


def manage(env: dict[str, str], *args: str) -> str:
    """Run a management command; its standard output (fails with its errors)."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)}: {done.stderr[-3000:]}")
    return done.stdout


def build_demo(env: dict[str, str]) -> None:
    """Migrate and seed the demo site into `env`'s database."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")


def run_suite(env: dict[str, str], rebuild: bool = False) -> dict:
    """`search_relevance --json` on `env`'s engine (rebuilding its index first)."""
    args = ["search_relevance", "--json", *(["--rebuild"] if rebuild else [])]
    return json.loads(manage(env, *args).strip().splitlines()[-1])


def postgres_url() -> str | None:
    """The suite's PostgreSQL server (`DATABASE_URL`), or None on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres", "pgsql")) else None


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh database on the server of `server_url`, dropped afterwards."""
    import psycopg

    parts = urlsplit(server_url)
    name = f"relevance_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
