"""A unit's moderator hides a comment with a reason, then restores it.

The moderator of KBRI Singapura opens "Public feedback" → "Comments on
components", finds the demo's waiting comment, hides it with a reason (the
form asks for one first) and restores it to the queue, so the demo database
ends as it began. The moderator of another unit neither lists it nor opens it.
On a 1280 px desktop and on a 375 px phone.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENS
from .journeys import assert_no_console_errors, log_in_to_admin, watch_console

pytestmark = pytest.mark.browser

COMMENT = "Sebutkan cara pembayaran biaya: tunai, kartu atau transfer."
LISTING = "/admin/consultation/comments/"


def staff_tab(
    browser, base: str, username: str, next_path: str, screen: str = "desktop"
):
    """A watched page on `screen` in a browser context of its own, logged in."""
    context = browser.new_context(**SCREENS[screen])
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    watch_console(tab)
    log_in_to_admin(tab, base, username, next_path)
    return tab


def decide(tab, decision: str, reason: str = "") -> None:
    tab.get_by_label("Decision").select_option(label=decision)
    tab.get_by_label("Reason for hiding (required to hide)").fill(reason)
    tab.get_by_role("button", name="Record the decision").click()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_moderator_hides_a_comment_and_restores_it(browser, demo_server, screen):
    moderator = staff_tab(
        browser, demo_server, "moderator-kbri-singapura", LISTING, screen
    )
    moderator.get_by_role("link", name=re.compile(re.escape(COMMENT[:30]))).click()
    record_url = moderator.url
    expect(moderator.locator("blockquote")).to_contain_text(COMMENT)
    decide(moderator, "Hide")
    expect(moderator.locator(".messages")).to_contain_text("reason for hiding")
    decide(moderator, "Hide", "duplikat")
    expect(moderator.locator(".messages")).to_contain_text("Hidden")
    moderator.goto(record_url)
    decide(moderator, "Restore")
    expect(moderator.locator(".messages")).to_contain_text("Waiting for moderation")
    assert_no_console_errors(moderator)
    moderator.context.close()

    other = staff_tab(browser, demo_server, "moderator-kjri-toronto", LISTING)
    expect(other.get_by_text(COMMENT)).to_have_count(0)
    assert other.goto(record_url).status == 404
    other.context.close()
