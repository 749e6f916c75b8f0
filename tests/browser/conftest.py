"""Real-browser fixtures: the demo site under gunicorn, Debian's Chromium.

The demo site is built once per test session in its own SQLite database
(migrate + seed_demo) and served with the production settings by gunicorn on a
free port. Browser tests are skipped, with the reason, only when Chromium is not
installed (`make test` installs it with apt-get when it can).
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "var" / "screenshots"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    reason = (
        f"Chromium not found at {CHROMIUM}: run 'make test' as root "
        "or install Debian's 'chromium' package"
    )
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _site_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp / 'browser.sqlite3'}",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="browser-tests-only-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="ERROR",
    )
    return env


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """Base URL of the demo site served by gunicorn (production settings)."""
    tmp = tmp_path_factory.mktemp("demo-site")
    env = _site_env(tmp)
    _run(env, "migrate", "--noinput", "-v0")
    _run(dict(env, DJANGO_SETTINGS_MODULE="cms.settings.dev"), "seed_demo")
    _run(env, "collectstatic", "--noinput", "-v0")
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/ping", timeout=2)  # noqa: S310
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the demo server did not start") from None
            time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def screenshot_path(test_name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name) + ".png")


@pytest.fixture
def page(browser, request):
    """A fresh browser page; its final state is saved as a screenshot."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    tab.screenshot(path=screenshot_path(request.node.name), full_page=True)
    context.close()


@pytest.fixture
def phone(browser, request):
    """A 375 px wide touch-screen page."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    tab.screenshot(path=screenshot_path(request.node.name), full_page=True)
    context.close()
