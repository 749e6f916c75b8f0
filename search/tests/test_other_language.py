"""A search that finds nothing in the reader's language says how many
results the same words have in the other language, with the link to them
("birth certificate" on the Indonesian site found nothing and said nothing of
the 9 English pages), and asks to remove a filter only when one is set."""

import pytest

pytestmark = pytest.mark.django_db


def test_nothing_found_names_the_results_in_the_other_language(client, site):
    html = client.get("/id/search/?q=requirements+issuing").content.decode()
    assert "0 hasil" in html
    assert "Periksa ejaan atau gunakan lebih sedikit kata." in html
    assert "hapus filter" not in html
    assert "1 hasil untuk kata-kata ini dalam bahasa Inggris" in html
    assert 'href="?q=requirements+issuing&amp;locale=en"' in html
    english = client.get("/id/search/?q=requirements+issuing&locale=en")
    assert "Ordinary passport issuance" in english.content.decode()


def test_results_in_the_readers_language_name_no_other(client, site):
    html = client.get("/id/search/?q=legalisasi").content.decode()
    assert "untuk kata-kata ini dalam bahasa" not in html


def test_a_search_found_nowhere_asks_for_other_words_only(client, site):
    html = client.get("/en/search/?q=zzyzx").content.decode()
    assert "Check the spelling or use fewer words." in html
    assert "for these words in" not in html


def test_with_a_filter_set_the_reader_is_asked_to_remove_it(client, site):
    html = client.get("/id/search/?q=zzyzx&kind=standard").content.decode()
    assert "atau hapus filter" in html


@pytest.mark.parametrize("language", ["id", "en"])
def test_full_width_letters_are_read_as_plain_letters(client, site, language):
    """A full-width keyboard's "ｐａｓｐｏｒ" found pages on /id/ and none on /en/."""
    html = client.get(f"/{language}/search/?q=ｐａｓｐｏｒ").content.decode()
    plain = client.get(f"/{language}/search/?q=paspor").content.decode()
    assert "0 hasil" not in html and "0 results" not in html
    count = plain.split('class="search__count"')[1].split("</p>")[0]
    assert count.split("“")[0] in html


def test_a_name_of_a_page_in_indonesian_only_is_not_corrected_in_english(
    client, site, unit_b, make_page, django_capture_on_commit_callbacks
):
    """From the outside probe: "Sarawak" on the English search was searched
    as "sarana" (a word of the English index), while the page that names
    Sarawak, published in Indonesian only, was the one meant."""
    from wagtail.models import Locale

    from search.indexing import rebuild
    from search.query import parse_params
    from search.service import search

    with django_capture_on_commit_callbacks(execute=True):
        make_page(unit_b, "Layanan paspor keliling Sarawak", "Paspor di Kuching.")
        sarana = make_page(unit_b, "Sarana", "Sarana gedung.")
        english = sarana.copy_for_translation(Locale.objects.get(language_code="en"))
        english.title = "Sarana for visitors"
        english.intro = "Facilities of the building."
        english.save_revision().publish()
    rebuild()
    result = search(parse_params({"q": "sarawak", "locale": "en"}))
    assert not result.corrected_words and result.total == 0
    html = client.get("/en/search/?q=sarawak").content.decode()
    assert "Layanan paspor keliling Sarawak" in html
    assert "Sarana for visitors" not in html
    # A typo of an English word is still corrected.
    assert search(parse_params({"q": "visitor", "locale": "en"})).total == 1
    assert search(parse_params({"q": "sarama", "locale": "en"})).corrected_words
