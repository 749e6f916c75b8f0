"""An innovation entry (KIPP) from the unit's draft to the public showcase.

The editor of KJRI Toronto writes an entry with every proposal section and
submits it; the unit's moderator approves it, which submits it to the
competition; the national committee moves it to "passed administrative
selection" in the competition's admin views; the showcase's filters (year,
stage, unit) then find it and open it, on a desktop and on a phone; the staff
work once on a 1280 px desktop and once on a 375 px phone. The new
entry exists in Indonesian only, so the English showcase is filtered to a
translated entry of the demo.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENS, open_tab
from .journeys import check_page, unique
from .test_journey_editor import staff_tab

pytestmark = pytest.mark.browser

SECTIONS = {
    "ringkasan": "Layanan lapor diri lewat WhatsApp bagi WNI di Kanada.",
    "latar_belakang": "Banyak WNI tinggal jauh dari Toronto.",
    "kebaruan": "Lapor diri tanpa datang ke kantor.",
    "implementasi": "Dimulai pada 2024 oleh fungsi konsuler.",
    "signifikansi": "Jumlah WNI yang melapor diri naik dua kali lipat.",
    "adaptabilitas": "Dapat diterapkan di perwakilan lain.",
    "sumber_daya": "Dua petugas dan satu nomor WhatsApp.",
    "keberlanjutan": "Masuk rencana kerja tahunan.",
}
SHOWCASE = {"id": "/id/inovasi/", "en": "/en/inovasi/"}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_entry_goes_from_draft_to_the_showcase(browser, page, demo_server, screen):
    title = unique("Lapor diri WhatsApp")
    year = str(datetime.date.today().year)

    editor = staff_tab(
        browser, demo_server, "editor-kjri-toronto", "/id/unit/kjri-toronto/", screen
    )
    add = editor.locator('wagtail-userbar a[href$="/add_subpage/"]').get_attribute(
        "href"
    )
    unit_admin = re.search(r"/admin/pages/(\d+)/", add).group(1)
    editor.goto(
        f"{demo_server}/admin/pages/add/innovation/innovationentrypage/{unit_admin}/"
    )
    editor.locator("#id_title").fill(title)
    expect(editor.locator("#id_competition_year")).to_have_value(year)
    editor.get_by_role("checkbox", name=re.compile("strong institutions")).check()
    # KIPP takes innovations in use for a year or more.
    started = datetime.date.today().replace(day=1) - datetime.timedelta(days=800)
    editor.locator("#id_implementation_start").fill(started.isoformat())
    editor.locator("#id_implementation_start").press("Escape")
    for key, text in SECTIONS.items():
        editor.locator(f"#id_{key}").fill(text)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Moderasi KJRI Toronto").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")
    editor.context.close()

    moderator = staff_tab(browser, demo_server, "moderator-kjri-toronto", "", screen)
    moderator.get_by_role("row").filter(has_text=title).get_by_role(
        "link", name=title
    ).click()
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text(title)
    moderator.context.close()

    committee = staff_tab(
        browser, demo_server, "komite-kipp", f"/admin/innovation/?year={year}", screen
    )
    committee.get_by_role("link", name=title).click()
    committee.get_by_label("New stage").select_option(
        label="Passed administrative selection"
    )
    committee.get_by_role("button", name="Move stage").click()
    expect(committee.locator(".messages")).to_be_visible()
    expect(committee.get_by_role("main")).to_contain_text(
        "Passed administrative selection"
    )
    committee.context.close()

    for reader in (page, open_tab(browser, "phone")):  # a desktop, then a phone
        browse_the_showcase(reader, demo_server, title, year)
    reader.context.close()


def browse_the_showcase(reader, base: str, title: str, year: str) -> None:
    """Filter the showcase in each language and open an entry from it."""
    reader.goto(base + SHOWCASE["id"])
    reader.get_by_label("Tahun").select_option(year)
    reader.get_by_label("Tahap").select_option(label="Lolos seleksi administrasi")
    reader.get_by_label("Unit", exact=True).select_option(label="KJRI Toronto")
    reader.get_by_role("button", name="Terapkan saringan").click()
    expect(reader).to_have_url(re.compile(r"stage=admin_passed"))
    expect(reader.get_by_role("link", name=title)).to_be_visible()
    check_page(reader, "id")
    reader.get_by_role("link", name=title).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(title)
    check_page(reader, "id")

    reader.goto(base + SHOWCASE["en"])
    reader.get_by_label("Year").select_option("2021")
    reader.get_by_label("Stage").select_option(label="Top 99 / finalist")
    reader.get_by_role("button", name=re.compile("filter", re.I)).click()
    expect(reader).to_have_url(re.compile(r"stage=top99"))
    entry = reader.get_by_role("link", name="Pandu (Integrated Consular Service)")
    expect(entry).to_be_visible()
    check_page(reader, "en")
    entry.click()
    expect(reader.get_by_role("heading", level=1)).to_contain_text("Pandu")
    check_page(reader, "en")
