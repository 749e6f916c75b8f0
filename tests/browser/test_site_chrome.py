"""The site chrome in a real browser: accessible, bilingual, keyboard and phone."""

import pytest
from playwright.sync_api import expect

from .accessibility import assert_accessible
from .journeys import check_page

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


PHONE_HEADER_MAX = 200  # a quarter of an 800 px high phone screen


@pytest.mark.parametrize("language", ["id", "en"])
def test_phone_header_folds_the_menu(phone, demo_server, language):
    """At 375 px the header is at most a quarter of the screen: the site name,
    the menu toggle and the search box; the menu unfolds the navigation and the
    language switch."""
    words = {
        "id": ("Utama", "Bahasa", "English"),
        "en": ("Main", "Language", "Bahasa Indonesia"),
    }
    main, language_nav, other_language = words[language]
    phone.goto(f"{demo_server}/{language}/unit/kjri-toronto/")
    header = phone.locator(".site-header")
    height = header.bounding_box()["height"]
    assert height <= PHONE_HEADER_MAX, f"the header takes {height}px of the screen"
    expect(header.get_by_role("link", name="Terpadu")).to_be_visible()
    expect(header.get_by_role("search")).to_be_visible()
    navigation = phone.get_by_role("navigation", name=main)
    expect(navigation).to_be_hidden()
    expect(phone.get_by_role("navigation", name=language_nav)).to_be_hidden()
    # The other language is one tap away without opening the menu.
    expect(header.get_by_role("link", name=other_language)).to_be_visible()
    check_page(phone, language)

    header.locator("summary").tap()  # the menu opens without JavaScript
    expect(navigation).to_be_visible()
    expect(navigation.get_by_role("link")).not_to_have_count(0)
    switch = phone.get_by_role("navigation", name=language_nav)
    expect(switch.get_by_role("link", name=other_language)).to_be_visible()
    check_page(phone, language)


def test_desktop_header_shows_the_menu_in_place(page, demo_server):
    page.goto(demo_server + "/en/")
    header = page.locator(".site-header")
    expect(header.locator("summary")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("navigation", name="Language")).to_be_visible()
    expect(header.locator(".site-header__language")).to_be_hidden()
    expect(header.get_by_role("search")).to_be_visible()
    check_page(page, "en")


# One page of every kind of the demo site, in both languages.
EVERY_KIND_OF_PAGE = (
    "/",
    "/unit/kjri-toronto/",
    "/unit/kjri-toronto/legalisasi-dokumen/",
    "/unit/kjri-toronto/legalisasi-dokumen/history/",
    "/unit/kjri-toronto/legalisasi-dokumen/compare/?from=1&to=2",
    "/unit/kjri-toronto/legalisasi-dokumen/checklist/",
    "/unit/kbri-singapura/maklumat-pelayanan/",
    "/standar-pelayanan/",
    "/konsultasi-publik/",
    "/unit/kbri-singapura/fkp-standar-paspor-2026/",
    "/unit/kjri-toronto/fkp-layanan-hari-sabtu/results/",
    "/unit/kjri-toronto/survei-kepuasan-masyarakat/",
    "/unit/kjri-toronto/survei-kepuasan-masyarakat/results/",
    "/indeks-kepuasan-masyarakat/",
    "/inovasi/",
    "/unit/kjri-toronto/pandu/",
    "/search/?q=paspor",
    "/data/",
)


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_kind_of_page_holds_up_on_every_screen(screen, demo_server, language):
    """Each kind of page: accessible, no console error, no internal code, and no
    sideways scrolling from 320 to 1280 px (wide tables scroll in their own
    region); the 404 page too."""
    for path in EVERY_KIND_OF_PAGE:
        response = screen.goto(f"{demo_server}/{language}{path}")
        assert response.status == 200, f"{path}: {response.status}"
        check_page(screen, language)
    response = screen.goto(f"{demo_server}/{language}/no-such-page/")
    assert response.status == 404
    check_page(screen, language)


def test_escape_closes_the_phone_menu_and_returns_to_its_toggle(phone, demo_server):
    phone.goto(f"{demo_server}/en/unit/kjri-toronto/")
    toggle = phone.locator("summary.site-menu__toggle")
    toggle.click()
    navigation = phone.get_by_role("navigation", name="Main")
    expect(navigation).to_be_visible()
    navigation.get_by_role("link").first.focus()
    phone.keyboard.press("Escape")
    expect(navigation).to_be_hidden()
    expect(toggle).to_be_focused()
