"""What people search for: counted in the cache, flushed by a command, reported
to superusers (issue 21)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from search import stats
from search.models import SearchTermDay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def counts() -> dict[str, tuple[int, int]]:
    return {
        row.query: (row.searches, row.zero_results)
        for row in SearchTermDay.objects.all()
    }


def test_searches_are_counted_in_the_cache_without_a_database_write(
    site, client, django_assert_max_num_queries
):
    client.get("/id/search/", {"q": "Paspor"})
    with django_assert_max_num_queries(5) as queries:
        client.get("/id/search/", {"q": "  paspor  "})
    for query in queries.captured_queries:
        sql = query["sql"].lower()
        assert not sql.lstrip().startswith(("insert", "update", "delete"))
        assert "searchtermday" not in sql and "searchpromotion" not in sql
    client.get("/id/search/", {"q": "zzqxv tidak ada"})
    client.get("/api/search/", {"q": "paspor"})
    assert not SearchTermDay.objects.exists()
    call_command("search_flush_stats")
    assert counts() == {"paspor": (3, 0), "zzqxv tidak ada": (1, 1)}


def test_pages_and_filters_of_a_search_are_not_counted_again(site, client):
    client.get("/id/search/", {"q": "legalisasi", "kind": "page"})
    client.get("/id/search/", {"q": "legalisasi", "page": "2"})
    stats.flush()
    assert counts() == {"legalisasi": (1, 0)}


@pytest.mark.parametrize(
    "query",
    [
        "3171234567890001",
        "0812 3456 7890",
        "+65-8123-4567",
        "budi@example.com",
        "x" * 101,
    ],
)
def test_queries_that_may_be_personal_data_are_not_kept(query):
    stats.record(query, 0)
    stats.flush()
    assert not SearchTermDay.objects.exists()


def test_years_and_short_numbers_are_kept():
    stats.record("SKM 2025", 3)
    stats.record("pasal 12345", 0)
    stats.flush()
    assert counts() == {"skm 2025": (1, 0), "pasal 12345": (1, 1)}


def test_a_second_flush_adds_only_what_came_since():
    stats.record("visa", 2)
    stats.record("visa", 0)
    assert stats.flush() == 1
    assert stats.flush() == 0
    stats.record("visa", 1)
    stats.flush()
    assert counts() == {"visa": (3, 1)}


def test_counts_of_yesterday_are_flushed_on_their_day_and_old_rows_pruned():
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    stats.record("visa", 1, day=yesterday)
    stats.flush(today)
    assert SearchTermDay.objects.get().date == yesterday
    SearchTermDay.objects.create(
        date=today - datetime.timedelta(days=stats.STORED_DAYS + 1), query="lama"
    )
    assert stats.prune(today) == 1


def test_the_reports_show_the_last_30_days_to_superusers_only(
    client, superuser, make_staff, unit_a
):
    today = timezone.localdate()
    for days_ago, query, searches, zero in [
        (0, "paspor", 5, 0),
        (29, "paspor", 2, 0),
        (30, "lama sekali", 50, 50),
        (1, "apostille", 3, 3),
    ]:
        SearchTermDay.objects.create(
            date=today - datetime.timedelta(days=days_ago),
            query=query,
            searches=searches,
            zero_results=zero,
        )
    client.force_login(superuser)
    top = client.get("/admin/reports/searches/").content.decode()
    assert top.index("paspor") < top.index("apostille")
    assert ">7<" in top.replace(" ", "").replace("\n", "")
    assert "lama sekali" not in top
    zero = client.get("/admin/reports/searches-without-results/").content.decode()
    assert "apostille" in zero and "paspor" not in zero
    client.force_login(make_staff(unit_a))
    response = client.get("/admin/reports/searches/")
    assert response.status_code in (302, 403)


def test_opening_the_report_shows_searches_not_yet_flushed(site, client, superuser):
    client.get("/en/search/", {"q": "apostille"})
    client.get("/id/search/", {"q": "paspor"})
    client.force_login(superuser)
    zero = client.get("/admin/reports/searches-without-results/").content.decode()
    assert "apostille" in zero and "paspor" not in zero
    assert counts() == {"apostille": (1, 1), "paspor": (1, 0)}
    client.get("/admin/reports/searches/")
    assert counts() == {"apostille": (1, 1), "paspor": (1, 0)}


def test_a_flush_already_running_leaves_the_counts_to_it():
    stats.record("paspor", 3)
    cache.add(stats.FLUSH_LOCK, True)
    assert stats.flush() == 0
    cache.delete(stats.FLUSH_LOCK)
    assert stats.flush() == 1
    assert counts() == {"paspor": (1, 0)}
