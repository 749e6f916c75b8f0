"""A standard page's SQL queries do not grow with its number of items."""

import pytest
from django.core.cache import cache

from standards.factories import (
    complaint_items,
    fee_items,
    legal_items,
    product_items,
    requirement_items,
    step_items,
)

pytestmark = pytest.mark.django_db

QUERY_BOUND = 24


def build(make_standard, unit, count: int):
    return make_standard(
        unit,
        slug=f"layanan-{count}",
        requirements=requirement_items(count),
        procedure=step_items(count),
        fees=fee_items(count),
        products=product_items(count),
        complaint_channels=complaint_items(count),
        legal_basis=legal_items(count),
    )


@pytest.mark.parametrize("count", [3, 30])
def test_standard_page_queries_are_bounded(
    client, unit_a, make_standard, pledge, count, django_assert_max_num_queries
):
    page = build(make_standard, unit_a, count)
    client.get(page.url)
    cache.clear()  # measure a full render, not the page cache
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(page.url)
    assert response.status_code == 200
    assert response.content.decode().count('type="checkbox"') == count


@pytest.mark.parametrize("count", [3, 30])
def test_compare_page_queries_are_bounded(
    client, unit_a, make_standard, count, django_assert_max_num_queries
):
    page = build(make_standard, unit_a, count)
    page.fees = fee_items(count, amount="99")
    page.save_revision().publish()
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(page.url + "compare/")
    assert response.status_code == 200


def test_anonymous_reader_gets_the_cached_page_with_few_queries(
    client, standard, pledge, django_assert_max_num_queries
):
    first = client.get(standard.url).content
    with django_assert_max_num_queries(15):
        second = client.get(standard.url).content
    assert first == second


def test_more_items_in_every_component_add_no_query(
    client, unit_a, make_standard, pledge
):
    """The uncached page (a query string bypasses every page cache) costs the
    same number of queries with 3 or 60 items in each list component."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for count in (3, 60):
        page = build(make_standard, unit_a, count)
        client.get(page.url + "?uncached=0")
        cache.clear()  # nor the body's fragment cache: a full render
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url + "?uncached=1")
        assert response.status_code == 200
        assert response.content.decode().count('type="checkbox"') == count
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
