"""Real-browser fixtures: the demo site under gunicorn, Debian's Chromium.

The demo site (`demo_server`, in `tests/live.py`) is built once per test
session in its own SQLite database and served by gunicorn. Browser tests are
skipped, with the reason, only when Chromium is not installed (`make test`
installs it with apt-get when it can).
"""

import os
import re
import warnings
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


# The two screens every journey runs on: a laptop and a 375 px touch phone.
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 375, "height": 740},
        "is_mobile": True,
        "has_touch": True,
    },
}


def open_tab(browser, screen: str = "desktop"):
    """A fresh tab on `screen` whose console errors `check_page` reports."""
    from playwright.sync_api import expect

    from .journeys import watch_console

    context = browser.new_context(**SCREENS[screen])
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    # Assertions wait as long as actions: a workflow submission's redirect took
    # over expect()'s default 5 s once in a full run on a loaded 2-core machine.
    expect.set_options(timeout=15_000)
    watch_console(tab)
    return tab


def _tab_fixture(browser, request, screen: str):
    tab = open_tab(browser, screen)
    yield tab
    save_final_screenshot(tab, screenshot_path(request.node.name))
    tab.context.close()


def save_final_screenshot(tab, path: Path) -> None:
    """The tab's final state, for whoever reads the run: the whole page, else
    the screen. It is a record, not a check: Chromium once answered "Unable to
    capture screenshot" for a full page on a loaded 2-core machine, after
    every assertion of the test had passed."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        tab.screenshot(path=path, full_page=True)
    except PlaywrightError:
        try:
            tab.screenshot(path=path)
        except PlaywrightError as error:
            warnings.warn(f"No final screenshot saved to {path}: {error}", stacklevel=2)


@pytest.fixture
def page(browser, request):
    """A fresh 1280 px browser page; its final state is saved as a screenshot."""
    yield from _tab_fixture(browser, request, "desktop")


@pytest.fixture
def phone(browser, request):
    """A 375 px wide touch-screen page."""
    yield from _tab_fixture(browser, request, "phone")


@pytest.fixture(params=list(SCREENS))
def screen(browser, request):
    """The journey's page, once on a 1280 px desktop and once on a 375 px phone."""
    yield from _tab_fixture(browser, request, request.param)


def is_phone(tab) -> bool:
    return tab.viewport_size["width"] < 768
