"""Best bets: promoted results above the results, on both engines (issue 21)."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from search.promotions import best_bets

pytestmark = pytest.mark.django_db


def promote(query: str, *pages, **fields):
    promoted = Query.get(query)
    for order, page in enumerate(pages or [None]):
        SearchPromotion.objects.create(
            query=promoted, page=page, sort_order=order, **fields
        )
    return promoted


def test_a_promoted_page_comes_first_marked_as_recommended(site, client):
    promote("Dokumen  Resmi", site["legalisasi"], description="Untuk dokumen resmi.")
    response = client.get("/id/search/", {"q": "dokumen resmi"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Rekomendasi" in text or "Recommended" in text
    promoted = text.index("search-result--promoted")
    results = text.index('id="results-heading"')
    assert text.index("Legalisasi dokumen", promoted) < results
    assert "Untuk dokumen resmi." in text


def test_the_reader_gets_the_translation_in_their_language(site, client):
    promote("paspor", site["paspor"])
    bets = best_bets("paspor", "en")
    assert [b.title for b in bets] == ["Ordinary passport issuance"]
    data = client.get("/api/search/", {"q": "Paspor", "locale": "en"}).json()
    assert [p["title"] for p in data["promoted"]] == ["Ordinary passport issuance"]
    assert data["promoted"][0]["label"] == "Recommended"


def test_no_best_bet_for_a_language_without_the_page(site):
    promote("legalisasi", site["legalisasi"])
    assert best_bets("legalisasi", "en") == []
    assert [b.title for b in best_bets("legalisasi", "id")] == ["Legalisasi dokumen"]


def test_drafts_and_restricted_pages_are_never_promoted(site):
    promote("informasi", site["mentions"], site["apart"])
    site["mentions"].unpublish()
    PageViewRestriction.objects.create(
        page=site["apart"], restriction_type="password", password="rahasia"
    )
    assert best_bets("informasi", "id") == []


def test_a_new_promotion_shows_at_once_and_filtered_searches_show_none(site, client):
    assert best_bets("legalisasi", "id") == []
    promote("legalisasi", site["fkp"])
    assert [b.title for b in best_bets("legalisasi", "id")] == [
        "Forum konsultasi publik 2025"
    ]
    first = client.get("/id/search/", {"q": "legalisasi"})
    assert "search-result--promoted" in first.content.decode()
    narrowed = client.get("/id/search/", {"q": "legalisasi", "kind": "page"})
    assert "search-result--promoted" not in narrowed.content.decode()


def test_external_links_are_shown_as_written(site):
    promote(
        "lapor",
        external_link_url="https://www.lapor.go.id/",
        external_link_text="SP4N-LAPOR!",
    )
    bets = best_bets("LAPOR", "en")
    assert [(b.title, b.url) for b in bets] == [
        ("SP4N-LAPOR!", "https://www.lapor.go.id/")
    ]


def test_only_superusers_edit_promotions(site, client, make_staff, superuser):
    client.force_login(make_staff(site["paspor"].get_parent().specific))
    assert client.get("/admin/searchpicks/add/").status_code in (302, 403)
    client.force_login(superuser)
    assert client.get("/admin/searchpicks/add/").status_code == 200
