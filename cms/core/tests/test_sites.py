"""The public address configured once (`cms.core.sites`), the sitemap in both
languages and robots.txt."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import PageViewRestriction, Site

from cms.core.factories import ContentPageFactory
from cms.core.sites import follow_public_base_url, site_address

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("base_url", "address"),
    [
        ("http://127.0.0.1:8765", ("127.0.0.1", 8765)),
        ("https://layanan.kemlu.go.id", ("layanan.kemlu.go.id", 443)),
        ("http://localhost", ("localhost", 80)),
    ],
)
def test_site_address_of_a_base_url(base_url, address):
    assert site_address(base_url) == address


@pytest.mark.parametrize(
    "base_url", ["127.0.0.1:8000", "ftp://example.go.id", "https://x.go.id/id/"]
)
def test_a_wrong_base_url_is_refused_with_the_reason(base_url):
    with pytest.raises(ImproperlyConfigured, match="PUBLIC_BASE_URL"):
        site_address(base_url)


def test_the_default_site_follows_the_public_base_url(settings, home_page):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8765"
    call_command("sync_site_url", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8765"
    assert home_page.get_full_url() == "http://127.0.0.1:8765/id/"


def test_without_a_site_there_is_nothing_to_update(locales):
    Site.objects.all().delete()
    assert follow_public_base_url() is None


def test_sitemap_lists_both_languages_and_no_restricted_page(
    client, settings, unit_a, locales
):
    settings.PUBLIC_BASE_URL = "https://layanan.example.go.id"
    follow_public_base_url()
    english = unit_a.copy_for_translation(locales[1], copy_parents=True)
    english.save_revision().publish()
    hidden = ContentPageFactory(parent=unit_a, title="Internal", slug="internal")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>https://layanan.example.go.id{unit_a.url}</loc>" in xml
    assert f"<loc>https://layanan.example.go.id{english.url}</loc>" in xml
    assert "/internal/" not in xml


def test_robots_txt_points_at_the_sitemap(client, settings):
    settings.PUBLIC_BASE_URL = "https://layanan.example.go.id"
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://layanan.example.go.id/sitemap.xml" in text
    assert "Disallow: /admin/" in text
