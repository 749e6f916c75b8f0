"""The API reference (`/api/docs/`, Redoc) in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_api_reference_renders_under_the_site_policy_and_is_navigable(
    page, demo_server
):
    problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(message.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(demo_server + "/api/docs/")
    assert response.status == 200
    assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
    page.get_by_role("heading", name="Terpadu open API").wait_for()
    page.get_by_role("menuitem", name="consultations", exact=True).click()
    page.get_by_role("menuitem", name="List public consultations").click()
    expect(page).to_have_url(
        re.compile(r"#tag/consultations/operation/consultations_list$")
    )
    assert page.get_by_text("/api/consultations/", exact=True).first.is_visible()
    page.get_by_role("menuitem", name="units", exact=True).click()
    page.get_by_role("menuitem", name="One unit").click()
    assert page.get_by_text("opening_hours", exact=True).first.is_visible()
    assert problems == []
