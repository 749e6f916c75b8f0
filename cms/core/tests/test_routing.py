"""`cms.core.routing`: the same pages as Wagtail's tree walk, in fewer queries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from cms.core import generations, page_cache
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard(unit_a):
    page = ServiceStandardPageFactory(parent=unit_a, slug="paspor-biasa")
    page.save_revision().publish()
    return page


def wagtail_walk(request, path):
    """What Wagtail's own `Page.route` walk gives from home (None for a 404)."""
    home = Site.find_for_request(request).root_page.localized.specific
    components = [c for c in path.split("/") if c]
    try:
        return Page.route(home, request, components)
    except Http404:
        return None


def fast(request, path):
    """What Wagtail's `serve` uses: the home page's `route` (`route_below`)."""
    try:
        return Page.route_for_request(request, path)
    except Http404:
        return None


def fresh_request(language="id"):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    translation.activate(language)
    return request


@pytest.mark.parametrize(
    "path",
    [
        "",
        "unit/",
        "unit/{unit}/",
        "unit/{unit}/paspor-biasa/",
        "unit/{unit}/paspor-biasa/history/",
        "unit/{unit}/paspor-biasa/checklist/",
        "unit/{unit}/paspor-biasa/no-such-route/",
        "unit/{unit}/no-such-page/",
        "no-such-page/",
    ],
)
def test_finds_what_wagtails_walk_finds(standard, unit_a, path):
    path = path.format(unit=unit_a.slug)
    expected = wagtail_walk(fresh_request(), path)
    found = fast(fresh_request(), path)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert found.page.pk == expected.page.pk
    assert type(found.page) is type(expected.page)
    assert comparable(found) == comparable(expected)


def comparable(result):
    """A route result's view (unbound) and arguments."""
    args = tuple(getattr(arg, "__func__", arg) for arg in result.args)
    return args, result.kwargs


def test_an_unpublished_page_is_not_found_at_once(client, standard):
    url = standard.get_url()
    assert client.get(url).status_code == 200
    standard.unpublish()
    assert client.get(url).status_code == 404


def test_a_page_published_after_a_miss_is_served_at_once(client, unit_a):
    url = f"{unit_a.get_url()}paspor-baru/"
    assert client.get(url).status_code == 404
    page = ServiceStandardPageFactory(parent=unit_a, slug="paspor-baru")
    page.save_revision().publish()
    assert client.get(url).status_code == 200


def test_a_moved_page_is_served_at_its_new_address(client, standard, unit_b):
    old_url = standard.get_url()
    assert client.get(old_url).status_code == 200
    standard.move(unit_b, pos="last-child")
    standard.refresh_from_db()
    assert client.get(standard.get_url()).status_code == 200
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"] == standard.get_url()


def test_view_restrictions_still_apply(client, standard, unit_a):
    assert client.get(standard.get_url()).status_code == 200
    PageViewRestriction.objects.create(
        page=unit_a, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(standard.get_url())
    assert response.status_code == 302
    assert "login" in response["Location"]


def routing_queries(path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = fresh_request()
    Site.find_for_request(request)
    with CaptureQueriesContext(connection) as queries:
        assert fast(request, path) is not None
    return len(queries)


def test_routing_costs_the_same_queries_at_any_depth(unit_a):
    from cms.core.factories import ContentPageFactory
    from cms.core.locales import default_locale

    page = unit_a
    for slug in ("a", "b", "c", "d"):
        page = ContentPageFactory(parent=page, slug=slug)
    # A warm process knows its locales (`cms.core.locales`).
    default_locale()
    shallow = routing_queries(f"unit/{unit_a.slug}/")
    deep = routing_queries(f"unit/{unit_a.slug}/a/b/c/d/")
    assert deep == shallow
    assert deep <= 5  # home page (3: root, translation, specific), chain, row


def test_a_standard_page_from_scratch_has_a_bounded_query_count(
    client, standard, django_assert_max_num_queries
):
    url = standard.get_url() + "?uncached=1"
    client.get(url)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_the_menu_follows_a_publication_at_once(client, home_page, standard):
    from cms.core.factories import ContentPageFactory

    assert "Tentang kami" not in client.get(standard.get_url()).content.decode()
    page = ContentPageFactory(
        parent=home_page, title="Tentang kami", show_in_menus=True
    )
    page.save_revision().publish()
    assert "Tentang kami" in client.get(standard.get_url()).content.decode()


def test_content_rows_make_their_pages_stale_and_keep_the_tree(unit_a, standard):
    """A content app's row (here opening hours) makes stale the pages that show
    its unit, not every page of the site."""
    from datetime import time

    from cms.core.models import UnitOpeningHours

    unit_key = page_cache.page_version_key(unit_a.pk)
    chrome = generations.read(page_cache.CHROME_KEY)
    before = generations.read(unit_key)
    UnitOpeningHours.objects.create(
        page=unit_a, locale=unit_a.locale, weekday=1, opens=time(9), closes=time(12)
    )
    assert generations.read(unit_key) != before
    assert generations.read(page_cache.CHROME_KEY) == chrome


def test_a_republished_page_shows_its_new_content_at_once(client, standard):
    assert client.get(standard.get_url()).status_code == 200
    standard.title = "Paspor biasa 48 halaman"
    standard.save_revision().publish()
    assert "Paspor biasa 48 halaman" in client.get(standard.get_url()).content.decode()


def test_each_request_gets_its_own_page(standard, unit_a):
    path = f"unit/{unit_a.slug}/paspor-biasa/"
    first = fast(fresh_request(), path).page
    first.title = "changed by one request"
    second = fast(fresh_request(), path).page
    assert second is not first
    assert second.title == standard.title


def test_a_saved_draft_makes_no_cached_page_stale(standard):
    """Visitors see the live page: a draft changes nothing they see."""
    key = page_cache.page_version_key(standard.pk)
    versions = generations.read_many([key, page_cache.CHROME_KEY])
    standard.title = "A draft title"
    standard.save_revision()
    assert generations.read_many([key, page_cache.CHROME_KEY]) == versions


@pytest.mark.parametrize("path", ["/api/no-such-endpoint/", "/documents/no/such/"])
def test_a_404_outside_the_language_prefixes_stays_a_404(client, home_page, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Accept-Language" in response["Vary"]


def test_an_admin_404_is_not_sent_to_the_public_site(client, superuser, home_page):
    client.force_login(superuser)

    response = client.get("/admin/no-such-screen/")

    assert response.status_code == 404


def test_a_page_path_without_language_still_gets_its_prefix(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 302
    assert response["Location"] == "/id/no-such-page/"


def test_a_routed_page_knows_its_locale_without_a_query(
    standard, django_assert_num_queries
):
    request = fresh_request()
    path = standard.get_url().removeprefix("/id/")
    page = fast(request, path)[0]
    assert page == standard
    with django_assert_num_queries(0):
        assert page.locale.language_code == "id"
