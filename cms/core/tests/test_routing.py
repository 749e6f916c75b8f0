"""`cms.core.routing`: the same pages as Wagtail's tree walk, in fewer queries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import PageViewRestriction, Site

from cms.core import routing
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard(unit_a):
    page = ServiceStandardPageFactory(parent=unit_a, slug="paspor-biasa")
    page.save_revision().publish()
    return page


def wagtail_walk(request, path):
    """What Wagtail's own `Page.route` gives (None for a 404)."""
    site = Site.find_for_request(request)
    components = [c for c in path.split("/") if c]
    try:
        return site.root_page.localized.specific.route(request, components)
    except Http404:
        return None


def fast(request, path):
    try:
        return routing.fast_route(request, path)
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


def test_a_standard_page_costs_the_same_queries_at_any_depth(
    client, standard, unit_a, django_assert_max_num_queries
):
    url = standard.get_url() + "?uncached=1"
    client.get(url)
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


def test_the_menu_follows_a_publication_at_once(client, home_page, standard):
    from cms.core.factories import ContentPageFactory

    assert "Tentang kami" not in client.get(standard.get_url()).content.decode()
    page = ContentPageFactory(
        parent=home_page, title="Tentang kami", show_in_menus=True
    )
    page.save_revision().publish()
    assert "Tentang kami" in client.get(standard.get_url()).content.decode()


def test_content_rows_make_pages_stale_but_leave_the_structure(unit_a):
    """An answer-like row (here opening hours, a content app's own model) changes
    what pages show, not routes or menus: only the page generation moves."""
    from datetime import time

    from cms.core import page_cache
    from cms.core.models import UnitOpeningHours

    pages, structure = page_cache.generation(), page_cache.structure_generation()
    UnitOpeningHours.objects.create(
        page=unit_a, locale=unit_a.locale, weekday=1, opens=time(9), closes=time(12)
    )
    assert page_cache.generation() != pages
    assert page_cache.structure_generation() == structure
    unit_a.save_revision().publish()
    assert page_cache.structure_generation() != structure


def test_a_republished_page_shows_its_new_content_at_once(client, standard):
    assert client.get(standard.get_url()).status_code == 200
    standard.title = "Paspor biasa 48 halaman"
    standard.save_revision().publish()
    assert "Paspor biasa 48 halaman" in client.get(standard.get_url()).content.decode()


def test_a_warm_route_loads_no_page_row(
    client, standard, django_assert_max_num_queries
):
    """After the first visit the standard's row comes from the process memo."""
    url = standard.get_url() + "?uncached=1"
    client.get(url)
    with django_assert_max_num_queries(0):
        assert client.get(url).status_code == 200


def test_each_request_gets_its_own_copy_of_the_page(standard, unit_a):
    path = f"unit/{unit_a.slug}/paspor-biasa/"
    first = fast(fresh_request(), path).page
    first.title = "changed by one request"
    second = fast(fresh_request(), path).page
    assert second is not first
    assert second.title == standard.title


def test_a_saved_draft_moves_only_the_structure_generation(standard):
    """The remembered rows carry the draft's bookkeeping fields; cached pages
    stay, since visitors see the live page."""
    from cms.core import page_cache

    pages, structure = page_cache.generation(), page_cache.structure_generation()
    standard.title = "A draft title"
    standard.save_revision()
    assert page_cache.structure_generation() != structure
    assert page_cache.generation() == pages


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
