"""Each page names its versions in the other language for search engines
(`<link rel="alternate" hreflang>`), and `/favicon.ico` leads to the icon."""

import re

import pytest

from cms.core.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def alternates(html: str) -> dict[str, str]:
    head = html.split("</head>")[0]
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head)
    )


def test_a_translated_page_names_both_versions(client, unit_a, locales):
    english = unit_a.copy_for_translation(locales[1], copy_parents=True)
    english.save_revision().publish()
    expected = {
        "id": f"http://testserver{unit_a.url}",
        "en": f"http://testserver{english.url}",
    }
    assert alternates(client.get(unit_a.url).content.decode()) == expected
    assert alternates(client.get(english.url).content.decode()) == expected


def test_an_untranslated_page_names_only_itself(client, unit_a, locales):
    page = ContentPageFactory(parent=unit_a, title="Visa kunjungan", intro="Isi.")
    assert alternates(client.get(page.url).content.decode()) == {
        "id": f"http://testserver{page.url}"
    }


def test_the_not_found_page_names_no_versions(client, locales, unit_a):
    response = client.get("/id/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert alternates(response.content.decode()) == {}


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_the_not_found_page_offers_to_search_for_the_addresss_words(client, locales):
    """A mistyped address ("paspor-baruu") offers a search for its words,
    which corrects the word; the home page stays offered."""
    response = client.get("/en/unit/kbri-singapura/paspor-baruu/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'href="/en/search/?q=paspor%20baruu"' in html
    assert "Search the site for “paspor baruu”" in html
    assert 'href="/en/"' in html


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/id/unit/a/legalisasi_dokumen/", "legalisasi dokumen"),
        ("/id/2024/", ""),
        ("/id/", ""),
        ("/id/unit/a/<script>/", "script"),
    ],
)
def test_words_of_an_address(path, words):
    from cms.core.views import words_of_address

    assert words_of_address(path) == words


def test_the_not_found_page_offers_the_page_whose_address_is_closest(
    client, unit_a, locales
):
    """A mistyped or cut address: the page meant, in the reader's language,
    and no page a visitor may not open."""
    from wagtail.models import PageViewRestriction

    page = ContentPageFactory(
        parent=unit_a, title="Visa kunjungan", slug="visa-kunjungan"
    )
    html = client.get(page.url.rstrip("/") + "x/").content.decode()
    assert f'Apakah maksud Anda: <a href="{page.url}">Visa kunjungan</a></p>' in html
    english_unit = unit_a.copy_for_translation(locales[1], copy_parents=True)
    english_unit.save_revision().publish()
    english = page.copy_for_translation(locales[1])
    english.title = "Visit visa"
    english.save_revision().publish()
    html = client.get(english.url.replace("kunjungan", "kunjugan")).content.decode()
    assert f'Did you mean: <a href="{english.url}">Visit visa</a></p>' in html
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    html = client.get(page.url.rstrip("/") + "x/").content.decode()
    assert "Apakah maksud Anda" not in html
    assert "Did you mean" not in client.get("/id/sama-sekali-lain/").content.decode()


def test_search_results_are_not_indexed_and_name_no_versions(client, locales):
    """A results page (any words, any page of them) is kept out of search
    engines' indexes, which follow its links; its language switch stays."""
    empty_form = client.get("/id/search/").content.decode()
    assert 'name="robots"' not in empty_form
    html = client.get("/id/search/?q=paspor&page=2").content.decode()
    head = html.split("</head>")[0]
    assert '<meta name="robots" content="noindex, follow">' in head
    assert alternates(html) == {}
    assert 'hreflang="en"' in html.split("</head>")[1]
