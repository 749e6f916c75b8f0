"""Real processes for tests: the demo site served by gunicorn on a free port.

Used by the browser journeys, the OpenAPI fuzz run and the scale-out and
failure tests. Every server runs the production settings from the environment
that `site_env` builds, so the tests see what a deployment serves.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(tmp: Path, database_url: str | None = None, **extra: str) -> dict:
    """Production-settings environment for a server whose files live in `tmp`."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DATABASE_URL=database_url or f"sqlite:///{tmp / 'site.sqlite3'}",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="live-tests-only-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str) -> None:
    """Run a management command in a child process with `env`."""
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build_demo_site(env: dict) -> None:
    """Migrate, seed the demo content and collect static files."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(dict(env, DJANGO_SETTINGS_MODULE="cms.settings.dev"), "seed_demo")
    manage(env, "collectstatic", "--noinput", "-v0")


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 180) -> None:
    """Block until `base/ping` answers; fail if the server exits or times out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(base + "/ping", timeout=2)  # noqa: S310
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(f"the server at {base} did not start") from None
            time.sleep(0.3)


def start_gunicorn(
    env: dict, port: int, workers: int | None = None
) -> subprocess.Popen:
    """Serve cms.wsgi with gunicorn on 127.0.0.1:`port` and wait until it answers:
    two workers with a shared cache (`CACHE_URL`), else one (gunicorn.conf.py)."""
    if workers is None:
        workers = 2 if env.get("CACHE_URL") else 1
    server = subprocess.Popen(
        [
            GUNICORN,
            "cms.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    wait_until_up(f"http://127.0.0.1:{port}", server)
    return server


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def pytest_collection_modifyitems(config, items):
    """Mark every test that uses the live demo site as `live`, and keep the
    `live` tests on one pytest-xdist worker.

    The demo site runs on its own SQLite database whatever DATABASE_URL is,
    so CI runs these tests once, in its PostgreSQL pass. Built once per
    worker, it is built once when one worker runs every live test
    (`--dist loadgroup`), and the other workers run the rest meanwhile.
    """
    for item in items:
        if "demo_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.live)
        if item.get_closest_marker("live"):
            item.add_marker(pytest.mark.xdist_group("live"))


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """Base URL of the demo site served by gunicorn (production settings).

    Built once per test session in its own SQLite database, whatever
    DATABASE_URL the suite itself runs on.
    """
    tmp = tmp_path_factory.mktemp("demo-site")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = site_env(tmp, PUBLIC_BASE_URL=base)
    build_demo_site(env)
    server = start_gunicorn(env, port)
    yield base
    stop(server)
