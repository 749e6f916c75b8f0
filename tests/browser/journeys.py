"""Steps shared by the browser journeys: checking each page, logging in.

`check_page` is called after every step of every journey. Besides axe-core, it
fails on what a reader would notice first and an HTML test does not see: an
error in the browser console, a page that scrolls sideways at any width from
320 to 1280 px, and an internal code (a stored key such as `hari_kerja`) in the
text shown to people. Each checked step is saved as a screenshot under
`var/screenshots/`, named by test and step.
"""

import functools
import os
import re
import time
import weakref
from urllib.parse import quote

from playwright.sync_api import Error as PlaywrightError

from .accessibility import assert_accessible

DEMO_PASSWORD = "terpadu-demo"  # noqa: S105 (the demo accounts' documented password)
# Widths at which no page may scroll sideways: the smallest phones, common
# phones, a tablet held upright and sideways, a laptop.
OVERFLOW_WIDTHS = (320, 375, 414, 768, 1024, 1280)
# Apps whose vocabularies (choices) are stored as keys and shown as labels.
PROJECT_APPS = ("standards", "consultation", "innovation", "cms", "search")
# A console message for a document the journey itself asked for: its status is
# asserted by the journey (e.g. the 404 page), so the browser's note about it is
# not a page error. Any other failed resource (a script, a style, an image) is.
_FAILED_LOAD = "Failed to load resource"

_watched: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_steps: dict[str, int] = {}


class _ConsoleLog:
    """One tab's console errors and uncaught exceptions, and the documents it opened."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.documents: set[str] = set()

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if message.text.startswith(_FAILED_LOAD) and url in self.documents:
            return
        self.errors.append(f"console error: {message.text} ({url or 'no location'})")

    def on_page_error(self, error) -> None:
        self.errors.append(f"uncaught exception: {error}")

    def on_navigated(self, frame) -> None:
        if frame.parent_frame is None:
            self.documents.add(frame.url)


def watch_console(tab) -> None:
    """Record `tab`'s console errors and uncaught exceptions for `check_page`."""
    log = _ConsoleLog()
    tab.on("console", log.on_console)
    tab.on("pageerror", log.on_page_error)
    tab.on("framenavigated", log.on_navigated)
    tab.on("request", lambda r: r.is_navigation_request() and log.documents.add(r.url))
    _watched[tab] = log


def unique(prefix: str) -> str:
    """`prefix` plus a per-run suffix: the demo database lives for the session."""
    return f"{prefix} {time.strftime('%H%M%S')}{time.monotonic_ns() % 1000:03d}"


@functools.cache
def internal_codes() -> tuple[str, ...]:
    """Stored keys that must never be shown to people, read from the code.

    Every choice value of the project's vocabularies (TextChoices classes, such
    as the time units, document forms, audiences and states, and the choices of
    its models' fields) and the keys of the 14 components of a service standard
    (`standards/data/standar-pelayanan.yaml`). Only multi-word snake_case keys
    (`hari_kerja`, `asli_dan_fotokopi`, `jangka_waktu`): a one-word key such as
    `persyaratan` or `open` is also an ordinary word of the page's text.
    """
    from django.apps import apps
    from django.db import models

    from standards.components import components

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    def ours(module: str) -> bool:
        return module.split(".")[0] in PROJECT_APPS

    keys = {component.key for component in components()}
    for choices in subclasses(models.TextChoices):
        if ours(choices.__module__):
            keys.update(choices.values)
    for model in apps.get_models():
        if ours(model.__module__):
            for field in model._meta.get_fields():
                for value, _label in getattr(field, "flatchoices", None) or ():
                    keys.add(value)
    snake = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
    return tuple(sorted(k for k in keys if isinstance(k, str) and snake.fullmatch(k)))


# Runs in the page: the text people see or hear, including what a closed
# <details> or a folded menu shows once opened (so not `innerText`): the
# document's text without scripts and styles, its title, and the accessible
# names and descriptions given in attributes.
_SHOWN_TEXT_JS = """
() => {
  const body = document.body.cloneNode(true);
  for (const el of body.querySelectorAll("script, style, template, noscript")) {
    el.remove();
  }
  const parts = [document.title, body.textContent];
  for (const el of document.querySelectorAll("[aria-label], [alt], [title]")) {
    for (const name of ["aria-label", "alt", "title"]) {
      const value = el.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  return parts.join("\\n");
}
"""
_OVERFLOW_JS = """
() => {
  const root = document.documentElement;
  const overflow = root.scrollWidth - root.clientWidth;
  if (overflow <= 0) return [overflow, []];
  const edge = root.clientWidth;
  const wide = [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > edge + 1)
    .filter((el) => el.parentElement.getBoundingClientRect().right <= edge + 1)
    .slice(0, 3)
    .map((el) => el.outerHTML.replace(/\\s+/g, " ").slice(0, 160));
  return [overflow, wide];
}
"""


def assert_no_console_errors(page) -> None:
    log = _watched.get(page)
    assert log is not None, (
        "the tab was not opened by a fixture that watches its console"
    )
    errors, log.errors = log.errors, []
    assert not errors, f"{page.url}: " + "; ".join(errors)


def assert_no_horizontal_overflow(page) -> None:
    """No sideways scrolling at any of `OVERFLOW_WIDTHS`, then the tab's own size."""
    size = dict(page.viewport_size)
    problems = []
    try:
        for width in OVERFLOW_WIDTHS:
            page.set_viewport_size({"width": width, "height": size["height"]})
            overflow, wide = page.evaluate(_OVERFLOW_JS)
            if overflow > 0:
                problems.append(
                    f"{width}px wide: scrolls sideways by {overflow}px {wide}"
                )
    finally:
        page.set_viewport_size(size)
    assert not problems, f"{page.url}: " + "; ".join(problems)


def assert_no_internal_codes(page) -> None:
    codes = internal_codes()
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, codes)) + r")(?![\w-])"
    )
    text = page.evaluate(_SHOWN_TEXT_JS)
    found = []
    for match in pattern.finditer(text):
        start, end = max(match.start() - 40, 0), match.end() + 40
        found.append(f"{match.group(1)!r} in …{text[start:end]!r}…")
    assert not found, f"{page.url} shows internal codes: " + "; ".join(found[:5])


def save_step_screenshot(page) -> None:
    """var/screenshots/<test>-<params>-step<nn>.png: the step as the reader saw it."""
    from .conftest import screenshot_path

    current = os.environ.get("PYTEST_CURRENT_TEST", "journey").split(" ")[0]
    test = current.split("::")[-1].replace("[", "-").rstrip("]")
    _steps[current] = step = _steps.get(current, 0) + 1
    path = screenshot_path(f"{test}-step{step:02d}")
    try:
        page.screenshot(path=path, full_page=True)
    except PlaywrightError:
        # Chromium now and then answers "Unable to capture screenshot" on a
        # busy machine (CI, 2026-12-06): a second try, which must succeed.
        page.wait_for_timeout(500)
        page.screenshot(path=path, full_page=True)


def check_page(page, language: str) -> None:
    """The page the journey reached is accessible, error-free, fits every width
    from 320 to 1280 px and shows labels, not codes; its screenshot is saved."""
    save_step_screenshot(page)
    assert_no_console_errors(page)
    assert_accessible(page, language)
    assert_no_internal_codes(page)
    assert_no_horizontal_overflow(page)
    assert_no_console_errors(page)


def log_in_to_admin(page, base: str, username: str, next_path: str = "") -> None:
    """Log in on Wagtail's admin login form; land on `next_path` or the dashboard."""
    query = f"?next={quote(next_path)}" if next_path else ""
    page.goto(f"{base}/admin/login/{query}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/admin/login/" not in url)
