"""A visitor searches: suggestions while typing, a facet, pages of results.

From the home page's search box to the search page; there, typing fills the
box's suggestion list (a <datalist>: the browser shows it natively, so the
journey chooses an offered suggestion by its text, as the browser does when it
is picked); then a broader search is paged through and filtered by content
type. In Indonesian and English, on a desktop and on a 375 px phone, where
the results come first and the filters follow them, folded; every results page
is checked (`check_page`).
"""

import re

import pytest
from playwright.sync_api import expect

from .journeys import check_page

pytestmark = pytest.mark.browser

WORDS = {
    "id": {
        "site_search": "Cari di situs",
        "page_search": "Cari standar pelayanan, konsultasi, survei, inovasi, dan unit",
        "prefix": "legal",
        "suggestion": "Legalisasi dokumen",
        "broad": "paspor",
        "count": r"(\d+) hasil untuk “{query}”",
        "page": "halaman {n} dari",
        "next": "Halaman berikutnya",
        "previous": "Halaman sebelumnya",
        "facets": "Saring hasil",
        "kind": "Standar pelayanan",
        "remove": "Hapus filter: Jenis konten",
    },
    "en": {
        "site_search": "Search the site",
        "page_search": (
            "Search standards, consultations, surveys, innovations and units"
        ),
        "prefix": "legal",
        "suggestion": "Legalisation of documents",
        "broad": "passport",
        "count": r"(\d+) results? for “{query}”",
        "page": "page {n} of",
        "next": "Next page",
        "previous": "Previous page",
        "facets": "Refine the results",
        "kind": "Service standard",
        "remove": "Remove filter: Type of content",
    },
}
PER_PAGE = 10


def open_filters(page, words: dict):
    """The filters, unfolded: a phone shows them folded after the results."""
    facets = page.get_by_role("navigation", name=words["facets"])
    if not facets.get_by_role("link").first.is_visible():
        toggle = facets.locator("summary")
        expect(toggle).to_be_visible()
        toggle.click()
    expect(facets.get_by_role("link").first).to_be_visible()
    return facets


def assert_results_come_first(page) -> None:
    """The search box, then the results, then the filters, on the screen too."""
    box = page.locator(".search__form").bounding_box()
    results = page.locator(".search__results").bounding_box()
    facets = page.locator(".search__facets").bounding_box()
    assert box["y"] < results["y"], "the search box comes first"
    if page.viewport_size["width"] < 768:
        assert results["y"] < facets["y"], (
            "on a phone the results come before the filters"
        )
        assert results["y"] < page.viewport_size["height"], (
            "results start on the first screen"
        )


def result_count(page, words: dict, query: str) -> int:
    status = page.get_by_role("status")
    pattern = re.compile(words["count"].format(query=query))
    expect(status).to_have_text(pattern)
    return int(pattern.search(status.inner_text()).group(1))


@pytest.mark.parametrize("language", ["id", "en"])
def test_visitor_searches_with_suggestions_facets_and_pages(
    screen, demo_server, language
):
    page = screen
    words = WORDS[language]
    page.goto(f"{demo_server}/{language}/")
    header_box = page.get_by_label(words["site_search"])
    header_box.fill(words["broad"])
    header_box.press("Enter")
    expect(page).to_have_url(re.compile(f"/{language}/search/\\?q="))
    box = page.get_by_label(words["page_search"])
    expect(box).to_have_value(words["broad"])

    # Typing offers suggestions; each title is offered once.
    box.fill("")
    box.press_sequentially(words["prefix"], delay=40)
    options = page.locator(f"#{box.get_attribute('id')}-suggestions option")
    expect(options).not_to_have_count(0)
    offered = [o.get_attribute("value") for o in options.all()]
    assert words["suggestion"] in offered, offered
    assert len(offered) == len(set(offered)), f"duplicate suggestions: {offered}"
    box.fill(words["suggestion"])  # what picking the suggestion does
    box.press("Enter")
    result_count(page, words, words["suggestion"])
    results = page.locator(".search-result__title")
    expect(results.first).to_be_visible()
    assert words["suggestion"] in [t.strip() for t in results.all_inner_texts()]
    assert_results_come_first(page)
    check_page(page, language)

    # A broader search has several pages of results.
    box = page.get_by_label(words["page_search"])
    box.fill(words["broad"])
    box.press("Enter")
    total = result_count(page, words, words["broad"])
    assert total > PER_PAGE
    expect(results).to_have_count(PER_PAGE)
    page.get_by_role("link", name=words["next"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["page"].format(n=2))
    assert page.locator(".search__list").get_attribute("start") == str(PER_PAGE + 1)
    check_page(page, language)
    page.get_by_role("link", name=words["previous"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["page"].format(n=1))

    # Filter by content type: fewer results, all of that type, filter removable.
    facets = open_filters(page, words)
    facets.get_by_role("link", name=re.compile(f"^{words['kind']} \\(\\d+\\)$")).click()
    filtered = result_count(page, words, words["broad"])
    assert 0 < filtered < total
    facets = open_filters(page, words)
    expect(
        facets.locator("[aria-current=true]", has_text=words["kind"])
    ).to_be_visible()
    for meta in page.locator(".search-result__meta").all():
        assert meta.inner_text().startswith(words["kind"])
    expect(facets.get_by_role("link", name=words["remove"])).to_be_visible()
    check_page(page, language)

    # A pasted word longer than the screen, echoed back, breaks in its line.
    box = page.get_by_label(words["page_search"])
    box.fill("x" * 300)
    box.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("x" * 300)
    check_page(page, language)
