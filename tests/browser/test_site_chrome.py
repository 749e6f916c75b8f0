"""The site chrome in a real browser: accessible, bilingual, keyboard and phone."""

import pytest

from .accessibility import assert_accessible

pytestmark = pytest.mark.browser

CORE_PAGES = [
    ("id", "/id/"),
    ("en", "/en/"),
    ("id", "/id/unit/"),
    ("en", "/en/unit/"),
    ("id", "/id/unit/kjri-toronto/"),
    ("en", "/en/unit/kjri-toronto/"),
    ("id", "/id/pelindungan-data-pribadi/"),
]


@pytest.mark.parametrize(("language", "path"), CORE_PAGES)
def test_core_page_is_accessible(page, demo_server, language, path):
    response = page.goto(demo_server + path)
    assert response.status == 200
    assert_accessible(page, language)


def test_citizen_reaches_a_unit_and_switches_language(page, demo_server):
    page.goto(demo_server + "/id/")
    page.get_by_role("link", name="KJRI Toronto").click()
    assert page.get_by_role("heading", level=1).inner_text() == "KJRI Toronto"
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/unit/kjri-toronto/")
    assert page.get_by_text("Saturday consular service (Pandu)").is_visible()


def test_skip_link_is_first_and_moves_focus_to_main(page, demo_server):
    page.goto(demo_server + "/id/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Lewati ke isi utama"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_layout_has_no_horizontal_scroll(phone, demo_server):
    for path in ("/id/", "/id/unit/kjri-toronto/"):
        phone.goto(demo_server + path)
        root = "document.documentElement"
        overflow = phone.evaluate(f"{root}.scrollWidth - {root}.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
