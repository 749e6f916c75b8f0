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


def canonical(html: str) -> list[str]:
    head = html.split("</head>")[0]
    return re.findall(r'<link rel="canonical" href="([^"]+)">', head)


def test_a_campaign_link_names_the_page_without_its_tracking_parameters(
    client, unit_a, locales
):
    """A shared link (`?utm_source=…&fbclid=…`) is the same page: its
    canonical and alternate links, and the language switcher, name it
    without them; other parameters (a listing's page) stay."""
    english = unit_a.copy_for_translation(locales[1], copy_parents=True)
    english.save_revision().publish()
    html = client.get(
        unit_a.url + "?utm_source=whatsapp&fbclid=IwAR0x9"
    ).content.decode()
    assert canonical(html) == [f"http://testserver{unit_a.url}"]
    assert alternates(html) == {
        "id": f"http://testserver{unit_a.url}",
        "en": f"http://testserver{english.url}",
    }
    assert f'href="{english.url}"' in html.split("</head>")[1]
    assert "fbclid" not in html and "utm_source" not in html
    html = client.get(unit_a.url + "?page=2&utm_medium=social").content.decode()
    assert canonical(html) == [f"http://testserver{unit_a.url}?page=2"]
    assert alternates(html)["en"] == f"http://testserver{english.url}?page=2"


def test_a_filter_forms_empty_fields_name_the_unfiltered_page(client, unit_a, locales):
    """A listing's filter form sends each field left unset (`?year=&stage=`):
    the canonical link named that address as a page of its own."""
    html = client.get(unit_a.url + "?year=&stage=&page=2&q=").content.decode()
    assert canonical(html) == [f"http://testserver{unit_a.url}?page=2"]
    html = client.get(unit_a.url + "?year=&stage=").content.decode()
    assert canonical(html) == [f"http://testserver{unit_a.url}"]


def test_the_not_found_and_search_pages_name_no_canonical(client, locales):
    assert canonical(client.get("/id/tidak-ada/").content.decode()) == []
    assert canonical(client.get("/id/search/?q=paspor").content.decode()) == []


def test_an_untranslated_page_names_only_itself(client, unit_a, locales):
    page = ContentPageFactory(parent=unit_a, title="Visa kunjungan", intro="Isi.")
    html = client.get(page.url).content.decode()
    assert alternates(html) == {"id": f"http://testserver{page.url}"}
    assert canonical(html) == [f"http://testserver{page.url}"]


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
