"""The site-wide page cache: hits for anonymous readers, fresh pages otherwise."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory

from cms.core import page_cache
from cms.core.page_cache import PageCacheMiddleware

pytestmark = pytest.mark.django_db

CACHED = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The page cache as in production, from an empty cache."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unit_url(unit_a):
    return unit_a.get_url()


def test_second_anonymous_request_is_served_from_the_cache(client, unit_url):
    first = client.get(unit_url)
    second = client.get(unit_url)
    assert (first[CACHED], second[CACHED]) == ("miss", "hit")
    assert second.content == first.content


def test_a_cache_hit_runs_no_sql_query(client, unit_url, django_assert_num_queries):
    client.get(unit_url)
    with django_assert_num_queries(0):
        response = client.get(unit_url)
    assert response.status_code == 200
    assert response[CACHED] == "hit"


def test_a_published_change_appears_at_once(
    client, unit_a, unit_url, django_capture_on_commit_callbacks
):
    assert "KJRI Toronto" in client.get(unit_url).content.decode()
    assert client.get(unit_url)[CACHED] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        unit_a.title = "KJRI Vancouver"
        unit_a.save_revision().publish()
    response = client.get(unit_url)
    assert response[CACHED] == "miss"
    assert "KJRI Vancouver" in response.content.decode()


def test_a_draft_does_not_make_the_cache_stale(client, unit_a, unit_url):
    client.get(unit_url)
    unit_a.title = "KJRI Vancouver (draft)"
    unit_a.save_revision()
    response = client.get(unit_url)
    assert response[CACHED] == "hit"
    assert "Vancouver" not in response.content.decode()


def test_logged_in_users_get_fresh_pages(client, superuser, unit_a, unit_url):
    client.get(unit_url)
    # Change the live title behind the cache's back (no signal): anonymous
    # readers keep the cached page, a logged-in editor sees the database.
    type(unit_a).objects.filter(pk=unit_a.pk).update(title="KJRI Montreal")
    assert "KJRI Montreal" not in client.get(unit_url).content.decode()
    editor = Client()
    editor.force_login(superuser)
    response = editor.get(unit_url)
    assert CACHED not in response
    assert "KJRI Montreal" in response.content.decode()


def test_a_query_string_bypasses_the_cache(client, unit_url):
    client.get(unit_url)
    assert CACHED not in client.get(unit_url + "?page=2")
    assert CACHED not in client.get(unit_url + "?utm_source=wa&uncached=1")


def test_a_campaign_link_is_answered_from_the_cache(client, unit_url):
    """Links shared on social media carry tracking parameters, and every
    click a click id of its own (`?fbclid=<unique>`): each was a page
    rendered from scratch on a campaign's busiest day."""
    first = client.get(unit_url + "?utm_source=whatsapp&utm_campaign=paspor")
    assert first[CACHED] == "miss"
    plain = client.get(unit_url)
    clicked = client.get(unit_url + "?fbclid=IwAR0x9&UTM_Medium=social&_gl=1*ab")
    assert (plain[CACHED], clicked[CACHED]) == ("hit", "hit")
    assert plain.content == clicked.content == first.content
    assert "utm_" not in first.content.decode()


def test_head_requests_are_answered_from_the_cache(client, unit_url):
    client.get(unit_url)
    assert client.head(unit_url)[CACHED] == "hit"


def test_a_head_request_fills_the_cache_and_carries_no_body(client, unit_url):
    """A monitor's HEAD was rendered every time ("private, no-cache") and
    gunicorn logged a warning for each body it had to drop."""
    first = client.head(unit_url)
    assert first[CACHED] == "miss"
    assert "private" not in first["Cache-Control"]
    assert first.content == b""
    page = client.get(unit_url)
    assert page[CACHED] == "hit"
    assert first["Content-Length"] == str(len(page.content))
    assert client.head(unit_url).content == b""


def test_cached_pages_must_be_revalidated_by_browsers(client, unit_url):
    client.get(unit_url)
    response = client.get(unit_url)
    assert set(response["Cache-Control"].split(", ")) == {
        "public",
        "max-age=0",
        "must-revalidate",
        "s-maxage=300",
    }


def test_an_unchanged_page_answers_304_to_its_etag(client, unit_url):
    etag = client.get(unit_url)["ETag"]
    response = client.get(unit_url, headers={"if-none-match": etag})
    assert response.status_code == 304


def test_cached_pages_keep_the_security_headers(client, unit_url):
    client.get(unit_url)
    response = client.get(unit_url)
    assert response[CACHED] == "hit"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


SHAPED_BY_INNER_MIDDLEWARE = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Content-Language",
    "Vary",
)


def test_a_hit_carries_the_headers_its_page_was_rendered_with(client, unit_url):
    """A hit skips the middleware after the page cache's; what they added to
    the page (policy, frame and language headers) was stored with it."""
    miss = client.get(unit_url)
    hit = client.get(unit_url)
    assert hit[CACHED] == "hit"
    for name in SHAPED_BY_INNER_MIDDLEWARE:
        assert hit[name] == miss[name], name


def test_changed_header_settings_start_from_fresh_pages(client, settings, unit_url):
    """After a deployment that changes the policy, no stored page carries the
    old one."""
    client.get(unit_url)
    assert client.get(unit_url)[CACHED] == "hit"
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"], "img-src": ["'self'"]}
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    response = client.get(unit_url)
    assert response[CACHED] == "miss"
    assert "img-src 'self' data:" not in response["Content-Security-Policy"]
    assert client.get(unit_url)[CACHED] == "hit"


def test_admin_pages_are_never_cached(client, superuser):
    client.force_login(superuser)
    client.get("/admin/")
    assert CACHED not in client.get("/admin/")


def test_saving_a_site_setting_or_snippet_model_row_makes_pages_stale(
    client, unit_url, locales
):
    client.get(unit_url)
    locales[1].save()  # a Locale row: shown in the language switcher
    assert client.get(unit_url)[CACHED] == "miss"


def run_middleware(view, path="/id/cookie/"):
    """Two anonymous GETs through the middleware; how often the view ran."""
    calls = []

    def get_response(request):
        calls.append(request)
        return view(request)

    middleware = PageCacheMiddleware(get_response)
    responses = [middleware(RequestFactory().get(path)) for _ in range(2)]
    return len(calls), responses


def test_responses_that_set_a_cookie_are_not_cached():
    def sets_cookie(request):
        response = HttpResponse("<p>hello</p>")
        response.set_cookie("respondent", "abc")
        return response

    calls, responses = run_middleware(sets_cookie)
    assert calls == 2
    assert "private" in responses[1]["Cache-Control"]


def test_responses_that_use_the_csrf_token_are_not_cached():
    from django.middleware.csrf import get_token

    def form(request):
        return HttpResponse(
            f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'
        )

    calls, _responses = run_middleware(form)
    assert calls == 2


def test_error_responses_are_not_cached():
    calls, _responses = run_middleware(lambda r: HttpResponse("gone", status=404))
    assert calls == 2


def test_plain_responses_are_cached():
    calls, responses = run_middleware(lambda r: HttpResponse("<p>same</p>"))
    assert calls == 1
    assert responses[1].content == b"<p>same</p>"


def test_a_view_can_opt_out_with_cache_control():
    from django.views.decorators.cache import never_cache

    calls, _responses = run_middleware(never_cache(lambda r: HttpResponse("now")))
    assert calls == 2


def test_an_evicted_counter_makes_pages_stale_not_wrong(client, unit_url):
    client.get(unit_url)
    cache.delete(page_cache.CHROME_KEY)
    assert client.get(unit_url)[CACHED] == "miss"
    assert client.get(unit_url)[CACHED] == "hit"


@pytest.fixture
def standard_a(unit_a):
    from standards.factories import ServiceStandardPageFactory

    page = ServiceStandardPageFactory(parent=unit_a, title="Paspor", slug="paspor")
    page.save_revision().publish()
    return page


def test_a_publication_leaves_the_pages_that_do_not_show_it_cached(
    client, unit_a, unit_b, standard_a, django_capture_on_commit_callbacks
):
    other_unit = unit_b.get_url()
    for url in (other_unit, unit_a.get_url(), standard_a.get_url()):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        standard_a.title = "Paspor 48 halaman"
        standard_a.save_revision().publish()
    assert client.get(other_unit)[CACHED] == "hit"
    unit_page = client.get(unit_a.get_url())
    assert unit_page[CACHED] == "miss"
    assert "Paspor 48 halaman" in unit_page.content.decode()
    assert client.get(standard_a.get_url())[CACHED] == "miss"


def test_a_publication_makes_the_home_page_and_the_indexes_stale(
    client, home_page, standard_a, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    indexes = [
        page.get_url()
        for page in Page.objects.child_of(home_page).live()
        if page.specific_class.__name__.endswith("IndexPage")
    ]
    urls = [home_page.get_url(), *indexes]
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHED] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        standard_a.save_revision().publish()
    assert [client.get(url)[CACHED] for url in urls] == ["miss"] * len(urls)


def test_a_unit_change_shows_on_the_unit_s_standards(
    client, unit_a, standard_a, django_capture_on_commit_callbacks
):
    client.get(standard_a.get_url())
    with django_capture_on_commit_callbacks(execute=True):
        unit_a.phone = "+1 416 555 0199"
        unit_a.save_revision().publish()
    response = client.get(standard_a.get_url())
    assert response[CACHED] == "miss"


def test_a_page_linked_from_the_footer_makes_every_page_stale(
    client, home_page, unit_a, unit_b, django_capture_on_commit_callbacks
):
    from cms.core.factories import ContentPageFactory
    from cms.core.models import SiteContact

    notice = ContentPageFactory(parent=home_page, title="Privasi", slug="privasi")
    notice.save_revision().publish()
    contact = SiteContact.load()
    contact.privacy_notice = notice
    contact.save()
    urls = [unit_a.get_url(), unit_b.get_url()]
    for url in urls:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        notice.title = "Pemberitahuan privasi"
        notice.save_revision().publish()
    for url in urls:
        response = client.get(url)
        assert response[CACHED] == "miss"
        assert "Pemberitahuan privasi" in response.content.decode()


def test_the_translation_of_a_footer_page_makes_every_page_of_its_language_stale(
    client, home_page, unit_a, django_capture_on_commit_callbacks
):
    """The setting names the Indonesian page; English pages show its English
    translation, whose renaming or unpublishing must reach them too."""
    from cms.core.factories import ContentPageFactory
    from cms.core.models import SiteContact
    from cms.core.translation import translate_page

    complaints = ContentPageFactory(parent=home_page, title="Pengaduan", slug="aduan")
    contact = SiteContact.load()
    contact.complaints_page = complaints
    contact.save()
    translate_page(home_page, "en", {})
    english_unit = translate_page(unit_a, "en", {})
    english = translate_page(complaints, "en", {complaints.title: "Complaints"})
    url = english_unit.get_url()
    assert "Complaints</a>" in client.get(url).content.decode()
    assert client.get(url)[CACHED] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        english.title = "How to complain"
        english.save_revision().publish()
    response = client.get(url)
    assert response[CACHED] == "miss"
    assert "How to complain</a>" in response.content.decode()


def test_only_a_response_the_cache_keeps_reads_the_page_versions(monkeypatch):
    reads = []
    monkeypatch.setattr(
        page_cache.generations, "read_many", lambda keys: reads.append(keys) or {}
    )
    factory = RequestFactory()
    page_cache.note_served_page(factory.post("/id/unit/a/answers/7/"), 7)
    page_cache.note_served_page(factory.get("/id/?page=2"), 7)
    assert reads == []
    request = factory.get("/id/unit/a/")
    page_cache.note_served_page(request, 7)
    assert len(reads) == 1
    assert getattr(request, page_cache.SERVED_PAGE_VERSIONS)[0] == 7


def test_the_body_of_a_head_answer_is_dropped_before_the_server(settings):
    """The WSGI server gets no body to drop (the test client drops it itself,
    so the middleware is called directly), with the GET's length."""
    from cms.core.middleware import HeadWithoutBodyMiddleware

    middleware = HeadWithoutBodyMiddleware(lambda request: HttpResponse("halaman"))
    response = middleware(RequestFactory().head("/id/"))
    assert (response.content, response["Content-Length"]) == (b"", "7")
    assert middleware(RequestFactory().get("/id/")).content == b"halaman"
    assert settings.MIDDLEWARE[0] == "cms.core.middleware.HeadWithoutBodyMiddleware"
