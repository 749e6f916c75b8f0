"""The public showcase, entry pages, sections, both languages and the API."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.core.translation import translate_page
from innovation import kipp
from innovation.factories import ReplicationFactory, StageChangeFactory
from innovation.models import SustainableDevelopmentGoal
from innovation.scoring import save_scores

pytestmark = pytest.mark.django_db

SECRET_SCORE = dict.fromkeys(kipp.section_weights(), 37)  # total 37.00


def titles(response):
    return [entry.title for entry in response.context["entries"]]


@pytest.fixture
def catalogue(make_entry, unit_a, unit_b, showcase):
    """Entries of two units over two years at several stages, and one draft."""
    pandu = make_entry(
        unit_a, title="Pandu", slug="pandu", competition_year=2021, stage="top99"
    )
    pandu.sdgs.add(SustainableDevelopmentGoal.objects.get(number=10))
    pandu.save()
    make_entry(
        unit_b, title="Lapor Singapura", competition_year=2022, stage="submitted"
    )
    make_entry(
        unit_b,
        title="Paspor Kilat",
        competition_year=2021,
        stage="top45",
        group="khusus",
    )
    make_entry(unit_a, title="Draf Toronto", competition_year=2022, stage="draft")
    return pandu


def test_showcase_sorts_by_stage_then_year(client, catalogue, showcase):
    response = client.get(showcase.url)
    assert titles(response) == ["Paspor Kilat", "Pandu", "Lapor Singapura"]


def test_showcase_hides_drafts(client, catalogue, showcase):
    assert "Draf Toronto" not in client.get(showcase.url).content.decode()


def test_showcase_filters_by_year(client, catalogue, showcase):
    assert titles(client.get(showcase.url, {"year": 2022})) == ["Lapor Singapura"]


def test_showcase_offers_each_public_year_once_newest_first(
    client, catalogue, showcase, unit_b, make_entry
):
    """The database gives the years (one row each, not one per entry)."""
    make_entry(unit_b, title="Draf 2019", competition_year=2019, stage="draft")
    with CaptureQueriesContext(connection) as queries:
        form = client.get(showcase.url).context["filter_form"]
    assert [value for value, _label in form.fields["year"].choices] == [
        "",
        2022,
        2021,
    ]
    assert any(
        query["sql"].startswith("SELECT DISTINCT")
        and "competition_year" in query["sql"]
        for query in queries
    )


def test_showcase_filters_by_stage(client, catalogue, showcase):
    assert titles(client.get(showcase.url, {"stage": "top99"})) == ["Pandu"]


def test_showcase_filters_by_group(client, catalogue, showcase):
    assert titles(client.get(showcase.url, {"group": "khusus"})) == ["Paspor Kilat"]


def test_showcase_filters_by_unit(client, catalogue, showcase, unit_b):
    response = client.get(showcase.url, {"unit": unit_b.pk})
    assert titles(response) == ["Paspor Kilat", "Lapor Singapura"]


def test_the_unit_filter_lists_units_by_the_name_it_shows(
    client, catalogue, showcase, make_unit
):
    """Sorted by full title, "MKAA" (Museum Konperensi Asia Afrika) came
    before "DJPK" in English, and after "Kemlu" in Indonesian."""
    make_unit("MKAA", title="Asian-African Conference Museum")
    make_unit("DJPK", title="Directorate of Protection")
    form = client.get(showcase.url).context["filter_form"]
    names = [name for _value, name in form.fields["unit"].choices][1:]
    assert names == ["DJPK", "KBRI Singapura", "KJRI Toronto", "MKAA"]


def test_showcase_filters_by_sdg(client, catalogue, showcase):
    assert titles(client.get(showcase.url, {"sdg": 10})) == ["Pandu"]


def test_showcase_filters_replicated_entries(client, catalogue, showcase, unit_b):
    ReplicationFactory(original=catalogue, unit=unit_b)
    assert titles(client.get(showcase.url, {"replicated": "on"})) == ["Pandu"]


def test_showcase_filters_combine_and_stay_in_the_url(client, catalogue, showcase):
    response = client.get(showcase.url, {"year": 2021, "stage": "top45"})
    assert titles(response) == ["Paspor Kilat"]
    html = response.content.decode()
    assert '<option value="2021" selected>' in html
    assert 'method="get"' in html


def test_showcase_ignores_bad_filter_values(client, catalogue, showcase):
    response = client.get(
        showcase.url, {"year": "abc", "unit": "999999", "sdg": "x", "page": "zz"}
    )
    assert response.status_code == 200


def test_entry_page_shows_unit_sections_badge_and_history(client, catalogue):
    StageChangeFactory(entry=catalogue, from_stage="admin_passed", to_stage="top99")
    html = client.get(catalogue.url).content.decode()
    assert "KJRI Toronto" in html
    assert catalogue.latar_belakang in html
    assert "Top 99 / finalis" in html
    assert "Riwayat kompetisi" in html or "Competition history" in html


def test_the_english_award_name_is_marked_english_on_indonesian_pages(
    client, catalogue, showcase, locales
):
    """The competition calls its top award "Outstanding Achievement" in
    Indonesian too; screen readers read it as English only with its `lang`."""
    catalogue.stage = "outstanding"
    catalogue.save_revision().publish()
    StageChangeFactory(entry=catalogue, from_stage="top45", to_stage="outstanding")
    award = '<span lang="en">Outstanding Achievement</span>'
    assert award in client.get(showcase.url).content.decode()
    entry = client.get(catalogue.url).content.decode()
    assert entry.count(award) == 2  # the badge and the competition history
    english = translate_page(catalogue, "en", {})
    translate_page(showcase, "en", {})
    assert award not in client.get(english.url).content.decode()


def test_the_showcase_stage_filter_marks_the_english_award(client, showcase, locales):
    option = '<option value="outstanding" lang="en">Outstanding Achievement</option>'
    assert option in client.get(showcase.url).content.decode()
    english_showcase = translate_page(showcase, "en", {})
    english = client.get(english_showcase.url).content.decode()
    assert '<option value="outstanding">Outstanding Achievement</option>' in english


def test_entry_page_lists_replications_with_approved_notes(client, catalogue, unit_b):
    ReplicationFactory(
        original=catalogue,
        unit=unit_b,
        replicated_on=datetime.date(2023, 5, 6),
        notes="Layanan Sabtu di Singapura.",
        published_notes="Layanan Sabtu di Singapura.",
    )
    html = client.get(catalogue.url).content.decode()
    assert "<span>Layanan Sabtu di Singapura.</span>" in html


def test_an_english_entry_marks_a_replications_indonesian_notes(
    client, catalogue, unit_b, locales
):
    """Notes are written once, in Indonesian: English pages mark them `lang`."""
    ReplicationFactory(
        original=catalogue,
        unit=unit_b,
        replicated_on=datetime.date(2023, 5, 6),
        published_notes="Layanan Sabtu di Singapura.",
    )
    translate_page(catalogue.get_parent().specific, "en", {})
    entry_en = translate_page(catalogue, "en", {})
    html = client.get(entry_en.url).content.decode()
    assert '<span lang="id">Layanan Sabtu di Singapura.</span>' in html


def test_scores_never_appear_on_public_pages(
    client, catalogue, showcase, make_panelist, unit_a
):
    save_scores(catalogue, make_panelist("juri-rahasia"), SECRET_SCORE)
    for url in (catalogue.url, showcase.url, unit_a.url, "/id/"):
        html = client.get(url).content.decode()
        assert "juri-rahasia" not in html
        assert "37.00" not in html and "37,00" not in html


def test_scores_never_appear_in_the_pages_api(client, catalogue, make_panelist):
    save_scores(catalogue, make_panelist("juri-rahasia"), SECRET_SCORE)
    detail = client.get(f"/api/v2/pages/{catalogue.pk}/?fields=*").content.decode()
    listing = client.get(
        "/api/v2/pages/?type=innovation.InnovationEntryPage&fields=*"
    ).content.decode()
    for body in (detail, listing):
        assert "Pandu" in body
        assert "score" not in body.lower() and "juri-rahasia" not in body


def test_unit_page_lists_its_entries(client, catalogue, unit_a):
    html = client.get(unit_a.url).content.decode()
    assert "Pandu" in html and "Lapor Singapura" not in html


def test_home_page_shows_latest_winners(client, catalogue, home_page):
    html = client.get("/id/").content.decode()
    assert "Paspor Kilat" in html and "Lapor Singapura" not in html


def test_showcase_and_entry_render_in_english(client, catalogue, showcase, locales):
    showcase_en = translate_page(showcase, "en", {showcase.title: "Innovations"})
    translate_page(catalogue.get_parent().specific, "en", {})
    entry_en = translate_page(
        catalogue, "en", {catalogue.latar_belakang: "Consular services on Saturday."}
    )
    response = client.get(showcase_en.url)
    # Pandu in English; the others, published in Indonesian only, marked so.
    assert response.status_code == 200
    assert titles(response) == ["Paspor Kilat", "Pandu", "Lapor Singapura"]
    listing = response.content.decode()
    assert listing.count("in Indonesian only") == 2
    assert "Draf Toronto" not in listing
    html = client.get(entry_en.url).content.decode()
    assert "Consular services on Saturday." in html
    assert "Top 99 / finalist" in html
    assert 'lang="en"' in html


def test_showcase_queries_are_bounded(
    client, showcase, make_entry, unit_a, unit_b, django_assert_max_num_queries
):
    for n in range(10):
        make_entry(unit_a if n % 2 else unit_b, title=f"E{n}", stage="top99")
    with django_assert_max_num_queries(30):
        response = client.get(showcase.url)
    assert len(response.context["entries"]) == 10


def test_search_document_has_the_proposal_but_no_scores(catalogue, make_panelist):
    from search.registry import registry

    save_scores(catalogue, make_panelist("juri-rahasia"), SECRET_SCORE)
    document = registry.build(catalogue).as_dict()
    assert document["kind"] == "innovation"
    assert document["year"] == 2021 and document["unit"] == "KJRI Toronto"
    assert catalogue.kebaruan in document["body"]
    assert not any("score" in key for key in document)
    assert "juri-rahasia" not in str(document)


def test_english_filters_and_unit_pages_count_entries_published_in_indonesian_only(
    client, catalogue, showcase, unit_a, unit_b, locales
):
    """From the outside probe: the English showcase listed entries published
    in Indonesian only, but its year and unit filters and the English unit
    page did not see them ("0 innovations" under a unit the list showed);
    and the language switch kept `?unit=` (a page id of the other language),
    which then showed every entry under "All"."""
    showcase_en = translate_page(showcase, "en", {showcase.title: "Innovations"})
    translate_page(unit_a, "en", {})
    unit_b_en = translate_page(unit_b, "en", {})
    translate_page(catalogue, "en", {})
    form = client.get(showcase_en.url).context["filter_form"]
    assert [value for value, _label in form.fields["year"].choices] == ["", 2022, 2021]
    assert titles(client.get(showcase_en.url, {"year": 2022})) == ["Lapor Singapura"]
    own_entries = ["Paspor Kilat", "Lapor Singapura"]
    for unit_id in (unit_b_en.pk, unit_b.pk):
        response = client.get(showcase_en.url, {"unit": unit_id})
        assert titles(response) == own_entries
        assert response.context["filter_form"]["unit"].value() == str(unit_b_en.pk)
    assert titles(client.get(showcase.url, {"unit": unit_b_en.pk})) == own_entries
    unit_page = client.get(unit_b_en.url).content.decode()
    assert "Paspor Kilat" in unit_page and "Lapor Singapura" in unit_page


@pytest.mark.parametrize("value", ["9" * 30, "abc", "-1", "٣"])
def test_a_strange_unit_filter_is_ignored(client, catalogue, showcase, value):
    response = client.get(showcase.url, {"unit": value})
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_an_entry_in_indonesian_only_leads_english_readers_to_english_pages(
    client, catalogue, showcase, unit_a, locales
):
    """Read under its English address, its breadcrumb and unit link led to
    `/id/` pages while their English versions existed."""
    showcase_en = translate_page(showcase, "en", {showcase.title: "Innovations"})
    unit_en = translate_page(unit_a, "en", {})
    english_address = catalogue.url.replace("/id/", "/en/", 1)
    response = client.get(english_address)
    html = response.content.decode()
    assert response.status_code == 200
    breadcrumb = html.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert f'href="{showcase_en.url}"' in breadcrumb
    assert f'href="{unit_en.url}"' in breadcrumb
    assert 'href="/id/' not in breadcrumb
    # English titles inside the Indonesian content say so to screen readers.
    assert f'<a href="{showcase_en.url}" lang="en">Innovations</a>' in breadcrumb
    meta = html.split('class="innovation-meta"')[1]
    assert f'<a href="{unit_en.url}" lang="en">' in meta
    assert (
        "canonical" in html
        and f'rel="canonical" href="http://testserver{catalogue.url}"' in html
    )
    indonesian = client.get(catalogue.url).content.decode()
    assert (
        'lang="en"' not in indonesian.split('class="breadcrumb"')[1].split("</nav>")[0]
    )


def test_the_search_document_holds_the_summary_once(catalogue):
    """A result's snippet read the summary twice ("X. X. …"): it was the
    document's summary and the start of its body."""
    from search.registry import registry

    document = registry.build(catalogue).as_dict()
    assert document["summary"] == catalogue.ringkasan
    assert catalogue.ringkasan not in document["body"]
    assert catalogue.kebaruan in document["body"]
