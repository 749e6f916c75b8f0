"""The index of standards of every unit, with GET filters."""

import pytest

from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(unit_a, unit_b, make_standard):
    make_standard(unit_a, slug="paspor", title="Paspor Toronto", category="paspor")
    make_standard(
        unit_a,
        slug="lapor",
        title="Lapor diri Toronto",
        category="pelindungan_wni",
        is_free=True,
        fees=[],
        channel_elektronik=True,
    )
    make_standard(unit_b, slug="visa", title="Visa Singapura", category="visa")
    ServiceStandardPageFactory(parent=unit_b, title="Draf Singapura", live=False)


def listed(client, index, query="") -> str:
    response = client.get(index.url + query)
    assert response.status_code == 200
    return response.content.decode()


def test_index_lists_live_standards_of_every_unit(client, catalogue, standards_index):
    html = listed(client, standards_index)
    assert "Paspor Toronto" in html and "Visa Singapura" in html
    assert "Draf Singapura" not in html


def test_filter_by_unit(client, catalogue, standards_index):
    html = listed(client, standards_index, "?unit=kbri-singapura")
    assert "Visa Singapura" in html and "Paspor Toronto" not in html


def test_filter_by_category(client, catalogue, standards_index):
    html = listed(client, standards_index, "?category=paspor")
    assert "Paspor Toronto" in html and "Visa Singapura" not in html


def test_filter_by_channel(client, catalogue, standards_index):
    html = listed(client, standards_index, "?channel=elektronik")
    assert "Lapor diri Toronto" in html and "Paspor Toronto" not in html


def test_filter_free_and_paid(client, catalogue, standards_index):
    free = listed(client, standards_index, "?fee=free")
    paid = listed(client, standards_index, "?fee=paid")
    assert "Lapor diri Toronto" in free and "Paspor Toronto" not in free
    assert "Paspor Toronto" in paid and "Lapor diri Toronto" not in paid


def test_filters_keep_their_state_in_the_form(client, catalogue, standards_index):
    html = listed(client, standards_index, "?category=visa&fee=paid")
    assert '<option value="visa" selected>' in html
    assert '<option value="paid" selected>' in html


def test_bad_filter_values_are_reported_not_crashing(
    client, catalogue, standards_index
):
    html = listed(client, standards_index, "?unit=nowhere&channel=x&page=zz")
    assert "errorlist" in html
    assert "Paspor Toronto" in html


def test_index_queries_do_not_grow_with_results(
    client, unit_a, make_standard, standards_index, django_assert_max_num_queries
):
    for n in range(12):
        make_standard(unit_a, slug=f"layanan-{n}", title=f"Layanan {n}")
    with django_assert_max_num_queries(25):
        client.get(standards_index.url)


def test_only_categories_that_hold_a_standard_are_offered(
    client, catalogue, standards_index
):
    """ "Citizenship" was offered and gave "0 service standards"."""
    html = listed(client, standards_index)
    assert '<option value="paspor">' in html and '<option value="visa">' in html
    assert '<option value="kewarganegaraan">' not in html
    # A link to an empty category still answers, with it selected.
    html = listed(client, standards_index, "?category=kewarganegaraan")
    assert '<option value="kewarganegaraan" selected>' in html
    assert "errorlist" not in html
