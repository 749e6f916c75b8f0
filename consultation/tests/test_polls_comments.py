"""Polls (one vote per respondent) and comments per component (moderated)."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
    PollPageFactory,
    published_poll,
)
from consultation.models import ComponentComment, PollChoice, Vote
from consultation.moderation import ModerationStatus

pytestmark = pytest.mark.django_db


def vote(client, poll, index, **extra):
    return client.post(poll.url, {"choice": str(index), "website": ""}, **extra)


def test_vote_is_counted_once_per_respondent(client, poll):
    assert vote(client, poll, 0).status_code == 302
    assert vote(client, poll, 1).status_code == 409
    assert list(Vote.objects.values_list("choice_index", flat=True)) == [0]


def test_other_respondents_can_vote(client, poll):
    vote(client, poll, 0)
    client.cookies.clear()
    vote(client, poll, 1)
    assert Vote.objects.count() == 2


@pytest.mark.parametrize("value", ["5", "-1", "abc", "", "٣", "9" * 5000])
def test_invalid_choice_is_refused(client, poll, value):
    response = client.post(poll.url, {"choice": value})
    assert response.status_code == 400
    assert Vote.objects.count() == 0


def test_a_vote_without_a_choice_is_told_so_next_to_the_answers(client, poll):
    """Sent without a choice (a browser that ignores `required`): the message
    stood at the top, and the answers were not marked."""
    response = client.post(poll.url, {"website": ""})
    html = response.content.decode()
    assert response.status_code == 400
    fieldset = html.split(
        '<fieldset class="form-field choice-field form-field--error"'
    )[1]
    fieldset = fieldset.split("</fieldset>")[0]
    assert f'aria-describedby="poll-{poll.pk}-error"' in fieldset
    assert f'id="poll-{poll.pk}-error">Pilih salah satu jawaban.</p>' in fieldset
    assert 'aria-invalid="true"' in fieldset
    assert f'href="#poll-{poll.pk}-0"' in html.split("</fieldset>")[0]


def test_poll_and_comment_forms_leave_their_messages_to_the_site(
    client, consultation, poll
):
    """Without `novalidate` the browser answered an empty vote or comment
    with its own bubble, in the browser's language, not the page's."""
    html = client.get(consultation.url).content.decode()
    posting = [tag for tag in re.findall(r"<form [^>]*>", html) if "post" in tag]
    assert len(posting) >= 3  # the response form, a comment form, the poll
    assert all("novalidate" in tag for tag in posting)


@override_settings(CONSULTATION_RATE_LIMITS={"poll": (1, 600)})
def test_a_vote_over_the_limit_keeps_the_choice(client, poll):
    assert vote(client, poll, 0).status_code == 302
    client.cookies.clear()
    response = vote(client, poll, 1)
    html = response.content.decode()
    assert response.status_code == 429
    assert re.search(rf'<input[^>]*id="poll-{poll.pk}-1"[^>]*checked', html)
    assert not re.search(rf'<input[^>]*id="poll-{poll.pk}-0"[^>]*checked', html)
    assert Vote.objects.count() == 1


def test_closed_poll_refuses_votes(client, poll):
    close(poll)
    assert vote(client, poll, 0).status_code == 403


def test_results_hidden_until_vote_then_shown(client, poll):
    assert "Results (" not in client.get(poll.url).content.decode()
    assert "Hasil (" not in client.get(poll.url).content.decode()
    vote(client, poll, 1)
    html = client.get(poll.url).content.decode()
    assert "100,0" in html or "100.0" in html


def test_results_after_close_only_when_editors_choose(client, poll):
    poll.results_visibility = "after_close"
    poll.save_revision().publish()
    vote(client, poll, 1)
    html = client.get(poll.url).content.decode()
    assert "100,0" not in html and "100.0" not in html


def test_poll_is_shown_on_its_consultation(client, consultation, poll):
    html = client.get(consultation.url).content.decode()
    assert poll.title in html and 'name="choice"' in html


def close(poll):
    poll.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    poll.opens_at = timezone.now() - datetime.timedelta(days=2)
    poll.save_revision().publish()


@pytest.mark.parametrize("path", ["results.json", "results/"])
def test_shared_results_keep_an_open_polls_counts_for_its_voters(
    client, consultation, poll, path
):
    """Results after voting: a page or JSON that every reader shares (and a
    cache keeps) shows none of an open poll's counts, even to a voter."""
    vote(client, poll, 1)
    body = client.get(consultation.url + path).content.decode()
    assert "Minggu" not in body


def test_poll_counts_in_results_json(client, consultation, poll):
    vote(client, poll, 1)
    close(poll)
    data = client.get(consultation.url + "results.json").json()
    assert data["polls"] == [
        {
            "question": poll.title,
            "total": 1,
            "choices": [{"text": "Sabtu", "votes": 0}, {"text": "Minggu", "votes": 1}],
        }
    ]


def comment(
    client, consultation, standard, component="persyaratan", text="Terlalu banyak"
):
    return client.post(
        consultation.url + "comment/",
        {"standard": standard.pk, "component": component, "text": text, "website": ""},
    )


def test_consultation_shows_the_14_components_with_comment_forms(client, consultation):
    html = client.get(consultation.url).content.decode()
    assert html.count('name="component"') == 14


def test_comment_waits_for_moderation(client, consultation, passport):
    assert comment(client, consultation, passport).status_code == 303
    saved = ComponentComment.objects.get()
    assert saved.status == ModerationStatus.PENDING
    assert "Terlalu banyak" not in client.get(consultation.url).content.decode()
    assert client.get(consultation.url + "results.json").json()["comments"] == {}


def test_moderator_approves_a_comment(
    client, consultation, passport, make_staff, unit_a
):
    comment(client, consultation, passport)
    saved = ComponentComment.objects.get()
    client.force_login(make_staff(unit_a, "moderator"))
    url = reverse("consultation_fkp:comments", args=[consultation.pk])
    client.post(url, {"comment": saved.pk, "decision": "approve"})
    saved.refresh_from_db()
    assert saved.status == ModerationStatus.APPROVED
    assert "Terlalu banyak" in client.get(consultation.url).content.decode()
    data = client.get(consultation.url + "results.json").json()
    assert data["comments"] == {"persyaratan": 1}
    assert data["comments_labels"] == {"persyaratan": "Persyaratan"}


def test_hiding_a_comment_records_the_reason(
    client, consultation, passport, make_staff, unit_a
):
    comment(client, consultation, passport)
    saved = ComponentComment.objects.get()
    client.force_login(make_staff(unit_a, "moderator"))
    url = reverse("consultation_fkp:comments", args=[consultation.pk])
    assert (
        client.post(url, {"comment": saved.pk, "decision": "hide"}).status_code == 400
    )
    client.post(url, {"comment": saved.pk, "decision": "hide", "reason": "iklan"})
    saved.refresh_from_db()
    assert saved.status == ModerationStatus.HIDDEN
    assert saved.moderation_reason == "iklan"


def test_editor_cannot_moderate_comments(client, consultation, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "editor"))
    url = reverse("consultation_fkp:comments", args=[consultation.pk])
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    ("component", "text"),
    [("bogus", "x"), ("persyaratan", ""), ("persyaratan", "x" * 2001)],
)
def test_bad_comments_are_refused(client, consultation, passport, component, text):
    response = comment(client, consultation, passport, component, text)
    assert response.status_code == 400
    assert ComponentComment.objects.count() == 0


def test_comment_on_a_standard_not_under_review_is_refused(client, consultation, visa):
    assert comment(client, consultation, visa).status_code == 400
    assert ComponentComment.objects.count() == 0


def test_comments_refused_when_closed(client, consultation, passport):
    # Two days back: today's date here may be tomorrow in the unit's time zone.
    consultation.closes_on = datetime.date.today() - datetime.timedelta(days=2)
    consultation.opens_on = datetime.date.today() - datetime.timedelta(days=10)
    consultation.save_revision().publish()
    assert comment(client, consultation, passport).status_code == 403
    # The page shows the standard it consulted on, no longer inviting comments.
    html = client.get(consultation.url).content.decode()
    assert "Standar yang dikonsultasikan: Paspor" in html
    assert "Beri komentar pada standar" not in html


def test_results_page_charts_the_poll(client, consultation, poll):
    vote(client, poll, 0)
    close(poll)
    html = client.get(consultation.url + "results/").content.decode()
    assert 'id="poll0-title"' in html


def test_a_refused_comment_keeps_its_text_to_send_again(client, consultation, passport):
    long_text = "Syarat fotokopi tidak perlu. " + "x" * 2000
    response = comment(client, consultation, passport, "persyaratan", long_text)
    html = response.content.decode()
    assert response.status_code == 400
    assert long_text in html
    assert 'name="component" value="persyaratan"' in html
    assert "Persyaratan" in html
    assert 'action="' + consultation.url + 'comment/"' in html
    # The error is said next to the text too, and the title says there is one.
    assert re.search(
        r'<ul class="errorlist" id="comment-text-error"><li>[^<]+</li>', html
    )
    assert 'aria-describedby="comment-text-error comment-text-hint"' in html
    assert re.search(r"<title>Kesalahan: ", html)


def test_a_comment_on_an_unknown_component_says_where_to_go(
    client, consultation, passport
):
    response = comment(client, consultation, passport, "bogus", "Teks")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'name="text"' not in html
    assert consultation.url in html


def test_a_saved_comment_says_what_happens_if_it_is_not_published(
    client, consultation, passport
):
    response = comment(client, consultation, passport)
    html = client.get(response["Location"]).content.decode()
    assert 'class="next-steps"' in html


def test_the_english_consultation_shows_the_english_standard(
    client, unit_a, consultation, passport
):
    """Comments stay on the source standard; the English reader reads the
    standard under review in English (its title and current text)."""
    from cms.core.translation import translate_page

    passport.save_revision().publish()
    translate_page(unit_a, "en", {})
    translated = translate_page(
        passport,
        "en",
        {"Paspor": "Passport", "Paspor RI yang berlaku": "A valid passport"},
    )
    english = translate_page(consultation, "en", {})
    html = client.get(english.url).content.decode()
    assert "Comment on the standard: Passport" in html
    assert "Comment on the standard: Paspor" not in html
    assert f'name="standard" value="{passport.pk}"' in html
    assert translated.pk != passport.pk


def add_polls(consultation, count):
    """`count` polls placed in the consultation's sections and `count` not."""
    placed = []
    for n in range(2 * count):
        page = PollPageFactory(parent=consultation, title=f"Jajak {n}")
        page.choices.add(PollChoice(text="Sabtu"))
        page.choices.add(PollChoice(text="Minggu"))
        page.save_revision().publish()
        if n < count:
            placed.append(page)
    consultation.refresh_from_db()
    consultation.content = [("poll", {"poll": poll}) for poll in placed]
    consultation.save_revision().publish()
    return placed


def consultation_queries(client, consultation):
    client.get(consultation.url)  # the process is warm
    with CaptureQueriesContext(connection) as queries:
        html = client.get(consultation.url).content.decode()
    return len(queries), html


@override_settings(FRAGMENT_CACHE=False, PAGE_CACHE_SECONDS=0)
def test_a_consultation_counts_all_its_polls_in_the_same_queries(
    client, consultation, unit_a, passport
):
    placed = add_polls(consultation, 1)
    vote(client, placed[0], 1)
    one, _html = consultation_queries(client, consultation)
    other = ConsultationPageFactory(parent=unit_a, title="FKP Visa", slug="fkp-visa")
    ConsultationFormFieldFactory(page=other, label="Pendapat", field_type="multiline")
    other.standards.set([passport])
    other.save_revision().publish()
    placed = add_polls(other, 3)
    vote(client, placed[1], 1)
    three, html = consultation_queries(client, other)
    assert three == one
    # Each poll shows what this respondent did in it: the one voted in shows its
    # results, the others their form.
    assert html.count('name="choice"') == 5 * 2
    assert "100,0" in html or "100.0" in html


def test_an_open_consultation_says_when_it_ends_beside_its_open_badge(
    client, consultation
):
    """ "Dibuka" (open) followed by "Ditutup 26 Desember" (closed) read as
    "Open Closed": the Indonesian line says when the consultation ends."""
    html = client.get(consultation.url).content.decode()
    assert "Berakhir pada " in html and "hari lagi" in html
    assert "Ditutup " not in html


def test_each_comment_box_is_named_by_its_component(client, consultation):
    """A screen reader heard fourteen boxes called "Your comment on this
    component", and fourteen headings "Current text", none naming which."""
    html = client.get(consultation.url).content.decode()
    assert "Komentar Anda tentang komponen ini: Persyaratan</label>" in html
    assert "Teks saat ini: Persyaratan</h3>" in html


@override_settings(FRAGMENT_CACHE=False, PAGE_CACHE_SECONDS=0)
def test_approved_comments_sit_under_their_own_standard_and_component(
    client, consultation, passport, visa
):
    """Each approved comment is shown once, under the component of the standard
    it was written on; the page reads what readers see of them, not who sent
    them (the respondent's key stays in the database)."""
    consultation.standards.set([passport, visa])
    consultation.save_revision().publish()
    for standard, component, text in (
        (passport, "persyaratan", "syarat paspor terlalu banyak"),
        (passport, "biaya", "biaya paspor jelas"),
        (visa, "persyaratan", "syarat visa ringkas"),
    ):
        ComponentComment.objects.create(
            consultation_id=consultation.pk,
            standard_id=standard.pk,
            component=component,
            text=text,
            respondent_key="r-" + text[:6],
            status=ModerationStatus.APPROVED,
        )
    with CaptureQueriesContext(connection) as queries:
        html = client.get(consultation.url).content.decode()
    sections = {
        standard.pk: html.split(f'id="review-{standard.pk}"')[1].split("</section>")[0]
        for standard in (passport, visa)
    }
    for standard, text, component in (
        (passport, "syarat paspor terlalu banyak", "persyaratan"),
        (passport, "biaya paspor jelas", "biaya"),
        (visa, "syarat visa ringkas", "persyaratan"),
    ):
        assert html.count(text) == 1
        section = sections[standard.pk]
        assert text in section
        box = section.split(text)[1].split('name="component" value="')[1]
        assert box.startswith(f'{component}"')
    comment_reads = [
        q["sql"] for q in queries if "consultation_componentcomment" in q["sql"]
    ]
    assert comment_reads and not any("respondent_key" in sql for sql in comment_reads)


def test_the_procedure_under_consultation_is_laid_out_as_on_the_standard(
    client, consultation
):
    """The steps ran together ("Pemohon Pemohon mengisi formulir 15 menit"):
    the consultation page now uses the standard page's numbered flow, whose
    styles every page loads."""
    html = client.get(consultation.url).content.decode()
    procedure = html.split('<ol class="flow">')[1].split("</ol>")[0]
    assert procedure.count('<li class="flow__step flow__step--') >= 1
    assert '<span class="flow__actor">' in procedure
    site_css = Path(finders.find("css/site.css")).read_text()
    assert ".flow__step::before" in site_css and ".flow__actor" in site_css


def test_a_polls_answer_page_dates_its_figures_in_the_units_time_zone(
    client, poll, unit_a
):
    """A second vote from another tab landed on /id/answers/<poll>/ with the
    figures dated in Jakarta's time, where the poll's page gave Toronto's."""
    unit_a.time_zone = "America/Toronto"
    unit_a.save()
    vote(client, poll, 0)
    response = vote(client, poll, 1)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Angka per" in html
    assert "(Waktu Indonesia Barat)" not in html
    assert "(Waktu Timur, Kanada)" in html


def test_a_poll_closes_with_its_consultation(client, poll, consultation):
    """A consultation closed before its poll's own date left the poll taking
    votes under a page saying "closed"."""
    # Two days back: today's date here may be tomorrow in the unit's time zone.
    consultation.closes_on = datetime.date.today() - datetime.timedelta(days=2)
    consultation.save_revision().publish()
    assert vote(client, poll, 0).status_code == 403
    assert Vote.objects.count() == 0
    html = client.get(consultation.url).content.decode()
    assert 'name="choice"' not in html


def test_the_comment_address_opened_leads_to_the_consultation(
    client, consultation, passport
):
    """The language switcher of a comment sent back with an error links to
    the comment's address in the other language: it was a bare 405."""
    assert comment(client, consultation, passport, text=" ").status_code == 400
    reopened = client.get(consultation.url + "comment/")
    assert reopened.status_code == 302
    assert reopened["Location"] == consultation.url


def test_a_comment_box_states_its_limit_and_a_longer_comment_comes_back_whole(
    client, consultation, passport
):
    """The boxes had `maxlength="2000"`: a browser cut a longer paste without
    a word, and the cut comment was saved."""
    html = client.get(consultation.url).content.decode()
    boxes = re.findall(r"<textarea[^>]*name=\"text\"[^>]*>", html)
    assert boxes and not any("maxlength" in box for box in boxes)
    assert html.count("Paling banyak 2.000 karakter.") == len(boxes)
    long_text = "Syarat terlalu banyak untuk pemohon. " * 80
    response = comment(client, consultation, passport, text=long_text)
    page = response.content.decode()
    assert response.status_code == 400
    assert "2.000" in page and long_text.strip() in page
    # How long it is, so the writer knows how much to cut.
    assert f"Teks Anda {len(long_text.strip()):,} karakter.".replace(",", ".") in page
    assert "maxlength" not in re.search(r"<textarea[^>]*>", page).group(0)
    assert not ComponentComment.objects.exists()


ROUNDING_NOTE = "Persentase dibulatkan"


def test_percentages_that_do_not_add_up_to_100_say_they_are_rounded(
    client, consultation
):
    """Three equal shares show 33,3 each, 99,9 in all: the table says the
    figures are rounded; halves and quarters add up and say nothing."""
    poll = published_poll(consultation, "Sabtu", "Minggu", "Senin")

    def votes(*choices):
        for choice in choices:
            client.cookies.clear()
            address = f"192.0.2.{Vote.objects.count() + 1}"
            assert vote(client, poll, choice, REMOTE_ADDR=address).status_code == 302

    votes(0, 1, 2, 0)
    html = client.get(poll.url).content.decode()
    assert "25,0" in html and ROUNDING_NOTE not in html
    votes(1, 2)
    html = client.get(poll.url).content.decode()
    assert "33,3" in html and ROUNDING_NOTE in html
    close(poll)
    results = client.get(consultation.url + "results/").content.decode()
    assert ROUNDING_NOTE in results
