"""Public consultations: lifecycle, both identity levels, bad input, results."""

import datetime
import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from consultation.forums.choices import ConsultationState
from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.models import (
    ConsultationAnswer,
    ConsultationSubmission,
)
from consultation.respondents import COOKIE_NAME

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def consultation(unit_b, passport):
    page = ConsultationPageFactory(parent=unit_b, title="FKP Paspor", slug="fkp")
    ConsultationFormFieldFactory(
        page=page, label="Pendapat Anda", field_type="multiline"
    )
    ConsultationFormFieldFactory(
        page=page, label="Setuju", field_type="radio", choices="Ya\nTidak\nRagu"
    )
    ConsultationFormFieldFactory(page=page, label="Nilai", field_type="rating")
    return page


@pytest.fixture
def email_consultation(consultation):
    consultation.identity_level = "email"
    consultation.save()
    return consultation


def answer(**overrides):
    data = {
        "pendapat_anda": "Persyaratan terlalu banyak.",
        "setuju": "Ya",
        "nilai": "4",
        "respondent_category": "pengguna",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_state_upcoming(unit_b):
    page = ConsultationPageFactory(
        parent=unit_b,
        opens_on=TODAY + datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=30),
    )
    assert page.state() == ConsultationState.UPCOMING


def test_state_open(consultation):
    assert consultation.state() == ConsultationState.OPEN


def test_state_closed_with_outcome_due_in_twelve_weeks(unit_b):
    page = ConsultationPageFactory(
        parent=unit_b,
        opens_on=TODAY - datetime.timedelta(days=30),
        closes_on=TODAY - datetime.timedelta(days=2),
    )
    assert page.state() == ConsultationState.CLOSED
    assert page.outcome_due_on == page.closes_at.date() + datetime.timedelta(weeks=12)
    assert not page.outcome_overdue


def test_closed_consultation_past_its_due_date_is_overdue(client, unit_b):
    page = ConsultationPageFactory(
        parent=unit_b,
        opens_on=TODAY - datetime.timedelta(days=200),
        closes_on=TODAY - datetime.timedelta(days=100),
    )
    assert page.outcome_overdue
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert 'class="badge badge--warn"' in html  # as in the consultations index


def test_state_outcome_published(consultation):
    consultation.outcome_published = True
    assert consultation.state() == ConsultationState.OUTCOME


def test_dates_are_in_the_units_time_zone(consultation):
    # unit_b is KBRI Singapura (UTC+8): midnight there is 16:00 UTC the day before
    assert consultation.opens_at.utcoffset() == datetime.timedelta(hours=8)
    assert consultation.opens_at.astimezone(datetime.UTC).hour == 16


def test_open_page_shows_questions_category_and_consent(client, consultation):
    html = client.get(consultation.url).content.decode()
    for name in ("pendapat_anda", "setuju", "nilai", "respondent_category", "consent"):
        assert f'name="{name}"' in html


def test_open_level_answer_is_saved_once_per_browser(client, consultation):
    response = client.post(consultation.url, answer())
    assert response.status_code == 303
    assert COOKIE_NAME in response.cookies
    submission = ConsultationSubmission.objects.get()
    assert submission.confirmed and submission.respondent_category == "pengguna"
    assert set(ConsultationAnswer.objects.values_list("field", "value")) == {
        ("setuju", "Ya"),
        ("nilai", "4"),
    }
    second = client.post(consultation.url, answer())
    assert second.status_code == 409
    assert ConsultationSubmission.objects.count() == 1
    # A double tap ends here: the page says the first sending counted.
    html = second.content.decode()
    assert "Jawaban Anda sudah dihitung" in html
    assert "jawaban Anda sudah sampai pada kali pertama" in html
    assert 'role="alert"' not in html


def test_page_tells_a_returning_respondent_they_answered(client, consultation):
    client.post(consultation.url, answer())
    html = client.get(consultation.url).content.decode()
    assert 'name="pendapat_anda"' not in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pendapat_anda", ""),
        ("pendapat_anda", "x" * 5001),
        ("setuju", "Mungkin"),
        ("nilai", "9"),
        ("respondent_category", "penyelenggara"),
        ("respondent_category", ""),
        ("consent", ""),
    ],
)
def test_bad_answers_are_refused_next_to_the_field(client, consultation, field, value):
    data = answer(**{field: value})
    if not value:
        del data[field]
    response = client.post(consultation.url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error' in html
    assert re.search(f'aria-describedby="[^"]*id_{field}_error', html), field
    assert ConsultationSubmission.objects.count() == 0


def test_closed_consultation_refuses_answers(client, unit_b):
    page = ConsultationPageFactory(
        parent=unit_b,
        opens_on=TODAY - datetime.timedelta(days=30),
        closes_on=TODAY - datetime.timedelta(days=2),
    )
    response = client.post(page.url, answer())
    assert response.status_code == 403
    assert ConsultationSubmission.objects.count() == 0


def test_upcoming_consultation_refuses_answers(client, unit_b):
    page = ConsultationPageFactory(
        parent=unit_b,
        opens_on=TODAY + datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=30),
    )
    response = client.post(page.url, answer())
    assert response.status_code == 403
    assert ConsultationSubmission.objects.count() == 0


def test_honeypot_answer_is_not_saved(client, consultation):
    client.post(consultation.url, answer(website="http://spam"))
    assert ConsultationSubmission.objects.count() == 0


@override_settings(CONSULTATION_RATE_LIMITS={"consultation": (1, 600)})
def test_consultation_rate_limit_answers_429(client, consultation):
    client.post(consultation.url, answer())
    client.cookies.clear()  # another respondent on the same connection
    response = client.post(consultation.url, answer(nilai="2"))
    assert response.status_code == 429
    assert "Retry-After" in response


def test_email_level_counts_only_after_confirmation(client, email_consultation):
    page = email_consultation
    response = client.post(
        page.url, answer(email="warga@example.org", name="Warga"), follow=True
    )
    assert response.redirect_chain[0][1] == 303
    assert "kami telah mengirim" in response.content.decode().lower()
    submission = ConsultationSubmission.objects.get()
    assert not submission.confirmed
    assert submission.name == "Warga"
    assert submission.email == ""  # forgotten once the link was sent
    assert mail.outbox[0].to == ["warga@example.org"]
    assert "warga@example.org" not in submission.respondent_key
    assert client.get(page.url + "results.json").json()["responses"] == 0
    link = re.search(r"https?://\S+", mail.outbox[0].body)[0]
    confirm = client.get(link.replace("http://testserver", ""))
    assert confirm.status_code == 200
    submission.refresh_from_db()
    assert submission.confirmed and submission.email == ""
    assert client.get(page.url + "results.json").json()["responses"] == 1


def test_email_level_refuses_a_second_counted_response(client, email_consultation):
    page = email_consultation
    client.post(page.url, answer(email="warga@example.org"))
    link = re.search(r"https?://\S+", mail.outbox[0].body)[0]
    client.get(link.replace("http://testserver", ""))
    response = client.post(page.url, answer(email="WARGA@example.org "))
    assert response.status_code == 409
    assert ConsultationSubmission.objects.count() == 1


def test_second_confirmation_of_the_same_address_does_not_count(
    client, email_consultation
):
    page = email_consultation
    client.post(page.url, answer(email="a@example.org"))
    client.cookies.clear()
    client.post(page.url, answer(email="a@example.org"))
    links = [re.search(r"https?://\S+", m.body)[0] for m in mail.outbox]
    client.get(links[0].replace("http://testserver", ""))
    second = client.get(links[1].replace("http://testserver", ""))
    assert "already counted" in second.content.decode() or "sudah" in (
        second.content.decode()
    )
    assert ConsultationSubmission.objects.filter(confirmed=True).count() == 1
    assert not ConsultationSubmission.objects.exclude(email="").exists()


def test_database_allows_one_counted_response_per_address(email_consultation):
    ConsultationSubmission.objects.create(
        page=email_consultation, form_data={}, respondent_key="e:x", confirmed=True
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationSubmission.objects.create(
            page=email_consultation, form_data={}, respondent_key="e:x", confirmed=True
        )


def test_bad_confirmation_token_is_a_400(client, email_consultation):
    page = email_consultation
    response = client.get(page.url + "confirm/?token=forged:token")
    assert response.status_code == 400


def test_email_is_required_at_email_level(client, email_consultation):
    response = client.post(email_consultation.url, answer(email="not-an-address"))
    assert response.status_code == 400
    assert 'id="id_email_error"' in response.content.decode()


def test_results_json_shape_and_counts(client, consultation, make_staff):
    client.post(consultation.url, answer(setuju="Ya", nilai="5"))
    client.cookies.clear()
    client.post(
        consultation.url, answer(setuju="Tidak", nilai="5"), REMOTE_ADDR="10.1.1.1"
    )
    ConsultationSubmission.objects.create(
        page=consultation, form_data={}, respondent_key="e:y", confirmed=False
    )
    data = client.get(consultation.url + "results.json").json()
    assert set(data) == {
        "state",
        "responses",
        "questions",
        "polls",
        "comments",
        "comments_labels",
    }
    assert data["state"] == "open"
    assert data["responses"] == 2
    questions = {q["label"]: q for q in data["questions"]}
    assert questions["Setuju"] == {
        "label": "Setuju",
        "type": "radio",
        "counts": {"Ya": 1, "Tidak": 1, "Ragu": 0},
        "respondents": 2,
    }
    assert questions["Nilai"]["counts"]["5"] == 2


def test_a_question_with_several_answers_gives_shares_of_respondents(
    client, consultation
):
    """Of two people, both ticking the counter and one also e-mail: the counter
    is 100 % and e-mail 50 % of respondents, not 67 % and 33 % of answers."""
    ConsultationFormFieldFactory(
        page=consultation,
        label="Kanal",
        field_type="checkboxes",
        choices="Loket\nSurel\nTelepon",
    )
    client.post(consultation.url, answer(kanal=["Loket", "Surel"]))
    client.cookies.clear()
    client.post(consultation.url, answer(kanal=["Loket"]), REMOTE_ADDR="10.1.1.2")
    data = client.get(consultation.url + "results.json").json()
    kanal = next(q for q in data["questions"] if q["label"] == "Kanal")
    assert kanal["counts"] == {"Loket": 2, "Surel": 1, "Telepon": 0}
    assert kanal["respondents"] == 2
    api = client.get(f"/api/consultations/{consultation.pk}/results/").json()
    assert (
        next(q for q in api["questions"] if q["label"] == "Kanal")["respondents"] == 2
    )
    html = client.get(consultation.url + "results/").content.decode()
    table = html.split("Kanal</h2>")[1].split("</table>")[0]
    assert "2 responden; setiap responden dapat memilih lebih dari satu" in table
    assert "% dari responden" in table
    rows = re.findall(
        r'<th scope="row">(\w+)</th><td>(\d+)</td><td>([\d,]+)</td>', table
    )
    assert rows == [
        ("Loket", "2", "100,0"),
        ("Surel", "1", "50,0"),
        ("Telepon", "0", "0,0"),
    ]
    radio = html.split("Setuju</h2>")[1].split("</table>")[0]
    assert "Jawaban (2)" in radio


def test_results_page_has_chart_and_table(client, consultation):
    client.post(consultation.url, answer())
    response = client.get(consultation.url + "results/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html and "<table" in html
    # The rating's bars say which way the scale runs, as its form does.
    assert "1 (terendah)" in html and "5 (tertinggi)" in html
    json_counts = client.get(consultation.url + "results.json").json()
    rating = next(q for q in json_counts["questions"] if q["type"] == "rating")
    assert set(rating["counts"]) == {"1", "2", "3", "4", "5"}


def test_outcome_and_commitments_are_shown(client, consultation):
    from consultation.models import Commitment

    consultation.outcome_published = True
    consultation.outcome_published_on = TODAY
    consultation.outcome_summary = (
        "<p>Persyaratan dikurangi dari tujuh menjadi lima.</p>"
    )
    consultation.commitments.add(
        Commitment(
            said="Kurangi persyaratan",
            action="Menghapus fotokopi KTP",
            owner="Fungsi Konsuler",
            due_date=TODAY,
            state="done",
        )
    )
    consultation.save_revision().publish()
    html = client.get(consultation.url).content.decode()
    assert "Persyaratan dikurangi" in html
    assert "Menghapus fotokopi KTP" in html
    assert 'name="pendapat_anda"' not in html


def test_declined_commitment_needs_a_reason():
    from django.core.exceptions import ValidationError

    from consultation.models import Commitment

    commitment = Commitment(
        said="x", action="y", owner="z", due_date=TODAY, state="declined"
    )
    with pytest.raises(ValidationError):
        commitment.clean()


def test_closing_must_follow_opening(unit_b):
    from django.core.exceptions import ValidationError

    page = ConsultationPageFactory.build(
        opens_on=TODAY,
        closes_on=TODAY,
        opens_time=datetime.time(10),
        closes_time=datetime.time(9),
    )
    with pytest.raises(ValidationError):
        page.clean()


def test_consultation_now_is_timezone_aware(consultation):
    assert consultation.state(timezone.now()) == "open"


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=9,
)
def test_failed_confirmation_mail_keeps_the_response(client, email_consultation):
    response = client.post(
        email_consultation.url, answer(email="warga@example.org"), follow=True
    )
    assert response.redirect_chain[0][1] == 303
    assert 'role="alert"' in response.content.decode()
    submission = ConsultationSubmission.objects.get()
    assert submission.email == "warga@example.org"
    assert not submission.confirmed


@pytest.mark.parametrize("field_type", ["email", "hidden"])
def test_a_question_cannot_collect_e_mail_addresses_or_hide_itself(
    consultation, field_type
):
    """An e-mail question's answers would be kept and exported to every
    editor; the identity level asks for the address and forgets it."""
    from django.core.exceptions import ValidationError

    from consultation.forums.models import ConsultationFormField

    question = ConsultationFormField(
        page=consultation, label="Kontak", field_type=field_type
    )
    with pytest.raises(ValidationError) as refused:
        question.full_clean(exclude=["page", "locale", "translation_key"])
    assert "field_type" in refused.value.message_dict


def test_question_cannot_take_a_reserved_name():
    from django.core.exceptions import ValidationError

    from consultation.models import ConsultationFormField

    with pytest.raises(ValidationError):
        ConsultationFormField(label="Email", field_type="singleline").clean()


def test_rating_names_both_ends_of_the_scale(client, consultation):
    import re

    html = client.get(consultation.url).content.decode()
    labels = dict(
        re.findall(
            r'name="nilai" value="(\d)" id="(?:[^"]+)"[^>]*><label[^>]*>([^<]+)<', html
        )
    )
    assert labels["2"] == "2" and labels["4"] == "4"
    assert labels["1"] not in ("", "1") and labels["1"].startswith("1")
    assert labels["5"] not in ("", "5") and labels["5"].startswith("5")


def test_the_consent_box_says_it_is_required_like_the_other_fields(
    client, consultation
):
    """Readers learnt it was required only from the error after sending."""
    html = client.get(consultation.url).content.decode()
    label = html[html.index('<label for="id_consent"') :]
    assert label[: label.index("</label>")].endswith(
        '<span class="required">(wajib)</span>'
    )


def test_a_response_to_a_closed_consultation_is_refused_with_the_units_time_zone(
    client, unit_b
):
    """Readers abroad were left guessing whose 23:59 "closed on 22 November
    2026 23:59" was."""
    page = ConsultationPageFactory(
        parent=unit_b,
        opens_on=TODAY - datetime.timedelta(days=30),
        closes_on=TODAY - datetime.timedelta(days=2),
    )
    page.save_revision().publish()
    response = client.post(f"/id/answers/{page.pk}/", {"website": ""})
    assert response.status_code == 403
    assert "(Waktu Standar Singapura) dan tidak lagi menerima" in (
        response.content.decode()
    )


def test_results_of_an_upcoming_consultation_say_when_it_opens(client, unit_b):
    """They showed empty tables at 0.0 %."""
    page = ConsultationPageFactory(
        parent=unit_b,
        opens_on=TODAY + datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=30),
    )
    page.save_revision().publish()
    html = client.get(page.url + "results/").content.decode()
    assert "Konsultasi dibuka pada" in html
    assert "Waktu Standar Singapura" in html
    assert "<table" not in html
