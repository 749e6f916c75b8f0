"""One behaviour suite, run against both engines (`search_engine` fixture)."""

import datetime

import pytest
from django.urls import reverse

from cms.core.models import UnitOpeningHours, Weekday
from consultation.forums.factories import ConsultationPageFactory
from search.indexing import rebuild
from search.query import content_words, parse_params
from search.service import search, suggest
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


def run(q: str, **filters):
    return search(parse_params({"q": q, **filters}))


def titles(result) -> list[str]:
    return [hit.title for hit in result.hits]


def test_word_in_title_is_found_with_highlight(site):
    result = run("paspor", locale="id")
    assert titles(result) == ["Penerbitan paspor biasa"]
    assert "<mark>" in result.hits[0].highlight.lower()


def test_body_only_match_is_highlighted_in_the_body(site):
    result = run("legalisasi", locale="id")
    hit = next(h for h in result.hits if h.title == "Informasi umum")
    assert "untuk <mark>legalisasi</mark> silakan" in hit.highlight.lower()


def test_title_match_ranks_above_body_match(site):
    result = run("legalisasi", locale="id")
    assert titles(result)[:2] == ["Legalisasi dokumen", "Informasi umum"]


def test_quoted_phrase_matches_only_adjacent_words(site):
    result = run('"konsultasi publik"', locale="id")
    assert titles(result) == ["Forum konsultasi publik 2025"]


def test_unquoted_words_match_anywhere(site):
    result = run("konsultasi publik", locale="id")
    assert set(titles(result)) == {"Forum konsultasi publik 2025", "Laporan publik"}


def test_typo_is_tolerated(site):
    assert "Penerbitan paspor biasa" in titles(run("pasport", locale="id"))


def test_acronym_synonym_finds_expanded_form(site):
    assert "Penerbitan paspor biasa" in titles(run("WNI", locale="id"))


def test_locale_filter_returns_one_language(site):
    result = run("passport", locale="en")
    assert titles(result) == ["Ordinary passport issuance"]
    assert result.hits[0].locale == "en"


def test_unit_filter_and_facet_counts(site):
    result = run("konsultasi", locale="id")
    units = {f.value: f.count for f in result.facets["unit"]}
    assert units == {"KJRI Toronto": 1, "KBRI Singapura": 1}
    filtered = run("konsultasi", locale="id", unit="KBRI Singapura")
    assert titles(filtered) == ["Laporan publik"]


def test_kind_facet_counts_units_and_pages(site):
    result = run("singapura", locale="id")
    kinds = {f.value: f.count for f in result.facets["kind"]}
    # Every page of KBRI Singapura is found by its unit's name (its keywords).
    assert kinds == {"unit": 1, "page": 3}
    assert titles(run("singapura", locale="id", kind="unit")) == ["KBRI Singapura"]


def test_year_filter(site):
    year = run("paspor", locale="id").hits[0].year
    assert titles(run("paspor", locale="id", year=str(year)))
    assert not run("paspor", locale="id", year=str(year - 5)).hits


def test_pagination(search_engine, unit_a, make_page):
    for n in range(12):
        make_page(unit_a, f"Pengumuman layanan {n}", "Pengumuman.", publish=False)
    rebuild()
    first = run("pengumuman", locale="id")
    second = run("pengumuman", locale="id", page="2")
    assert (first.total, len(first.hits), len(second.hits)) == (12, 10, 2)
    assert not set(titles(first)) & set(titles(second))


def test_suggestions_complete_a_word(site):
    found, _engine = suggest("pasp", "id")
    assert [s.text for s in found] == ["Penerbitan paspor biasa"]
    assert found[0].url == site["paspor"].url


def test_unpublished_page_leaves_the_index(site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site["legalisasi"].unpublish()
    assert "Legalisasi dokumen" not in titles(run("legalisasi", locale="id"))


def test_deleted_page_leaves_the_index(site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site["fkp"].delete()
    assert titles(run('"konsultasi publik"', locale="id")) == []


def test_moved_page_gets_its_new_url_and_unit(
    site, unit_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        site["paspor"].move(unit_a, pos="last-child")
    hit = run("paspor", locale="id").hits[0]
    assert (hit.unit, hit.url) == (
        "KJRI Toronto",
        "/id/unit/kjri-toronto/penerbitan-paspor-biasa/",
    )


def test_draft_changes_do_not_leak(site, django_capture_on_commit_callbacks):
    page = site["legalisasi"]
    page.title = "Rahasia draf"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert not run("rahasia", locale="id").hits


def test_new_publication_is_found(
    site, unit_a, make_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_page(unit_a, "Pelayanan visa kunjungan", "Visa bagi warga negara asing.")
    assert titles(run("visa", locale="id")) == ["Pelayanan visa kunjungan"]


def test_api_returns_the_documented_shape(site, client, search_engine):
    response = client.get(reverse("search_api"), {"q": "paspor"})
    data = response.json()
    assert response.status_code == 200
    assert set(data) == {
        "total",
        "page",
        "promoted",
        "results",
        "facets",
        "engine",
    }
    assert data["engine"] == search_engine
    assert set(data["facets"]) == {"kind", "unit", "category", "year", "state"}
    assert set(data["results"][0]) == {
        "title",
        "url",
        "kind",
        "kind_label",
        "unit",
        "locale",
        "highlight",
        "id",
        "api_url",
    }
    assert {r["locale"] for r in data["results"]} == {"id", "en"}
    assert all(r["api_url"] is None for r in data["results"] if r["kind"] == "page")
    assert all(r["kind_label"] not in ("", r["kind"]) for r in data["results"])
    assert all("value_label" in f for f in data["facets"]["kind"])
    # The absolute address of each public page, as every object of the API.
    assert all(r["url"].startswith("http://testserver/") for r in data["results"])


@pytest.fixture
def faceted_pages(search_engine, unit_a, django_capture_on_commit_callbacks):
    """Two standards of two categories and an open consultation, indexed."""
    today = datetime.date.today()
    with django_capture_on_commit_callbacks(execute=True):
        ServiceStandardPageFactory(
            parent=unit_a, title="Paspor hilang", category="paspor"
        ).save_revision().publish()
        ServiceStandardPageFactory(
            parent=unit_a, title="Visa paspor dinas", category="visa"
        ).save_revision().publish()
        ConsultationPageFactory(
            parent=unit_a,
            title="Konsultasi paspor",
            opens_on=today - datetime.timedelta(days=2),
            closes_on=today + datetime.timedelta(days=10),
        ).save_revision().publish()


def test_the_api_filters_by_the_values_of_its_facets(client, faceted_pages):
    """`category` and `state` were taken but neither documented nor offered
    among the facets: an integrator guessing a code found nothing."""
    facets = client.get(reverse("search_api"), {"q": "paspor"}).json()["facets"]
    # Two standards' categories and the consultation's audience; its state.
    assert len(facets["category"]) == 3 and len(facets["state"]) == 1
    for name in ("category", "state"):
        for facet in facets[name]:
            query = {"q": "paspor", name: facet["value"]}
            found = client.get(reverse("search_api"), query).json()
            assert found["total"] == facet["count"] == 1, (name, facet)


def test_the_api_takes_the_codes_the_other_endpoints_use_and_refuses_others(
    client, faceted_pages
):
    """From the outside probe: `?category=paspor` and `?state=open`, the codes
    of `/api/standards/` and `/api/consultations/`, found nothing without a
    word, and so did any misspelt value."""

    def titles(**query) -> list[str]:
        data = client.get(reverse("search_api"), {"q": "paspor", **query}).json()
        return sorted(hit["title"] for hit in data["results"])

    assert titles(category="paspor") == ["Paspor hilang"]
    assert titles(category=["paspor", "visa"]) == ["Paspor hilang", "Visa paspor dinas"]
    assert titles(state="open") == ["Konsultasi paspor"]
    assert titles(state="open", locale="id") == ["Konsultasi paspor"]
    for name, value in (("category", "bogus"), ("state", "shut")):
        response = client.get(reverse("search_api"), {"q": "paspor", name: value})
        assert response.status_code == 400
        assert value in response.json()["error"]
        assert ("paspor" if name == "category" else "open") in response.json()["error"]


def test_the_search_api_answers_head(site, client):
    for name in ("search_api", "search_suggest"):
        response = client.head(reverse(name), {"q": "paspor"})
        assert response.status_code == 200, name


def test_the_api_takes_a_unit_by_its_id_as_the_other_endpoints_do(site, client, unit_b):
    """`unit=<id>` found nothing, without a word: only the name was read."""
    by_id = client.get(reverse("search_api"), {"q": "paspor", "unit": unit_b.pk})
    by_name = client.get(
        reverse("search_api"), {"q": "paspor", "unit": "KBRI Singapura"}
    )
    assert by_id.status_code == 200
    assert by_id.json()["total"] > 0
    assert by_id.json()["results"] == by_name.json()["results"]
    unknown = client.get(reverse("search_api"), {"q": "paspor", "unit": "999999"})
    assert unknown.status_code == 400
    assert "999999" in unknown.json()["error"]


def test_an_api_error_is_not_kept_by_shared_caches(site, client):
    error = client.get(reverse("search_api"), {"q": "paspor", "page": "x"})
    assert error.status_code == 400
    assert "public" not in error["Cache-Control"]
    found = client.get(reverse("search_api"), {"q": "paspor"})
    assert "public" in found["Cache-Control"] and found["ETag"]
    again = client.get(
        reverse("search_api"), {"q": "paspor"}, HTTP_IF_NONE_MATCH=found["ETag"]
    )
    assert again.status_code == 304


def test_suggest_api_shape(site, client):
    data = client.get(reverse("search_suggest"), {"q": "legal", "locale": "id"}).json()
    assert data == {
        "suggestions": [
            {
                "text": "Legalisasi dokumen",
                "url": f"http://testserver{site['legalisasi'].url}",
            }
        ]
    }


def test_search_page_lists_results_with_facet_links(site, client):
    response = client.get("/id/search/", {"q": "paspor"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'role="status"' in html
    assert "Penerbitan paspor biasa" in html
    assert "?q=paspor&amp;kind=page" in html


def test_when_no_page_has_every_word_pages_with_some_words_are_shown(site):
    result = run("paspor kanada", locale="id")
    assert result.any_word
    assert set(titles(result)) == {"Penerbitan paspor biasa", "Legalisasi dokumen"}


def test_some_words_count_their_synonyms_too(site):
    # "passport" is a synonym of "paspor"; no Indonesian page says "renewal".
    result = run("passport renewal", locale="id")
    assert result.any_word
    assert titles(result) == ["Penerbitan paspor biasa"]


def test_some_words_are_the_corrected_words(site):
    result = run("pasport renewl", locale="en")
    assert result.any_word
    assert result.corrected_words == ["passport", "renewl"]
    assert titles(result) == ["Ordinary passport issuance"]


@pytest.mark.parametrize(
    "question",
    [
        "bagaimana cara mengurus visa",
        "berapa biaya visa",
        "cara membuat visa",
        "how do I get a visa",
        "berapa lama proses visa",
        "how long does a visa take",
        "visa processing time",
        "how long does visa processing take",
    ],
)
def test_a_citizen_s_question_finds_its_subject_not_its_question_words(
    search_engine, unit_a, make_page, question
):
    """Question words name no subject: a page that only shares them is not
    found, let alone above the service asked about."""
    make_page(unit_a, "Pelayanan visa kunjungan", "Visa bagi warga negara asing.")
    make_page(
        unit_a,
        "Pelindungan data pribadi",
        "Bagaimana dan berapa lama data Anda disimpan, dan cara memintanya. "
        "Kami membuat salinan bila perlu dan memproses data untuk proses "
        "layanan. How long do we keep your data, and what can I ask? You get "
        "an answer. We stop processing your data when you ask.",
        publish=False,
    )
    rebuild()
    assert titles(run(question)) == ["Pelayanan visa kunjungan"]


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        ("berapa lama proses visa", ["visa"]),
        ("berapa lama paspor jadi", ["paspor"]),  # "jadi": until it is ready
        ("How long does a visa take", ["visa"]),
        # "time" stays: a standard's "completion time" is what is asked
        ("visa processing time", ["visa", "time"]),
        ("paspor lama", ["paspor", "lama"]),
        ("long stay visa", ["long", "stay", "visa"]),
        ("berapa", ["berapa"]),  # only question words: searched as typed
        # "fill in" names no subject: the survey is what is looked for
        ("isi survei kepuasan kbri", ["survei", "kepuasan", "kbri"]),
        ("mengisi survei", ["survei"]),
        ("fill in the satisfaction survey", ["satisfaction", "survey"]),
    ],
)
def test_question_phrases_are_dropped_only_together(words, kept):
    assert content_words(words.split()) == kept


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("self registration", "Lapor diri WNI"),
        ("lapordiri", "Lapor diri WNI"),
        ("emergency travel document", "Penerbitan SPLP"),
        ("emergency passport", "Penerbitan SPLP"),
    ],
)
def test_services_named_in_english_or_run_together_are_found(
    search_engine, unit_a, make_page, query, wanted
):
    """Seeded synonyms (search migration 0010): "self registration" found
    other pages, "lapordiri" nothing, and "emergency passport" not the SPLP."""
    make_page(unit_a, "Lapor diri WNI", "Pendataan warga negara di luar negeri.")
    make_page(unit_a, "Penerbitan SPLP", "Surat perjalanan laksana paspor.")
    make_page(unit_a, "Portal Peduli WNI", "Registration portal for travellers.")
    rebuild()
    assert titles(run(query))[:1] == [wanted]


@pytest.mark.parametrize("query", ["ijazah", "diploma", "legalisir ijazah"])
def test_a_diploma_finds_the_legalisation_not_the_diplomats_cards(
    search_engine, unit_a, make_page, query
):
    """Seeded synonyms (search migration 0011): "diploma" was corrected to
    "diplomatic" and found only the diplomats' identity cards."""
    make_page(
        unit_a,
        "Legalisasi dokumen",
        "Pengesahan tanda tangan pejabat pada dokumen seperti ijazah.",
    )
    make_page(unit_a, "Penerbitan kartu identitas diplomatik", "Bagi diplomat asing.")
    rebuild()
    assert titles(run(query))[:1] == ["Legalisasi dokumen"]


def test_summary_match_ranks_above_newer_body_match(search_engine, unit_a, make_page):
    make_page(unit_a, "Pengumuman A", "Jadwal kunjungan konsuler.", "", publish=False)
    make_page(unit_a, "Pengumuman B", "Informasi.", "Jadwal kunjungan.", publish=False)
    rebuild()
    assert titles(run("kunjungan", locale="id")) == ["Pengumuman A", "Pengumuman B"]


def test_a_title_only_match_shows_the_start_of_the_summary(
    search_engine, unit_a, make_page
):
    make_page(
        unit_a, "Pengumuman libur", "Kantor tutup pada hari raya.", "", publish=False
    )
    rebuild()
    [hit] = run("pengumuman", locale="id").hits
    assert hit.highlight == "Kantor tutup pada hari raya."


def test_some_words_are_the_words_as_typed_before_corrections(
    search_engine, unit_a, make_page
):
    # "berkuasa" is only in a body, so the correction's vocabulary (titles,
    # summaries) would turn it into "berkas"; the words as typed come first.
    make_page(unit_a, "Duta besar", "", "Duta besar berkuasa penuh.", publish=False)
    make_page(unit_a, "Berkas lengkap", "Berkas permohonan.", publish=False)
    rebuild()
    result = run("berkuasa zebraxq", locale="id")
    assert result.any_word
    assert result.corrected_words == []
    assert titles(result) == ["Duta besar"]


def with_hours(unit, note: str = ""):
    for day in (Weekday.MONDAY, Weekday.FRIDAY):
        unit.opening_hours.add(
            UnitOpeningHours(
                weekday=day,
                opens=datetime.time(9),
                closes=datetime.time(16),
                note=note,
            )
        )
    unit.save_revision().publish()
    return unit


def test_a_unit_s_opening_hours_are_found(
    search_engine, unit_a, unit_b, make_unit, make_page
):
    """A unit page's opening-hours table is indexed (heading, days, hours,
    notes; the heading in every language) and "jam buka" is one of its names:
    the unit comes before its standards, which name "jam pelayanan" only in
    passing, and a unit without the table is not found by it."""
    with_hours(unit_a, note="Pengambilan paspor sore")
    with_hours(make_unit("KJRI Vancouver", city="Vancouver"))
    make_page(
        unit_a,
        "Legalisasi dokumen",
        "Legalisasi dokumen di Toronto.",
        "Pengaduan lewat telepon Senin–Jumat pada jam pelayanan.",
        publish=False,
    )
    rebuild()
    for q in ("jam layanan toronto", "jam buka toronto", "opening hours toronto"):
        assert titles(run(q, locale="id"))[:1] == ["KJRI Toronto"], q
    assert "KJRI Toronto" in titles(run("jam buka senin", locale="id"))
    assert "KJRI Toronto" in titles(run("pengambilan paspor sore", locale="id"))
    # KBRI Singapura shows no hours: no page has every word.
    assert run("jam layanan singapura", locale="id").any_word


def test_naming_a_unit_keeps_other_units_out(
    search_engine, unit_a, make_unit, make_page
):
    """The words of a unit's name are in every one of its pages' keywords:
    when every word of the query is found, only that unit's pages match, and
    no other unit of the same type ("KJRI") comes before them."""
    with_hours(unit_a)
    with_hours(make_unit("KJRI Vancouver", city="Vancouver"))
    make_page(
        unit_a,
        "Legalisasi dokumen",
        "Legalisasi dokumen.",
        "Pengaduan lewat telepon Senin–Jumat pada jam pelayanan.",
        publish=False,
    )
    rebuild()
    result = run("jam buka kjri toronto", locale="id")
    assert not result.any_word
    assert titles(result) == ["KJRI Toronto", "Legalisasi dokumen"]


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_kind_label_starts_with_a_capital(language):
    """The units' label read "unit" beside "Standar pelayanan" in the facets."""
    from django.utils import translation

    from search.registry import registry

    with translation.override(language):
        labels = [str(label) for label in registry.kinds().values()]
    assert all(label[:1].isupper() for label in labels), labels


def test_a_hit_links_its_record_in_the_api(
    search_engine, unit_a, client, django_capture_on_commit_callbacks
):
    """An integrator joined a hit to its API record by its URL alone."""
    from search.indexing import rebuild
    from standards.factories import ServiceStandardPageFactory

    with django_capture_on_commit_callbacks(execute=True):
        standard = ServiceStandardPageFactory(parent=unit_a, title="Legalisasi ijazah")
    rebuild()
    data = client.get(reverse("search_api"), {"q": "legalisasi ijazah"}).json()
    [hit] = [r for r in data["results"] if r["kind"] == "standard"]
    assert hit["id"] == standard.pk
    assert hit["api_url"] == f"http://testserver/api/standards/{standard.pk}/"
    assert client.get(hit["api_url"]).json()["title"] == "Legalisasi ijazah"
