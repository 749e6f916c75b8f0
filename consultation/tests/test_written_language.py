"""Comments and suggestions keep the language of the site they were written
on: the public pages of both languages show them all, each marked with its
`lang`, so a screen reader reads an Indonesian comment on an English page in
Indonesian."""

import re

import pytest
from django.urls import reverse

from cms.core.translation import translate_page
from consultation.models import ComponentComment, SurveyResponse
from consultation.moderation import ModerationStatus

from .conftest import valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_consultation(unit_a, consultation):
    translate_page(unit_a, "en", {})
    return translate_page(consultation, "en", {})


def post_comment(client, page, standard, text):
    return client.post(
        page.url + "comment/",
        {
            "standard": standard.pk,
            "component": "persyaratan",
            "text": text,
            "website": "",
        },
    )


def test_a_comment_keeps_the_language_it_was_written_in(
    client, consultation, english_consultation, passport
):
    for page, text in (
        (consultation, "Terlalu banyak"),
        (english_consultation, "Too many copies"),
    ):
        assert post_comment(client, page, passport, text).status_code == 303
    languages = dict(ComponentComment.objects.values_list("text", "language"))
    assert languages == {"Terlalu banyak": "id", "Too many copies": "en"}


def test_both_pages_mark_each_approved_comment_with_its_language(
    client, consultation, english_consultation, passport
):
    post_comment(client, consultation, passport, "Terlalu banyak")
    post_comment(client, english_consultation, passport, "Too many copies")
    ComponentComment.objects.update(status=ModerationStatus.APPROVED)
    for page in (consultation, english_consultation):
        for url in (page.url, page.url + "results/"):
            html = client.get(url).content.decode()
            assert re.search(r'<blockquote[^>]* lang="id">Terlalu banyak', html), url
            assert re.search(r'<blockquote[^>]* lang="en">Too many copies', html), url


def test_a_comment_stored_before_languages_were_kept_has_no_lang(
    client, consultation, passport
):
    post_comment(client, consultation, passport, "Terlalu banyak")
    ComponentComment.objects.update(status=ModerationStatus.APPROVED, language="")
    html = client.get(consultation.url).content.decode()
    assert re.search(r'<blockquote class="component__comment">Terlalu banyak', html)


def test_a_suggestion_keeps_the_language_and_the_results_mark_it(
    client, unit_a, survey, passport
):
    translate_page(unit_a, "en", {})
    english = translate_page(survey, "en", {})
    for page, text in ((survey, "Antrean lebih cepat"), (english, "Faster queues")):
        response = client.post(page.url, valid_post(page, passport, suggestion=text))
        assert response.status_code == 303
    languages = dict(SurveyResponse.objects.values_list("suggestion", "language"))
    assert languages == {"Antrean lebih cepat": "id", "Faster queues": "en"}
    SurveyResponse.objects.update(suggestion_status=ModerationStatus.APPROVED)
    html = client.get(english.url + "results/").content.decode()
    assert re.search(r'<blockquote lang="id">Antrean lebih cepat', html)
    assert re.search(r'<blockquote lang="en">Faster queues', html)


def test_moderators_see_the_language_of_each_comment(
    client, consultation, english_consultation, passport, make_staff, unit_a
):
    post_comment(client, english_consultation, passport, "Too many copies")
    client.force_login(make_staff(unit_a, "moderator"))
    html = client.get(reverse("consultation_comments:index")).content.decode()
    assert "Too many copies" in html
    assert re.search(r"<td[^>]*>\s*English\s*</td>", html)
    # The component by its name, not its code.
    assert re.search(r"<td[^>]*>\s*Persyaratan\s*</td>", html)
    assert not re.search(r"<td[^>]*>\s*persyaratan\s*</td>", html)


def test_the_privacy_link_names_the_law_in_the_readers_language(
    client, consultation, english_consultation, home_page
):
    """The English page read "(UU No. 27 Tahun 2022)"."""
    from cms.core.models import SiteContact

    contact = SiteContact.load()
    contact.privacy_notice = home_page
    contact.save()
    english = client.get(english_consultation.url).content.decode()
    assert "How we process personal data (Law No. 27 of 2022)" in english
    indonesian = client.get(consultation.url).content.decode()
    assert "Cara kami memproses data pribadi (UU No. 27 Tahun 2022)" in indonesian


def language_note(html: str, language: str, text: str) -> str | None:
    """The note under the comment `text` written in `language`, if any."""
    found = re.search(
        rf'lang="{language}">{text}</blockquote>\s*<p class="hint">([^<]+)', html
    )
    return found and found.group(1)


def test_comments_are_headed_as_the_publics_and_say_a_foreign_language(
    client, consultation, english_consultation, passport
):
    """Readers took approved comments, set straight after a component's text,
    for part of the standard; an English reader met an Indonesian comment
    with nothing saying it was one."""
    post_comment(client, consultation, passport, "Terlalu banyak")
    post_comment(client, english_consultation, passport, "Too many copies")
    ComponentComment.objects.update(status=ModerationStatus.APPROVED)
    english = client.get(english_consultation.url).content.decode()
    assert "(2 comments)</span></summary>" in english
    assert "Comments from the public" in english
    assert language_note(english, "id", "Terlalu banyak") == "Written in Indonesian."
    assert not re.search(r"Too many copies</blockquote>\s*<p", english)
    indonesian = client.get(consultation.url).content.decode()
    assert "(2 komentar)</span></summary>" in indonesian
    assert "Komentar masyarakat" in indonesian
    assert language_note(indonesian, "en", "Too many copies") == "Bahasa asli: Inggris."
