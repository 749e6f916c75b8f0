"""A citizen finds a service standard, prints its checklist and reads its history.

Home → unit → standard → printable requirements checklist (print media) →
change history → comparison of two versions, in Indonesian and English, on a
desktop and on a 375 px phone. Every page is checked for accessibility.
"""

import re

import pytest
from playwright.sync_api import expect

from .journeys import check_page

pytestmark = pytest.mark.browser

WORDS = {
    "id": {
        "standard": "Legalisasi dokumen",
        "checklist": "Buka daftar periksa siap cetak",
        "checklist_h1": "Daftar periksa: Legalisasi dokumen",
        "requirement": "Dokumen yang akan dilegalisasi",
        "back": "Kembali ke standar pelayanan lengkap",
        "history": "Riwayat perubahan",
        "history_h1": "Riwayat perubahan: Legalisasi dokumen",
        "compare": "Bandingkan versi 1 dengan 2",
        "fee_changed": "Biaya berubah",
    },
    "en": {
        "standard": "Legalisation of documents",
        "checklist": "Open the printable checklist",
        "checklist_h1": "Checklist: Legalisation of documents",
        "requirement": "The document to be legalised",
        "back": "Back to the full service standard",
        "history": "Change history",
        "history_h1": "Change history: Legalisation of documents",
        "compare": "Compare version 1 with 2",
        "fee_changed": "The fee changed",
    },
}
FEE_BEFORE = "CAD 25"
FEE_AFTER = "CAD 30"
# Site chrome that a printed checklist leaves out.
HIDDEN_IN_PRINT = (
    ".site-header__bar",
    ".site-menu",
    ".language-switcher",
    ".skip-link",
    ".site-footer",
    ".breadcrumb",
)


def citizen_journey(tab, base: str, language: str) -> None:
    words = WORDS[language]
    tab.goto(f"{base}/{language}/")
    check_page(tab, language)

    tab.get_by_role("link", name="KJRI Toronto", exact=True).first.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("KJRI Toronto")
    check_page(tab, language)

    tab.get_by_role("link", name=words["standard"], exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["standard"])
    expect(tab).to_have_url(
        re.compile(f"/{language}/unit/kjri-toronto/legalisasi-dokumen/$")
    )
    check_page(tab, language)

    tab.get_by_role("link", name=words["checklist"]).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["checklist_h1"])
    requirement = tab.get_by_role("checkbox", name=words["requirement"])
    requirement.check()  # ticking an item on screen works too
    earlier, other_page = plant_other_ticks(tab)
    tab.reload()
    expect(requirement).to_be_checked()  # and the tick is kept on this device
    stored = "key => window.localStorage.getItem(key)"
    assert tab.evaluate(stored, earlier) is None  # an earlier version's are dropped
    assert tab.evaluate(stored, other_page) is not None  # another page's are kept
    check_page(tab, language)
    assert_prints_only_the_checklist(tab, words)

    tab.get_by_role("link", name=words["back"]).click()
    tab.get_by_role("link", name=words["history"], exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["history_h1"])
    # The demo standard has two published versions.
    expect(tab.get_by_role("table").locator("tbody tr")).to_have_count(2)
    check_page(tab, language)

    tab.get_by_role("link", name=words["compare"]).click()
    fee = tab.get_by_role("note")
    expect(fee).to_contain_text(words["fee_changed"])
    assert FEE_BEFORE in fee.locator("del").inner_text()
    assert FEE_AFTER in fee.locator("ins").inner_text()
    check_page(tab, language)


def plant_other_ticks(tab) -> tuple[str, str]:
    """Store ticks of this checklist's earlier version and of another page
    whose id starts with this one's; returns their storage keys."""
    page, version = tab.locator("ul.checklist").get_attribute("data-keep").split(":")
    earlier = f"terpadu:checklist:{page}:{int(version) - 1}"
    other_page = f"terpadu:checklist:{page}0:{version}"
    for key in (earlier, other_page):
        tab.evaluate("key => window.localStorage.setItem(key, '[]')", key)
    return earlier, other_page


def assert_prints_only_the_checklist(tab, words: dict) -> None:
    """Print media: the chrome and links away are hidden, the list is kept."""
    tab.emulate_media(media="print")
    try:
        for selector in HIDDEN_IN_PRINT:
            for element in tab.locator(selector).all():
                assert element.is_hidden(), f"{selector} is printed on {tab.url}"
        assert tab.get_by_role("link", name=words["back"]).is_hidden()
        assert tab.get_by_role("heading", level=1).is_visible()
        items = tab.get_by_role("checkbox")
        assert items.count() >= 3
        for item in items.all():
            assert item.is_visible(), "every requirement prints with its tick box"
        assert tab.get_by_text(words["requirement"]).is_visible()
    finally:
        tab.emulate_media(media="screen")


@pytest.mark.parametrize("language", ["id", "en"])
def test_citizen_reads_prints_and_compares_a_standard(page, demo_server, language):
    citizen_journey(page, demo_server, language)


@pytest.mark.parametrize("language", ["id", "en"])
def test_citizen_journey_on_a_phone(phone, demo_server, language):
    citizen_journey(phone, demo_server, language)
