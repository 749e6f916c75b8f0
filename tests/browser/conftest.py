"""Real-browser fixtures: the demo site under gunicorn, Debian's Chromium.

The demo site (`demo_server`, in `tests/live.py`) is built once per test
session in its own SQLite database and served by gunicorn. Browser tests are
skipped, with the reason, only when Chromium is not installed (`make test`
installs it with apt-get when it can).
"""

import os
import re
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
