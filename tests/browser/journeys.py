"""Steps shared by the browser journeys: checking each page, logging in."""

import time
from urllib.parse import quote

from .accessibility import assert_accessible

DEMO_PASSWORD = "terpadu-demo"  # noqa: S105 (the demo accounts' documented password)
PHONE_MAX_WIDTH = 500


def unique(prefix: str) -> str:
    """`prefix` plus a per-run suffix: the demo database lives for the session."""
    return f"{prefix} {time.strftime('%H%M%S')}{time.monotonic_ns() % 1000:03d}"


def check_page(page, language: str) -> None:
    """The page the journey reached is accessible and, on a phone, fits the width."""
    assert_accessible(page, language)
    width = page.viewport_size["width"]
    if width <= PHONE_MAX_WIDTH:
        root = "document.documentElement"
        overflow = page.evaluate(f"{root}.scrollWidth - {root}.clientWidth")
        assert overflow <= 0, f"{page.url}: scrolls sideways by {overflow}px"


def log_in_to_admin(page, base: str, username: str, next_path: str = "") -> None:
    """Log in on Wagtail's admin login form; land on `next_path` or the dashboard."""
    query = f"?next={quote(next_path)}" if next_path else ""
    page.goto(f"{base}/admin/login/{query}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/admin/login/" not in url)
