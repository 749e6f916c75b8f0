"""Citizen views of standards, in Indonesian and in English."""

import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.models import Locale

from cms.core.translation import translate_page
from standards.factories import ServiceStandardPageFactory, fee_items
from standards.models import ServicePledgePage, ServiceStandardPage

from .conftest import publish

pytestmark = pytest.mark.django_db


def english(page, strings=None):
    return translate_page(page, "en", strings or {})


def english_locale():
    return Locale.objects.get(language_code="en")


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_indonesian_standard_page_uses_indonesian_labels(client, standard):
    html = html_of(client, standard.url)
    assert '<h2 id="h-persyaratan">Persyaratan</h2>' in html
    assert "Sistem, mekanisme, dan prosedur" in html
    assert "3 hari kerja" in html
    assert "CAD 60" in html


def test_english_standard_page_uses_english_labels_and_formats(client, standard):
    page = english(standard, {"Penerbitan paspor baru": "New passport"})
    html = html_of(client, page.url)
    assert page.url.startswith("/en/")
    assert '<h1 id="standard-title">New passport</h1>' in html
    assert "System, mechanism and procedure" in html
    assert "3 working days" in html
    assert "15 minutes" in html


def test_the_decree_keeps_its_indonesian_title_marked_as_such_on_english_pages(
    client, standard
):
    """The decree's number is the source page's (synchronised): English pages
    mark it `lang="id"`, on the page and in its change history."""
    decree = '<span lang="id">12/KONS/2024</span>'
    indonesian = html_of(client, standard.url)
    assert "Ditetapkan dengan <span>12/KONS/2024</span>" in indonesian
    page = english(standard)
    assert f"Set by {decree}" in html_of(client, page.url)
    assert decree in html_of(client, page.url + "history/")


def test_a_changed_decree_number_is_marked_indonesian_in_the_english_comparison(
    client, standard, django_capture_on_commit_callbacks
):
    page = english(standard)
    standard.decree_number = "3/KONS/2025"
    with django_capture_on_commit_callbacks(execute=True):
        publish(standard)
    compare = html_of(client, page.url + "compare/?from=1&to=2")
    assert (
        '<del lang="id">12/KONS/2024</del> → <ins lang="id">3/KONS/2025</ins>'
        in compare
    )
    indonesian = html_of(client, standard.url + "compare/?from=1&to=2")
    assert "<del>12/KONS/2024</del> → <ins>3/KONS/2025</ins>" in indonesian


def test_free_standard_says_so_in_each_language(client, unit_a, make_standard):
    page = make_standard(unit_a, slug="lapor-diri", fees=[], is_free=True)
    assert "Tidak dipungut biaya" in html_of(client, page.url)
    assert "Free of charge" in html_of(client, english(page).url)


def test_summary_comes_before_the_requirements(client, standard):
    html = html_of(client, standard.url)
    assert html.index("summary-heading") < html.index("h-persyaratan")


def test_requirements_are_a_checklist_of_labelled_checkboxes(client, standard):
    html = html_of(client, standard.url)
    assert html.count('type="checkbox"') == 3
    assert '<label for="req-1">' in html


def test_procedure_is_a_numbered_flow(client, standard):
    html = html_of(client, standard.url)
    assert re.search(r'<ol class="flow">\s*<li class="flow__step', html)


def test_page_has_one_h1(client, standard):
    assert html_of(client, standard.url).count("<h1") == 1


def test_government_service_json_ld(client, standard):
    html = html_of(client, standard.url)
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "GovernmentService"
    assert data["provider"]["name"] == "KJRI Toronto"
    assert data["offers"][0] == {
        "@type": "Offer",
        "name": "Biaya layanan",
        "price": "60.00",
        "priceCurrency": "CAD",
    }


def json_ld(client, page) -> dict:
    html = html_of(client, page.url)
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_json_ld_gives_a_processing_time_only_in_calendar_time(client, standard):
    """ISO 8601 has no working days: "P3D" told search engines three calendar
    days for three working days."""
    assert standard.completion_time_unit == "hari_kerja"
    channels = json_ld(client, standard)["availableChannel"]
    assert channels and all("processingTime" not in c for c in channels)
    standard.completion_time_unit = "hari_kalender"
    publish(standard)
    channels = json_ld(client, standard)["availableChannel"]
    assert {c["processingTime"] for c in channels} == {"P3D"}


def test_json_ld_cannot_close_the_script_element(client, unit_a, make_standard):
    page = make_standard(unit_a, slug="x", summary="</script><script>alert(1)")
    html = html_of(client, page.url)
    assert "</script><script>alert(1)" not in html


def test_print_stylesheet_is_linked(client, standard):
    assert "standards/standards.css" in html_of(client, standard.url)


def test_pledge_is_shown_on_the_standard_and_the_unit(client, standard, pledge):
    assert "Budi Santoso" in html_of(client, standard.url)
    assert "Budi Santoso" in html_of(client, standard.get_parent().url)


def test_english_unit_falls_back_to_the_indonesian_pledge(
    client, standard, pledge, unit_a
):
    english(standard)
    html = html_of(client, "/en/unit/kjri-toronto/")
    assert "Budi Santoso" in html


def test_english_unit_shows_its_own_pledge_before_the_indonesian_one(
    client, standard, pledge, unit_a
):
    english(standard)
    english_unit = unit_a.get_translation(english_locale())
    fallback = ServicePledgePage.objects.of_unit(english_unit)
    assert fallback.pk == pledge.pk
    own = english(pledge, {pledge.place: "Toronto, Canada"})
    found = ServicePledgePage.objects.of_unit(english_unit)
    assert (found.pk, found.locale.language_code) == (own.pk, "en")
    assert ServicePledgePage.objects.of_unit(unit_a).pk == pledge.pk


def test_an_english_pledge_names_the_place_it_was_signed_in_english(
    client, standard, pledge
):
    """The place is translated as the date is: "Singapore, 2 January 2024" on
    English pages, not the Indonesian "Singapura"."""
    pledge.place = "Singapura"
    pledge.save_revision().publish()
    english(standard)
    english(pledge, {"Singapura": "Singapore"})
    assert "Singapura, <time" in html_of(client, "/id/unit/kjri-toronto/")
    html = html_of(client, "/en/unit/kjri-toronto/")
    assert "Singapore, <time" in html
    assert "Singapura" not in html


def test_pages_find_the_same_pledge_as_of_unit_in_both_languages(
    unit_a, standard, pledge
):
    english(standard)
    english_unit = unit_a.get_translation(english_locale())
    pledges = ServicePledgePage.objects.all()
    for unit in (unit_a, english_unit):
        shown = pledges.shown_on_pages_of(unit)
        assert (shown.pk, shown.text) == (pledge.pk, pledges.of_unit(unit).text)
    own = english(pledge)  # published: the remembered pledge is found again
    shown = pledges.shown_on_pages_of(english_unit)
    assert (shown.pk, shown.locale.language_code) == (own.pk, "en")


def test_a_page_reads_the_remembered_pledge_by_its_key(
    unit_a, pledge, settings, django_assert_num_queries
):
    """Which page is the unit's pledge is found once per tree generation; a
    page then reads its row by key, without the search's paths and ordering."""
    settings.FRAGMENT_CACHE = False
    pledges = ServicePledgePage.objects.all()
    pledges.shown_on_pages_of(unit_a)
    with django_assert_num_queries(1) as queries:
        shown = pledges.shown_on_pages_of(unit_a)
    assert shown.signatory_name == "Budi Santoso"
    assert "CASE" not in queries.captured_queries[0]["sql"].upper()


def test_a_pledge_unpublished_leaves_the_standard_and_unit_pages_at_once(
    client, standard, pledge, settings
):
    settings.FRAGMENT_CACHE = False
    unit_url = standard.get_parent().url
    assert "Budi Santoso" in html_of(client, standard.url)
    assert "Budi Santoso" in html_of(client, unit_url)
    pledge.unpublish()
    assert "Budi Santoso" not in html_of(client, standard.url)
    assert "Budi Santoso" not in html_of(client, unit_url)


def test_the_unit_page_reads_its_remembered_pledge_by_key(
    client, standard, pledge, settings
):
    """The unit page, like the standard page, searches for its pledge once per
    tree generation and then reads the pledge's row by key."""
    settings.FRAGMENT_CACHE = False
    unit_url = standard.get_parent().url
    html_of(client, unit_url)
    with CaptureQueriesContext(connection) as queries:
        assert "Budi Santoso" in html_of(client, unit_url)
    pledge_reads = [
        query["sql"]
        for query in queries.captured_queries
        if "standards_servicepledgepage" in query["sql"]
    ]
    assert len(pledge_reads) == 1
    assert "CASE" not in pledge_reads[0].upper()


def test_unit_page_lists_standards_by_category_with_completeness(
    client, unit_a, make_standard
):
    make_standard(unit_a, slug="paspor", title="Paspor baru", category="paspor")
    make_standard(unit_a, slug="visa", title="Visa kunjungan", category="visa")
    html = html_of(client, unit_a.url)
    assert html.index("Paspor dan dokumen perjalanan") < html.index("Paspor baru")
    assert html.index("Paspor baru") < html.index(">Visa<")
    assert "Memuat 6 dari 14 komponen wajib" in html


def test_a_complete_standard_says_so_in_plain_words(
    client, unit_a, make_standard, standards_index
):
    """Citizens read "all 14 required parts", not a fraction like "14/14",
    on the unit's page and in the standards' listing, in both languages."""
    standard = make_standard(unit_a, slug="paspor", title="Paspor baru")
    ServiceStandardPage.objects.filter(pk=standard.pk).update(completeness=14)
    # The page itself counts its components as they are (6 of the factory's).
    assert "Memuat 6 dari 14 komponen wajib" in html_of(client, standard.url)
    for url in (unit_a.url, standards_index.url):
        html = html_of(client, url)
        assert "Memuat semua 14 komponen wajib" in html
        assert "14/14" not in html
    english(standard)
    ServiceStandardPage.objects.update(completeness=14)
    english_unit = html_of(client, "/en/unit/kjri-toronto/")
    assert "All 14 required parts published" in english_unit


def test_a_card_gives_the_least_of_several_fees_from_which_one_pays(
    client, unit_a, make_standard
):
    """Alternatives (an electronic passport MYR 190, an ordinary one MYR 110)
    read "from MYR 110", not the first with "and more"."""
    fees = [
        ("fee", {"label": label, "amount": Decimal(amount), "currency": "MYR"})
        for label, amount in (("Paspor elektronik", "190"), ("Paspor biasa", "110"))
    ]
    page = make_standard(unit_a, slug="paspor", title="Paspor baru", fees=fees)
    assert "mulai MYR 110" in html_of(client, unit_a.url)
    english(page)
    english_unit = unit_a.get_translation(english_locale())
    assert "from MYR 110" in html_of(client, english_unit.url)


def test_an_amount_keeps_its_currency_on_its_line(client, unit_a, make_standard):
    """A phone wrapped "MYR" / "190": every amount is marked to stay whole
    (`.money` in site.css), on the page, its checklist and the unit's card."""
    fees = [("fee", {"label": "Paspor", "amount": Decimal("190"), "currency": "MYR"})]
    page = make_standard(unit_a, slug="paspor", title="Paspor baru", fees=fees)
    assert '<strong class="money">MYR 190</strong>' in html_of(client, page.url)
    checklist = html_of(client, page.url + page.reverse_subpage("checklist"))
    assert '<span class="money">MYR 190</span>' in checklist
    assert '<span class="money">MYR 190</span>' in html_of(client, unit_a.url)


def test_a_card_gives_a_single_fee_as_it_is(client, unit_a, make_standard):
    fees = [("fee", {"label": "Visa", "amount": Decimal("50"), "currency": "SGD"})]
    make_standard(unit_a, slug="visa", title="Visa kunjungan", fees=fees)
    html = html_of(client, unit_a.url)
    assert "SGD 50" in html and "mulai SGD 50" not in html


def test_unit_page_does_not_list_drafts(client, unit_a):
    ServiceStandardPageFactory(parent=unit_a, title="Rahasia", live=False)
    assert "Rahasia" not in html_of(client, unit_a.url)


def test_english_unit_page_lists_untranslated_standards_in_indonesian(
    client, standard, unit_a
):
    english(unit_a)
    html = html_of(client, "/en/unit/kjri-toronto/")
    link = f'<a href="/en/unit/kjri-toronto/{standard.slug}/" lang="id">'
    assert link + "Penerbitan paspor baru</a>" in html
    assert "in Indonesian only" in html
    page = html_of(client, f"/en/unit/kjri-toronto/{standard.slug}/")
    assert "This page is not available in English yet" in page
    assert "Penerbitan paspor baru" in page


def test_home_page_shows_standards_section(client, standard, standards_index):
    html = html_of(client, "/id/")
    assert "home-standards-heading" in html
    assert "?category=paspor" in html


def test_history_lists_each_version_with_its_decree(client, standard):
    standard.fees = fee_items(amount="70")
    standard.decree_number = "9/KONS/2025"
    publish(standard)
    html = html_of(client, standard.url + "history/")
    assert "12/KONS/2024" in html
    assert "9/KONS/2025" in html
    assert "Biaya berubah" in html


def test_history_names_every_component_a_version_changed(client, standard):
    """A longer service time is news to a citizen as much as a new fee."""
    standard.fees = fee_items(amount="70")
    standard.completion_time_value = 5
    publish(standard)
    html = html_of(client, standard.url + "history/")
    assert "Diubah: Jangka waktu pelayanan, Biaya/tarif." in html


def test_compare_shows_a_fee_change_at_a_glance(client, standard):
    standard.fees = fee_items(amount="70")
    publish(standard)
    html = html_of(client, standard.url + "compare/?from=1&to=2")
    assert "fee-change-heading" in html
    assert "<del>Biaya layanan: CAD 60</del>" in html
    assert "<ins>Biaya layanan: CAD 70</ins>" in html


def test_compare_without_parameters_compares_the_latest_two(client, standard):
    standard.requirements = []
    standard.requirements = [
        ("requirement", {"description": "Baru", "document_form": "asli"})
    ]
    publish(standard)
    html = html_of(client, standard.url + "compare/")
    assert "<ins>Baru (Asli)</ins>" in html


@pytest.mark.parametrize(
    "query", ["?from=abc&to=2", "?from=1&to=99", "?from=1&to=1", "?from=&to="]
)
def test_compare_with_bad_parameters_answers_400(client, standard, query):
    publish_second(standard)
    response = client.get(standard.url + "compare/" + query)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def publish_second(standard):
    standard.fees = fee_items(amount="70")
    return publish(standard)


def test_compare_in_english_uses_english_labels(
    client, standard, django_capture_on_commit_callbacks
):
    """A fee changes in the source; its English translation follows
    (`cms.core.translation_sync`) and its versions keep the source's numbers."""
    page = english(standard)
    standard.fees = fee_items(amount="70")
    with django_capture_on_commit_callbacks(execute=True):
        publish(standard)
    html = html_of(client, page.url + "compare/?from=1&to=2")
    assert "The fee changed" in html
    assert "Cost/fee" in html


def test_checklist_page_has_only_the_requirements_to_print(client, standard):
    html = html_of(client, standard.url + "checklist/")
    assert html.count('type="checkbox"') == 3
    assert "h-prosedur" not in html


def test_checklist_ticks_are_kept_per_page_and_version(client, standard):
    """The ticks a reader keeps on their device (`standards/checklist.js`) are
    filed under the page and its version: a new version starts afresh, and
    each language's page keeps its own (a translation's version 1 need not
    list the same requirements as the Indonesian version 1)."""
    key = f'data-keep="{standard.pk}:1"'
    assert key in html_of(client, standard.url + "checklist/")
    translation = english(standard)
    english_html = html_of(client, translation.url + "checklist/")
    assert f'data-keep="{translation.pk}:' in english_html
    assert key not in english_html
    standard.fees = fee_items(amount="75")
    publish(standard)
    html = html_of(client, standard.url + "checklist/")
    assert f'data-keep="{standard.pk}:2"' in html
    assert key not in html


def test_a_printed_checklist_says_which_version_it_is_and_where_to_check(
    client, standard
):
    """A printed sheet outlives the page: it names the publication it was
    printed from and the standard's address, with the unit's telephone."""
    standard.unit.phone = "+1 416 360 4020"
    standard.unit.save_revision().publish()
    html = html_of(client, standard.url + "checklist/")
    # The day of publication where the unit is (Toronto): from 17:00 UTC the
    # site's own zone (Jakarta) is a day ahead, and a sheet printed in Toronto
    # read "published on" tomorrow.
    version = standard.versions.get()
    in_toronto = localtime(version.published_at, ZoneInfo("America/Toronto"))
    published = date_format(in_toronto, "j F Y")
    assert f"standar pelayanan versi 1, diterbitkan pada {published}." in html
    assert f"http://testserver{standard.url}" in html
    assert 'href="tel:+14163604020"' in html


def test_a_printed_checklist_gives_the_date_of_its_version_as_the_history_does(
    client, standard
):
    """The sheet names the version it shows, dated as the change history dates
    it, not by the page's last publication (the demo's versions are older)."""
    standard.versions.update(published_at=datetime(2025, 2, 10, 9, tzinfo=UTC))
    html = html_of(client, standard.url + "checklist/")
    assert "versi 1, diterbitkan pada 10 Februari 2025." in html
    assert "10 Februari 2025" in html_of(client, standard.url + "history/")


def test_draft_standard_is_not_served(client, unit_a):
    page = ServiceStandardPageFactory(parent=unit_a, slug="draf", live=False)
    assert client.get(page.url or "/id/unit/kjri-toronto/draf/").status_code == 404


def test_published_change_is_shown_at_once_despite_the_cache(client, standard):
    assert "CAD 60" in html_of(client, standard.url)
    standard.fees = fee_items(amount="75")
    publish(standard)
    html = html_of(client, standard.url)
    assert "CAD 75" in html and "CAD 60" not in html


def test_saving_a_draft_does_not_change_the_public_page(client, standard):
    client.get(standard.url)
    standard.fees = fee_items(amount="75")
    standard.save_revision()  # a draft: the live page and its cache stay
    assert "CAD 60" in html_of(client, standard.url)


def test_new_pledge_is_shown_at_once_despite_the_cache(client, standard, pledge):
    assert "Budi Santoso" in html_of(client, standard.url)
    pledge.signatory_name = "Siti Rahayu"
    publish(pledge)
    html = html_of(client, standard.url)
    assert "Siti Rahayu" in html and "Budi Santoso" not in html


def test_signed_in_editor_is_not_served_the_anonymous_cache(
    client, standard, make_staff, unit_a
):
    anonymous = html_of(client, standard.url)
    client.force_login(make_staff(unit_a))
    html = html_of(client, standard.url)
    assert "userbar" not in anonymous
    assert "userbar" in html


@pytest.mark.parametrize("language", ["id", "en"])
def test_history_writes_every_date_one_way(
    client, standard, language, django_capture_on_commit_callbacks
):
    """The compare form's versions and the table's dates share the site's date
    format (`cms/formats`: '3 March 2025'), not Django's 'March 3, 2025'."""
    page = english(standard) if language == "en" else standard
    with django_capture_on_commit_callbacks(execute=True):
        publish_second(standard)
    html = html_of(client, page.url + "history/")
    options = re.findall(r"<option[^>]*>([^<]*)</option>", html)
    assert options, "the compare form lists the versions"
    for option in options:
        assert re.search(r"\(\d{1,2} [A-Z][a-z]+ \d{4}\)$", option), option


@pytest.mark.parametrize("view", ["history/", "checklist/", "compare/?from=1&to=2"])
def test_the_language_switch_keeps_the_reader_on_the_same_view(
    client, standard, view, django_capture_on_commit_callbacks
):
    page = english(standard)
    with django_capture_on_commit_callbacks(execute=True):
        publish_second(standard)
    html = html_of(client, page.url + view)
    target = (standard.url + view).replace("&", "&amp;")
    assert f'<a href="{target}" lang="id" hreflang="id">' in html
    back = html_of(client, standard.url + view)
    assert f'<a href="{(page.url + view).replace("&", "&amp;")}" lang="en"' in back


def test_the_language_switch_on_the_standard_itself_is_the_page(client, standard):
    page = english(standard)
    html = html_of(client, page.url)
    assert f'<a href="{standard.url}" lang="id" hreflang="id">' in html


def test_the_language_switch_keeps_a_listings_filters(client, unit_a, standard):
    """`/en/standar-pelayanan/?category=paspor` switched to the same filtered
    list in Indonesian, not the bare listing."""
    english_unit = english(unit_a)
    html = html_of(client, english_unit.url + "?category=paspor&sort=title")
    target = f"{unit_a.url}?category=paspor&amp;sort=title"
    assert f'<a href="{target}" lang="id" hreflang="id">' in html
