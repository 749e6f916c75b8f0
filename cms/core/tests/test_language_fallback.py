"""A page not translated into the reader's language is served under the
reader's URL with a notice, never a 404 (`cms.core.language_fallback`)."""

import pytest
from wagtail.models import PageViewRestriction

from cms.core.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_unit(unit_a, locales):
    english = unit_a.copy_for_translation(locales[1], copy_parents=True)
    english.title = "Consulate General in Toronto"
    english.save_revision().publish()
    return english


@pytest.fixture
def indonesian_only(unit_a):
    return ContentPageFactory(
        parent=unit_a, title="Visa kunjungan", slug="visa-kunjungan", intro="Isi."
    )


def english_path(english_unit, slug: str) -> str:
    return f"{english_unit.url}{slug}/"


def test_an_untranslated_page_opens_under_english_with_an_english_notice(
    client, english_unit, indonesian_only
):
    response = client.get(english_path(english_unit, "visa-kunjungan"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert '<main id="main" tabindex="-1" lang="id">' in html
    assert "This page is not available in English yet" in html
    assert "Visa kunjungan" in html


def test_the_source_language_page_has_no_notice(client, indonesian_only):
    html = client.get(indonesian_only.url).content.decode()
    assert (
        "not available" not in html and 'lang="id">' not in html.split("<main")[1][:40]
    )


def test_a_translation_under_another_slug_is_redirected_to(
    client, english_unit, indonesian_only, locales
):
    english = indonesian_only.copy_for_translation(locales[1])
    english.title, english.slug = "Visit visa", "visit-visa"
    english.save_revision().publish()
    english.refresh_from_db()
    response = client.get(english_path(english_unit, "visa-kunjungan"))
    assert response.status_code == 302
    assert response["Location"] == english.url


def test_a_missing_page_is_still_404(client, english_unit):
    response = client.get(english_path(english_unit, "tidak-ada"))
    assert response.status_code == 404


def test_a_draft_stays_hidden(client, english_unit, indonesian_only):
    indonesian_only.unpublish()
    response = client.get(english_path(english_unit, "visa-kunjungan"))
    assert response.status_code == 404


def test_view_restrictions_hold_under_the_other_language(
    client, english_unit, indonesian_only
):
    PageViewRestriction.objects.create(
        page=indonesian_only,
        restriction_type=PageViewRestriction.PASSWORD,
        password="x",
    )
    html = client.get(english_path(english_unit, "visa-kunjungan")).content.decode()
    assert "Isi." not in html
    assert 'name="password"' in html


def test_a_sub_url_of_an_untranslated_page_is_routed_too(client, english_unit):
    response = client.get(f"{english_unit.url}tidak-ada/lagi/")
    assert response.status_code == 404


def test_the_breadcrumbs_of_a_page_shown_untranslated_stay_in_the_readers_language(
    client, english_unit, unit_a
):
    """A standard, consultation or survey published in Indonesian only, read
    under its English address: its breadcrumb led to the Indonesian unit."""
    from consultation.forums.factories import ConsultationPageFactory
    from consultation.surveys.factories import SatisfactionSurveyPageFactory
    from standards.factories import ServiceStandardPageFactory

    pages = [
        ServiceStandardPageFactory(parent=unit_a, title="Paspor", slug="paspor"),
        ConsultationPageFactory(parent=unit_a, slug="fkp-paspor"),
        SatisfactionSurveyPageFactory(parent=unit_a, slug="skm-2026"),
    ]
    for page in pages:
        page.save_revision().publish()
        response = client.get(english_path(english_unit, page.slug))
        html = response.content.decode()
        assert response.status_code == 200, page.slug
        breadcrumb = html.split('class="breadcrumb"')[1].split("</nav>")[0]
        assert f'href="{english_unit.url}"' in breadcrumb, page.slug
        assert 'href="/id/' not in breadcrumb, page.slug
        # An Indonesian reader's breadcrumb stays Indonesian.
        own = client.get(page.url).content.decode()
        assert f'href="{unit_a.url}"' in own.split('class="breadcrumb"')[1]


def test_an_unpublished_translation_falls_back_to_the_live_source(
    client, english_unit, indonesian_only, locales
):
    """From the outside probe: the page was unpublished and published again in
    Indonesian; its English translation stayed unpublished, and the English
    lists' links to it (marked Indonesian only) answered 404."""
    english = indonesian_only.copy_for_translation(locales[1])
    english.save_revision().publish()
    english.refresh_from_db()
    english.unpublish()
    response = client.get(english_path(english_unit, "visa-kunjungan"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This page is not available in English yet" in html
    indonesian_only.unpublish()
    response = client.get(english_path(english_unit, "visa-kunjungan"))
    assert response.status_code == 404
