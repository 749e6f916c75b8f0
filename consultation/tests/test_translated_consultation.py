"""Translated consultations: questions, choices, polls and commitments in both
languages, with answers of both languages counted together."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.core.translation import translate_page
from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
    PollPageFactory,
)
from consultation.models import (
    Commitment,
    ConsultationAnswer,
    ConsultationSubmission,
    PollChoice,
    Vote,
)

pytestmark = pytest.mark.django_db

ENGLISH = {
    "FKP Paspor": "Passport consultation",
    "Apakah persyaratannya jelas?": "Are the requirements clear?",
    "Pilih satu jawaban.": "Choose one answer.",
    "Ya": "Yes, clear",
    "Tidak": "No, unclear",
    "Ragu": "Not sure",
    "Hari layanan": "Service days",
    "Sabtu": "Saturday",
    "Minggu": "Sunday",
    "Saran Anda": "Your suggestion",
    "Kurangi fotokopi.": "Fewer photocopies.",
    "Hapus fotokopi.": "No photocopies any more.",
    "Fungsi Konsuler": "Consular section",
}


@pytest.fixture
def consultation(unit_b):
    page = ConsultationPageFactory(parent=unit_b, title="FKP Paspor", slug="fkp")
    ConsultationFormFieldFactory(
        page=page,
        label="Apakah persyaratannya jelas?",
        help_text="Pilih satu jawaban.",
        field_type="radio",
        choices="Ya\nTidak\nRagu",
    )
    ConsultationFormFieldFactory(
        page=page,
        label="Hari layanan",
        field_type="checkboxes",
        choices="Sabtu\nMinggu",
        required=False,
    )
    ConsultationFormFieldFactory(
        page=page, label="Saran Anda", field_type="multiline", required=False
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def english(consultation):
    translate_page(consultation.get_parent(), "en", {})
    return translate_page(consultation, "en", ENGLISH)


def answer(clear, days=(), **overrides):
    data = {
        "apakah_persyaratannya_jelas": clear,
        "hari_layanan": list(days),
        "saran_anda": "",
        "respondent_category": "pengguna",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_english_form_shows_english_labels_help_and_choices(client, english):
    html = client.get(english.url).content.decode()
    assert "Are the requirements clear?" in html
    assert "Choose one answer." in html
    assert "Yes, clear" in html and "Saturday" in html and "Your suggestion" in html
    assert "Apakah persyaratannya jelas?" not in html
    assert ">Ragu<" not in html


def test_indonesian_form_keeps_indonesian_labels(client, consultation, english):
    html = client.get(consultation.url).content.decode()
    assert "Apakah persyaratannya jelas?" in html and "Sabtu" in html
    assert "Are the requirements clear?" not in html


def test_english_and_indonesian_answers_to_one_choice_count_together(
    client, consultation, english
):
    response = client.post(english.url, answer("Ya", days=["Sabtu"]))
    assert response.status_code == 303
    client.cookies.clear()
    client.post(consultation.url, answer("Ya"), REMOTE_ADDR="10.2.2.2")
    assert ConsultationSubmission.objects.filter(page=consultation).count() == 2
    assert set(ConsultationAnswer.objects.values_list("field", "value").distinct()) == {
        ("apakah_persyaratannya_jelas", "Ya"),
        ("hari_layanan", "Sabtu"),
    }

    id_data = client.get(consultation.url + "results.json").json()
    en_data = client.get(english.url + "results.json").json()
    assert id_data["responses"] == en_data["responses"] == 2
    assert id_data["questions"][0] == {
        "label": "Apakah persyaratannya jelas?",
        "type": "radio",
        "counts": {"Ya": 2, "Tidak": 0, "Ragu": 0},
        "respondents": 2,
    }
    assert en_data["questions"][0] == {
        "label": "Are the requirements clear?",
        "type": "radio",
        "counts": {"Yes, clear": 2, "No, unclear": 0, "Not sure": 0},
        "respondents": 2,
    }
    assert en_data["questions"][1]["counts"] == {"Saturday": 1, "Sunday": 0}
    assert en_data["questions"][1]["respondents"] == 1


def test_english_form_refuses_a_choice_that_is_not_offered(client, english):
    response = client.post(english.url, answer("Maybe"))
    assert response.status_code == 400
    assert 'id="id_apakah_persyaratannya_jelas_error"' in response.content.decode()
    assert ConsultationSubmission.objects.count() == 0


def test_english_results_page_uses_english_texts(client, consultation, english):
    client.post(consultation.url, answer("Tidak"))
    html = client.get(english.url + "results/").content.decode()
    assert "Are the requirements clear?" in html and "No, unclear" in html


def test_export_uses_the_source_questions_for_the_english_page(
    client, consultation, english, superuser
):
    client.post(english.url, answer("Ragu", saran_anda="Lebih cepat"))
    client.force_login(superuser)
    response = client.get(reverse("consultation_fkp:export", args=[english.pk, "csv"]))
    text = b"".join(response.streaming_content).decode()
    assert "apakah_persyaratannya_jelas" in text and "Ragu" in text


def test_commitments_are_translated(client, consultation):
    consultation.commitments.add(
        Commitment(
            said="Kurangi fotokopi.",
            action="Hapus fotokopi.",
            owner="Fungsi Konsuler",
            due_date=datetime.date.today(),
        )
    )
    consultation.save_revision().publish()
    translate_page(consultation.get_parent(), "en", {})
    english = translate_page(consultation, "en", ENGLISH)
    html = client.get(english.url).content.decode()
    assert "Fewer photocopies." in html and "Consular section" in html


# Polls placed in the consultation page ---------------------------------------


@pytest.fixture
def placed_poll(consultation):
    poll = PollPageFactory(parent=consultation, title="Hari layanan tambahan?")
    poll.choices.add(PollChoice(text="Sabtu"))
    poll.choices.add(PollChoice(text="Minggu"))
    poll.save_revision().publish()
    consultation.content = [("poll", {"poll": poll})]
    consultation.save_revision().publish()
    return poll


def test_poll_block_shows_the_voting_form_inside_the_consultation(
    client, consultation, placed_poll
):
    html = client.get(consultation.url).content.decode()
    assert html.count('name="choice"') == 2
    assert f'action="/id/answers/{placed_poll.pk}/"' in html
    assert 'id="polls-heading"' not in html  # not listed a second time


def test_voting_in_the_block_returns_to_the_consultation_with_a_confirmation(
    client, consultation, placed_poll
):
    page = client.get(consultation.url).content.decode()
    assert f'value="{consultation.url}#poll-{placed_poll.pk}"' in page
    response = client.post(
        placed_poll.url,
        {"choice": "1", "website": "", "next": f"{consultation.url}#poll-1"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(consultation.url)
    html = client.get(consultation.url).content.decode()
    assert "Suara Anda dalam jajak pendapat ini telah dihitung" in html
    # What the site can promise of an anonymous poll: once per browser.
    assert "Setiap peramban dapat memberikan satu suara" in html
    assert 'name="choice"' not in html
    again = client.post(
        placed_poll.url, {"choice": "0", "website": "", "next": consultation.url}
    )
    assert again.status_code == 409
    assert list(Vote.objects.values_list("choice_index", flat=True)) == [1]


def test_placed_poll_keeps_its_own_page(client, placed_poll):
    response = client.get(placed_poll.url)
    assert response.status_code == 200
    assert 'name="choice"' in response.content.decode()


def close(poll):
    poll.opens_at = timezone.now() - datetime.timedelta(days=2)
    poll.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    poll.save_revision().publish()


def test_english_poll_block_shows_english_choices_and_counts_together(
    client, consultation, placed_poll
):
    translate_page(consultation.get_parent(), "en", {})
    translate_page(consultation, "en", ENGLISH)
    english_poll = translate_page(
        placed_poll,
        "en",
        {"Hari layanan tambahan?": "Extra service day?", "Sabtu": "Saturday"},
    )
    english = consultation.get_translation(english_poll.locale)
    html = client.get(english.url).content.decode()
    assert "Extra service day?" in html and "Saturday" in html
    assert f'action="/en/answers/{english_poll.pk}/"' in html
    client.post(english_poll.url, {"choice": "0", "website": "", "next": english.url})
    client.cookies.clear()
    client.post(placed_poll.url, {"choice": "0", "website": ""}, REMOTE_ADDR="10.3.3.3")
    for poll in (placed_poll, english_poll):
        close(poll)  # its results are public once it closes
    data = client.get(english.url + "results.json").json()
    assert data["polls"] == [
        {
            "question": "Extra service day?",
            "total": 2,
            "choices": [
                {"text": "Saturday", "votes": 2},
                {"text": "Minggu", "votes": 0},
            ],
        }
    ]


def test_a_placed_poll_from_elsewhere_counts_in_the_results(
    client, consultation, unit_b
):
    poll = PollPageFactory(parent=unit_b, title="Jam layanan?")
    poll.choices.add(PollChoice(text="Pagi"))
    poll.choices.add(PollChoice(text="Sore"))
    poll.save_revision().publish()
    consultation.content = [("poll", {"poll": poll})]
    consultation.save_revision().publish()
    client.post(poll.url, {"choice": "1", "website": ""})
    close(poll)  # its results are public once it closes
    data = client.get(consultation.url + "results.json").json()
    assert data["polls"][0]["question"] == "Jam layanan?"
    assert data["polls"][0]["total"] == 1


def test_closing_and_publishing_the_outcome_reaches_the_english_page_at_once(
    client, consultation, english
):
    client.post(english.url, answer("Ya"))
    consultation.opens_on = datetime.date.today() - datetime.timedelta(days=30)
    # Two days back: today's date here may be tomorrow in the unit's time zone.
    consultation.closes_on = datetime.date.today() - datetime.timedelta(days=2)
    consultation.save_revision().publish()
    refused = client.post(english.url, answer("Tidak"), REMOTE_ADDR="10.4.4.4")
    assert refused.status_code == 403
    assert client.get(english.url + "results.json").json()["state"] == "closed"

    consultation.outcome_published = True
    consultation.outcome_published_on = datetime.date.today()
    consultation.outcome_summary = "<p>Persyaratan dikurangi.</p>"
    consultation.save_revision().publish()
    data = client.get(english.url + "results.json").json()
    assert data["state"] == "outcome"
    assert data["responses"] == 1
    assert data["questions"][0]["counts"]["Yes, clear"] == 1
    html = client.get(english.url).content.decode()
    assert "Persyaratan dikurangi." in html  # the source's text until translated


def test_results_count_column_is_a_count_not_a_number_in_both_languages(
    client, consultation, english
):
    """Its heading once read "Nomor" (the msgid of a decree's number)."""
    client.post(consultation.url, answer("Tidak"))
    indonesian = client.get(consultation.url + "results/").content.decode()
    assert '<th scope="col">Nomor</th>' not in indonesian
    html = client.get(english.url + "results/").content.decode()
    assert '<th scope="col">Number of answers</th>' in html


def test_the_forms_list_names_a_translated_consultation_once(
    client, consultation, english, make_staff, unit_b
):
    """Each language's entry showed the same responses: an editor adding both
    counted every answer twice. The English screen leads to the one list."""
    client.post(english.url, answer("Ya"))
    client.force_login(make_staff(unit_b, "editor"))
    html = client.get(reverse("wagtailforms:index")).content.decode()
    source_url = reverse("wagtailforms:list_submissions", args=[consultation.pk])
    english_url = reverse("wagtailforms:list_submissions", args=[english.pk])
    assert f'href="{source_url}"' in html
    assert f'href="{english_url}"' not in html
    response = client.get(english_url, {"p": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{source_url}?p=1"
    assert client.get(source_url).status_code == 200


def test_the_forms_list_is_searched_by_title(
    client, consultation, english, make_staff, unit_b
):
    """A search of the forms list (`?q=`) was a 500 for every user: its
    search backend cannot filter on a locale's language."""
    client.force_login(make_staff(unit_b, "editor"))
    source_url = reverse("wagtailforms:list_submissions", args=[consultation.pk])
    english_url = reverse("wagtailforms:list_submissions", args=[english.pk])
    for url in (reverse("wagtailforms:index"), reverse("wagtailforms:index_results")):
        found = client.get(url, {"q": consultation.title.split()[0]})
        assert found.status_code == 200
        html = found.content.decode()
        assert f'href="{source_url}"' in html
        assert f'href="{english_url}"' not in html
        missed = client.get(url, {"q": "zzzyx"}).content.decode()
        assert f'href="{source_url}"' not in missed


def test_a_translations_export_is_its_sources(
    client, consultation, english, make_staff, unit_b
):
    """The English page's header buttons export the responses of every
    language, as the Indonesian page's do."""
    client.post(english.url, answer("Ya"))
    client.cookies.clear()
    client.post(consultation.url, answer("Tidak"), REMOTE_ADDR="10.2.2.3")
    client.force_login(make_staff(unit_b, "editor"))
    for page in (consultation, english):
        url = reverse("consultation_fkp:export", args=[page.pk, "csv"])
        response = client.get(url)
        assert response.status_code == 200
        rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
        assert len(rows) == 3, page.locale


def test_an_untranslated_consultation_reads_in_one_language_under_english_chrome(
    client, consultation, unit_b
):
    """Served under its English URL before it is translated, its form mixed
    English choices ("Service users") into Indonesian questions, and its
    privacy-notice link turned the footer Indonesian, with links to /id/."""
    translate_page(unit_b.get_parent(), "en", {})
    translate_page(unit_b, "en", {})
    url = consultation.url.replace("/id/", "/en/", 1)
    html = client.get(url).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    footer = html.split("<footer", 1)[1]
    assert "not available in English yet" in main
    assert "Pengguna layanan" in main and "Service users" not in main
    assert "Kirim jawaban saya" in main
    assert "Complaints and feedback" in footer
    assert "Ministry of Foreign Affairs" in footer
    assert 'href="/id/' not in footer


def test_the_english_consultation_in_the_api_names_the_english_standards(
    client, unit_a, passport, visa
):
    """The standards under review are synchronised (the Indonesian pages in
    every translation): the API lists their English translations, and an
    untranslated one as it is."""
    page = ConsultationPageFactory(parent=unit_a, title="FKP Paspor", slug="fkp-api")
    page.standards.set([passport, visa])
    page.save_revision().publish()
    translate_page(unit_a, "en", {})
    passport_en = translate_page(passport, "en", {passport.title: "New passport"})
    english = translate_page(page, "en", ENGLISH)
    data = client.get(f"/api/consultations/{english.pk}/").json()
    assert {(s["id"], s["title"]) for s in data["standards"]} == {
        (passport_en.pk, "New passport"),
        (visa.pk, visa.title),
    }
    indonesian = client.get(f"/api/consultations/{page.pk}/").json()
    assert {s["id"] for s in indonesian["standards"]} == {passport.pk, visa.pk}
