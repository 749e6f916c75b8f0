"""The footer's contact (`SiteContact`): loaded with what the footer reads of
its privacy notice in one query, and still edited whole in Wagtail's settings
screen."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from cms.core.factories import ContentPageFactory
from cms.core.locales import remembered_localized
from cms.core.models import SiteContact
from cms.core.translation import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(home_page):
    return ContentPageFactory(
        parent=home_page, title="Pemberitahuan privasi", slug="privasi"
    )


def test_an_edit_in_the_settings_screen_keeps_every_field(client, superuser, notice):
    contact = SiteContact.load()
    contact.address = "Jl. Taman Pejambon No. 6"
    contact.privacy_notice = notice
    contact.save()
    url = reverse("wagtailsettings:edit", args=["core", "sitecontact", contact.pk])
    client.force_login(superuser)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation": contact.organisation,
            "address": contact.address,
            "phone": "+62 21 344 1508",
            "email": "",
            "complaint_url": contact.complaint_url,
            "privacy_notice": notice.pk,
        },
    )
    assert response.status_code == 302
    saved = SiteContact.objects.get(pk=contact.pk)
    assert saved.phone == "+62 21 344 1508"
    assert saved.address == "Jl. Taman Pejambon No. 6"
    assert saved.privacy_notice_id == notice.pk


def test_the_footer_links_the_privacy_notice(client, notice):
    contact = SiteContact.load()
    contact.privacy_notice = notice
    contact.save()
    body = client.get("/id/").content.decode()
    footer = body.split('<footer class="site-footer">')[1]
    assert f'href="{notice.url}">Pemberitahuan privasi</a>' in footer


def test_the_footer_reads_the_contact_and_its_notice_in_one_query(
    notice, django_assert_num_queries
):
    contact = SiteContact.load()
    contact.privacy_notice = notice
    contact.save()
    with django_assert_num_queries(1):
        loaded = SiteContact.load().privacy_notice
        assert loaded.title == "Pemberitahuan privasi"
        assert loaded.url_path == notice.url_path
        assert loaded.locale_id == notice.locale_id
        assert loaded.translation_key == notice.translation_key
        assert loaded.live


def test_an_english_reader_gets_the_english_notice_once_it_is_published(
    home_page, notice
):
    with translation.override("en"):
        assert remembered_localized(notice).pk == notice.pk
        translate_page(home_page, "en", {})
        notice_en = translate_page(notice, "en", {notice.title: "Privacy notice"})
        # The publication moved the tree: the remembered Indonesian one is gone.
        assert remembered_localized(notice).pk == notice_en.pk
        with CaptureQueriesContext(connection) as queries:
            assert remembered_localized(notice).title == "Privacy notice"
        assert len(queries) == 0
        notice_en.unpublish()
        assert remembered_localized(notice).pk == notice.pk


def test_english_readers_read_the_organisation_in_english(client, home_page):
    """The footer read "Kementerian Luar Negeri Republik Indonesia" on every
    English page, where the home page says "Ministry of Foreign Affairs"."""
    english = client.get("/en/").content.decode()
    assert "<p>Ministry of Foreign Affairs of the Republic of Indonesia</p>" in english
    indonesian = client.get("/id/").content.decode()
    assert "<p>Kementerian Luar Negeri Republik Indonesia</p>" in indonesian


def test_without_an_english_name_the_indonesian_one_is_marked(client, home_page):
    contact = SiteContact.load()
    contact.organisation, contact.organisation_english = "Kementerian Contoh", ""
    contact.save()
    html = client.get("/en/").content.decode()
    assert '<p lang="id">Kementerian Contoh</p>' in html


@pytest.fixture
def complaints(home_page):
    page = ContentPageFactory(
        parent=home_page, title="Pengaduan layanan publik", slug="pengaduan"
    )
    contact = SiteContact.load()
    contact.complaints_page = page
    contact.save()
    return page


def footer_of(client, url: str) -> str:
    return client.get(url).content.decode().split('<footer class="site-footer">')[1]


def test_the_footer_links_the_complaints_page_in_the_readers_language(
    client, home_page, complaints
):
    """Citizens looking for how to complain found SP4N-LAPOR! in the footer, and
    the page with each unit's own channels nowhere but in search."""
    footer = footer_of(client, "/id/")
    assert f'href="{complaints.url}">Pengaduan layanan publik</a>' in footer
    assert "Complain through SP4N-LAPOR!" not in footer
    translate_page(home_page, "en", {})
    english = translate_page(
        complaints, "en", {complaints.title: "Complaints about public services"}
    )
    footer = footer_of(client, "/en/")
    assert f'href="{english.url}">Complaints about public services</a>' in footer


def test_an_unpublished_complaints_page_leaves_the_footer(client, complaints):
    complaints.unpublish()
    assert "Pengaduan layanan publik" not in footer_of(client, "/id/")


def test_the_footer_reads_both_linked_pages_in_the_contacts_query(
    notice, complaints, django_assert_num_queries
):
    contact = SiteContact.load()
    contact.privacy_notice = notice
    contact.save()
    with django_assert_num_queries(1):
        loaded = SiteContact.load()
        assert loaded.complaints_page.title == "Pengaduan layanan publik"
        assert loaded.privacy_notice.title == "Pemberitahuan privasi"


def test_a_restricted_complaints_page_leaves_the_footer(client, complaints):
    """A page behind a login would send every reader of the footer's link to
    the login screen."""
    PageViewRestriction.objects.create(page=complaints, restriction_type="login")
    assert "Pengaduan layanan publik" not in footer_of(client, "/id/")


def test_an_untranslated_footer_page_is_marked_indonesian_on_english_pages(
    client, home_page, complaints
):
    translate_page(home_page, "en", {})
    footer = footer_of(client, "/en/")
    assert f'href="{complaints.url}" lang="id">Pengaduan layanan publik</a>' in footer
    assert 'lang="id">Pengaduan' not in footer_of(client, "/id/")


def test_the_footer_costs_no_query_beyond_the_contacts_own(
    client, home_page, notice, complaints, settings
):
    """What the footer needs of both pages (their path for the restrictions
    included) comes with the contact's row."""
    settings.FRAGMENT_CACHE = False
    contact = SiteContact.load()
    contact.privacy_notice = notice
    contact.save()
    client.get("/id/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/id/")
    by_key = {
        int(pk)
        for query in queries
        for pk in re.findall(r'"wagtailcore_page"\."id" = (\d+)', query["sql"])
    }
    assert not by_key & {notice.pk, complaints.pk}


def test_the_footer_reads_the_contact_without_ordering_it(client, home_page, settings):
    """There is one row: read by a slice, not `first()`, whose ORDER BY is
    compiled on every page rendered from scratch."""
    settings.FRAGMENT_CACHE = False
    client.get("/id/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/id/")
    reads = [q["sql"] for q in queries if 'FROM "core_sitecontact"' in q["sql"]]
    assert len(reads) == 1
    assert "ORDER BY" not in reads[0]
    assert "Kementerian Luar Negeri" in client.get("/id/").content.decode()


def test_a_site_without_its_contact_row_gets_one_with_the_defaults(client, home_page):
    SiteContact.objects.all().delete()
    assert "Kementerian Luar Negeri" in client.get("/id/").content.decode()
    assert SiteContact.objects.count() == 1
