"""The site core's public pages in both languages."""

from datetime import time

import pytest

from cms.core.factories import ContentPageFactory
from cms.core.models import UnitOpeningHours
from cms.core.sections import Section, collect_sections

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_unit(unit_a, locales):
    english = unit_a.copy_for_translation(locales[1], copy_parents=True)
    english.title = "Consulate General in Toronto"
    english.save_revision().publish()
    return english


def test_root_redirects_by_browser_language(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_root_redirects_to_indonesian_by_default(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="")
    assert response["Location"] == "/id/"


def test_home_page_lists_units_grouped_by_type(client, unit_a, unit_b):
    html = client.get("/id/").content.decode()
    assert "Konsulat Jenderal (KJRI)" in html
    assert "Kedutaan Besar (KBRI)" in html
    assert html.index("Kedutaan Besar (KBRI)") < html.index("Konsulat Jenderal (KJRI)")
    assert unit_a.title in html and unit_b.title in html


def test_pages_declare_their_language(client, home_page):
    assert '<html lang="id">' in client.get("/id/").content.decode()
    assert '<html lang="en">' in client.get("/en/").content.decode()


def test_interface_is_translated_in_indonesian(client, home_page):
    html = client.get("/id/").content.decode()
    assert "Lewati ke isi utama" in html
    assert "Skip to main content" in client.get("/en/").content.decode()


def test_language_switcher_links_to_translation(client, unit_a, english_unit):
    html = client.get(unit_a.url).content.decode()
    assert f'href="{english_unit.url}"' in html


def test_language_switcher_says_when_no_translation(client, unit_a):
    """In the language the reader is looking for: an English reader on an
    Indonesian page reads that it is not translated in English."""
    html = client.get(unit_a.url).content.decode()
    assert "English: this page is not translated" in html
    assert "halaman ini belum diterjemahkan" not in html


def test_unit_page_shows_contact_and_saturday_hours(client, make_unit):
    unit = make_unit("KJRI Toronto", phone="+1 416 591 6461", email="k@example.org")
    unit.opening_hours.add(
        UnitOpeningHours(weekday=6, opens=time(10), closes=time(14), note="Pandu")
    )
    unit.save_revision().publish()
    html = client.get(unit.url).content.decode()
    assert "+1 416 591 6461" in html
    assert "Sabtu" in html and "10.00–14.00" in html


@pytest.mark.parametrize(
    ("zone", "language", "named"),
    [
        ("Asia/Singapore", "id", "Waktu Standar Singapura"),
        ("America/Toronto", "en", "Eastern Time, Canada"),
        ("America/Toronto", "id", "Waktu Timur, Kanada"),
        ("America/New_York", "id", "Waktu Timur, Amerika Serikat"),
        ("Europe/Berlin", "en", "Central European Time, Germany"),
        ("Australia/Sydney", "id", "Waktu Timur Australia"),
        ("Europe/London", "id", "Waktu Inggris"),
        ("Asia/Jakarta", "id", "Waktu Indonesia Barat"),
        ("Asia/Kuching", "en", "Malaysia Time"),
    ],
)
def test_a_units_time_zone_is_named_as_readers_know_it(zone, language, named):
    from django.utils import translation

    from cms.core.templatetags.terpadu import zone_name

    with translation.override(language):
        assert zone_name(zone) == named
    assert zone_name("Not/AZone") == "Not/AZone"


def test_unpublished_page_is_not_served(client, unit_a):
    draft = ContentPageFactory(parent=unit_a, title="Draf", live=False)
    assert client.get(f"/id/unit/{unit_a.slug}/{draft.slug}/").status_code == 404


def test_layout_has_skip_link_landmarks_and_complaint_channel(client, home_page):
    html = client.get("/id/").content.decode()
    assert 'href="#main"' in html and '<main id="main"' in html
    assert 'role="search"' in html and "<footer" in html
    assert "SP4N-LAPOR!" in html


def test_home_page_renders_with_bounded_queries(
    client, make_unit, django_assert_max_num_queries
):
    for n in range(12):
        make_unit(f"KJRI Kota {n}")
    with django_assert_max_num_queries(30):
        assert client.get("/id/").status_code == 200


def test_sections_are_sorted_and_empty_ones_dropped(rf, home_page):
    from wagtail import hooks

    def late(request, page):
        return Section("x.html", order=50)

    def early(request, page):
        return Section("y.html", order=5)

    def none(request, page):
        return None

    hook = "terpadu_home_sections"
    with hooks.register_temporarily([(hook, late), (hook, early), (hook, none)]):
        sections = collect_sections("terpadu_home_sections", rf.get("/"), home_page)
    templates = [s.template for s in sections if s.template in {"x.html", "y.html"}]
    assert templates == ["y.html", "x.html"]


def test_health_check_reports_database(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_english_unit_page_shows_translated_opening_hours_note(client, make_unit):
    from cms.core.translation import translate_page

    unit = make_unit("KJRI Toronto")
    unit.opening_hours.add(
        UnitOpeningHours(
            weekday=6, opens=time(10), closes=time(14), note="Layanan Sabtu"
        )
    )
    unit.save_revision().publish()
    english = translate_page(unit, "en", {"Layanan Sabtu": "Saturday service"})
    html = client.get(english.url).content.decode()
    assert "Saturday service" in html and "Layanan Sabtu" not in html
    assert "10:00–14:00" in html and "10.00" not in html, "English writes 10:00"


def test_the_menu_marks_the_current_page_and_the_section_above_it(client, home_page):
    """A screen reader announces "current page" on the menu link of the page
    itself only; a page below a menu item marks that item as its section."""
    section = ContentPageFactory(parent=home_page, title="Layanan", show_in_menus=True)
    below = ContentPageFactory(parent=section, title="Paspor")
    link = f'<a href="{section.url}" aria-current='
    assert f'{link}"page">' in client.get(section.url).content.decode()
    assert f'{link}"true">' in client.get(below.url).content.decode()
    assert link not in client.get("/id/").content.decode()


@pytest.mark.parametrize(("language", "other"), [("id", "en"), ("en", "id")])
def test_page_not_found_leads_to_the_home_pages(client, home_page, language, other):
    """Its language switch named the same missing address in the other
    language (another 404) and its home link `/`, which the browser's
    language redirects: a reader of /en/ landed on the Indonesian site."""
    response = client.get(f"/{language}/unit/tidak-ada/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'href="/"' not in html
    assert f'href="/{other}/" lang="{other}"' in html
    assert f"/{other}/unit/tidak-ada/" not in html


def test_a_bad_request_gets_the_sites_own_page_in_both_languages(rf):
    """Django's plain English "Bad Request (400)" answered a malformed address
    (`/media/images/../x` under `make run`)."""
    from django.core.exceptions import SuspiciousOperation
    from django.views.defaults import bad_request

    response = bad_request(rf.get("/"), SuspiciousOperation())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Permintaan tidak dapat dibaca" in html
    assert '<h2 lang="en">The request could not be read</h2>' in html
