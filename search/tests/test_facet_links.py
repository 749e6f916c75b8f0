"""Facet links and paging on the search page (issue 21)."""

import re
from dataclasses import replace
from html import unescape

import pytest

from search.index import index_documents
from search.indexing import write_store
from search.query import parse_params
from search.registry import registry
from search.service import search

pytestmark = pytest.mark.django_db


def links(response) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="(\?[^"]*)"', response.text)]


def test_two_kinds_keep_working_facet_links(site, client):
    response = client.get("/id/search/?q=legalisasi&kind=page&kind=standard")
    assert response.status_code == 200
    found = links(response)
    assert found
    for link in found:
        assert client.get("/id/search/" + link).status_code == 200
        assert "kind=page%2C" not in link


def test_choosing_a_kind_adds_it_and_choosing_it_again_removes_it(site, client):
    response = client.get("/id/search/?q=legalisasi&kind=page")
    kind_links = [link for link in links(response) if "kind=" in link]
    assert all("kind=page" in link for link in kind_links)


def test_a_page_past_the_end_shows_the_last_page(site, client):
    response = client.get("/id/search/?q=legalisasi&page=9")
    assert response.status_code == 200
    assert "Legalisasi dokumen" in response.text


def test_choosing_a_unit_keeps_the_other_units_selectable_with_their_counts(
    site, client
):
    """OR within a facet: the unit facet still lists both units with the
    counts of the search without that choice; AND across: kind narrows it."""
    from search.query import parse_params
    from search.service import search

    def counts(**filters) -> dict:
        result = search(parse_params({"q": "legalisasi", "locale": "id", **filters}))
        return {f.value: f.count for f in result.facets["unit"]}

    everywhere = counts()
    assert everywhere == {"KJRI Toronto": 1, "KBRI Singapura": 1}
    assert counts(unit="KJRI Toronto") == everywhere
    response = client.get("/id/search/?q=legalisasi&unit=KJRI+Toronto")
    unit_links = [link for link in links(response) if "unit=" in link]
    assert any("KBRI+Singapura" in x and "KJRI+Toronto" in x for x in unit_links)
    both = client.get("/id/search/?q=legalisasi&unit=KJRI+Toronto&unit=KBRI+Singapura")
    assert "Informasi umum" in both.text and "Legalisasi dokumen" in both.text
    result = search(
        parse_params({"q": "legalisasi", "locale": "id", "unit": "KBRI Singapura"})
    )
    assert [h.title for h in result.hits] == ["Informasi umum"]


def test_the_unit_facet_lists_every_unit_beyond_fifty(search_engine, unit_a, make_page):
    """55 pages stored as if each were another unit's (a unit apiece would
    cost seconds): every unit is a facet value, on both engines."""
    docs = []
    for n in range(55):
        page = make_page(unit_a, "Jam layanan", slug=f"jam-{n}", publish=False)
        doc = registry.build(page)
        docs.append(replace(doc, unit=f"KJRI Kota {n:02d}"))
    write_store(docs, [])
    if search_engine == "elasticsearch":
        index_documents(docs, [])
    result = search(parse_params({"q": "jam layanan", "locale": "id"}))
    assert result.total == 55
    assert len({value.value for value in result.facets["unit"]}) == 55


def test_switching_language_keeps_the_words_and_the_filters_both_languages_share(
    site, client
):
    """A category or state is a word of the results' language: carried to the
    other language it found nothing (0 results, the same filter offered
    translated). The switch keeps the query, kind, unit and year, from page 1."""
    response = client.get(
        "/id/search/?q=legalisasi&unit=KJRI+Toronto&kind=standard&year=2026"
        "&category=Paspor+dan+dokumen+perjalanan&state=Dibuka&page=2"
    )
    switch = re.search(r'class="site-header__language" href="([^"]+)"', response.text)
    assert unescape(switch.group(1)) == (
        "/en/search/?q=legalisasi&unit=KJRI+Toronto&kind=standard&year=2026"
    )


def facet_names(facets: dict, **chosen) -> list[str]:
    from search.engines.base import SearchResult
    from search.views import facet_groups

    result = SearchResult(
        total=3, page=1, page_size=10, hits=[], facets=facets, engine="test"
    )
    return [group["name"] for group in facet_groups(result, {"q": "x", **chosen})]


def test_category_and_status_are_offered_within_one_kind_only():
    """A survey's respondent category beside an innovation group, or a
    consultation's "Open" beside an innovation's "Top 99", under one title
    read as nonsense: offered once the results are of one kind."""
    from search.engines.base import FacetValue

    mixed = {
        "kind": [FacetValue("consultation", 2), FacetValue("innovation", 1)],
        "category": [FacetValue("Pengguna layanan", 2), FacetValue("Kelompok umum", 1)],
        "state": [FacetValue("Dibuka", 2), FacetValue("Top 99 / finalis", 1)],
    }
    assert facet_names(mixed) == ["kind"]
    assert facet_names(mixed, kind=["innovation"]) == ["kind", "category", "state"]
    assert facet_names(mixed, state=["Dibuka"]) == ["kind", "state"]
    one_kind = {**mixed, "kind": [FacetValue("innovation", 3)]}
    assert facet_names(one_kind) == ["kind", "category", "state"]
