"""The counter kiosk: one question per screen, without JavaScript."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.utils import timezone

from cms.core.translation import translate_page
from consultation.models import SurveyResponse, UsedKioskState
from consultation.surveys import kiosk

pytestmark = pytest.mark.django_db


def kiosk_url(survey):
    return survey.url + survey.reverse_subpage("kiosk")


def state_of(response):
    return re.search(r'name="state" value="([^"]*)"', response.content.decode())[1]


def answer(client, survey, state, value, **extra):
    data = {"state": state, "answer": str(value), "website": "", **extra}
    return client.post(kiosk_url(survey), data)


def test_first_screen_asks_for_the_service_with_large_buttons(client, survey):
    response = client.get(kiosk_url(survey))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="kiosk__answer kiosk__answer--') == 2
    assert 'name="age_band"' not in html and 'name="suggestion"' not in html


def test_full_kiosk_flow_saves_one_answer_and_resets(client, survey, passport, enrol):
    enrol(client)
    response = client.get(kiosk_url(survey))
    response = answer(client, survey, state_of(response), passport.pk)
    for value in [4, 4, 3, 3, 2, 2, 1, 4]:
        assert "kiosk__answer--4" in response.content.decode()
        response = answer(client, survey, state_of(response), value)
    assert SurveyResponse.objects.count() == 0
    response = answer(client, survey, state_of(response), 3)
    assert response.status_code == 303
    response = client.get(response["Location"])
    html = response.content.decode()
    saved = SurveyResponse.objects.get()
    assert saved.channel == "kiosk"
    assert saved.service_id == passport.pk
    assert [getattr(saved, f"u{i}") for i in range(1, 10)] == [
        4,
        4,
        3,
        3,
        2,
        2,
        1,
        4,
        3,
    ]
    # Back to the first question by a script the respondent can delay, not by
    # a meta refresh (a time limit that cannot be adjusted).
    assert 'http-equiv="refresh"' not in html
    assert "consultation/kiosk_reset" in html
    assert f'data-reset-url="{kiosk_url(survey)}"' in html


def complete_kiosk(client, survey, passport):
    """Answer every screen; the response to the last one."""
    response = answer(
        client, survey, state_of(client.get(kiosk_url(survey))), passport.pk
    )
    for value in [4, 4, 3, 3, 2, 2, 1, 4, 3]:
        response = answer(client, survey, state_of(response), value)
    return response


def test_refreshing_the_thank_you_screen_stores_nothing_more(client, survey, passport):
    last = complete_kiosk(client, survey, passport)
    assert last.status_code == 303
    thanks = last["Location"]
    assert thanks.startswith(kiosk_url(survey) + "thanks/?r=")
    for _ in range(3):
        response = client.get(thanks)
        assert response.status_code == 200
        assert "kiosk__next" in response.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_a_forged_kiosk_receipt_goes_back_to_the_first_question(client, survey):
    response = client.get(kiosk_url(survey) + "thanks/?r=forged")
    assert response.status_code == 302
    assert response["Location"] == kiosk_url(survey)


def test_each_screen_shows_one_question(client, survey, passport):
    response = answer(
        client, survey, state_of(client.get(kiosk_url(survey))), passport.pk
    )
    html = response.content.decode()
    assert "kesesuaian persyaratan" in html
    assert "kemudahan prosedur" not in html


def test_answer_outside_the_scale_keeps_the_screen(client, survey, passport):
    response = answer(
        client, survey, state_of(client.get(kiosk_url(survey))), passport.pk
    )
    state = state_of(response)
    response = answer(client, survey, state, 7)
    assert response.status_code == 400
    assert "kesesuaian persyaratan" in response.content.decode()


def test_unknown_service_keeps_the_first_screen(client, survey):
    response = answer(client, survey, state_of(client.get(kiosk_url(survey))), 99999)
    assert response.status_code == 400
    assert response.content.decode().count('class="kiosk__answer kiosk__answer--') == 2


def test_tampered_state_restarts(client, survey):
    response = answer(client, survey, "forged:state", 3)
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0
    assert response.content.decode().count('class="kiosk__answer kiosk__answer--') == 2


def test_back_button_returns_to_the_previous_question(client, survey, passport):
    response = answer(
        client, survey, state_of(client.get(kiosk_url(survey))), passport.pk
    )
    response = answer(client, survey, state_of(response), 4)
    assert "kemudahan prosedur" in response.content.decode()
    response = client.post(
        kiosk_url(survey), {"state": state_of(response), "back": "1", "website": ""}
    )
    assert "kesesuaian persyaratan" in response.content.decode()


@override_settings(CONSULTATION_RATE_LIMITS={"kiosk": (1, 600)})
def test_kiosk_is_rate_limited(client, survey, passport):
    state = state_of(client.get(kiosk_url(survey)))
    assert answer(client, survey, state, passport.pk).status_code == 200
    refused = answer(client, survey, state, passport.pk)
    assert refused.status_code == 429
    # On the clock of the unit's counter (Toronto), not the server's WIB.
    html = refused.content.decode()
    assert ("EST" in html or "EDT" in html) and "WIB" not in html


def state_of_last_screen(client, survey, passport):
    """The signed state of the last screen, one answer short of complete."""
    response = answer(
        client, survey, state_of(client.get(kiosk_url(survey))), passport.pk
    )
    for value in [4, 4, 3, 3, 2, 2, 1, 4]:
        response = answer(client, survey, state_of(response), value)
    return state_of(response)


def test_replaying_the_last_screen_is_refused_and_stores_nothing(
    client, survey, passport
):
    state = state_of_last_screen(client, survey, passport)
    assert answer(client, survey, state, 3).status_code == 303
    for _ in range(3):
        replay = answer(client, survey, state, 3)
        assert replay.status_code == 409
    html = replay.content.decode()
    assert "Jawaban ini sudah disimpan" in html
    assert f'href="{kiosk_url(survey)}"' in html
    assert SurveyResponse.objects.count() == 1


def english_of(page):
    translate_page(page.get_parent(), "en", {})
    return translate_page(page, "en", {})


def test_replay_is_refused_in_the_visitors_language(client, survey, passport):
    english = english_of(survey)
    state = state_of_last_screen(client, english, passport)
    assert answer(client, english, state, 3).status_code == 303
    replay = answer(client, english, state, 3)
    assert replay.status_code == 409
    html = replay.content.decode()
    assert "These answers were already saved" in html
    assert f'href="{kiosk_url(english)}"' in html and "Start again" in html
    assert SurveyResponse.objects.count() == 1


def test_going_back_from_a_saved_answer_cannot_store_another(client, survey, passport):
    """An earlier screen of a saved respondent carries the same nonce."""
    state = state_of_last_screen(client, survey, passport)
    assert answer(client, survey, state, 3).status_code == 303
    back = client.post(kiosk_url(survey), {"state": state, "back": "1"})
    assert answer(client, survey, state_of(back), 1).status_code == 200
    response = answer(client, survey, state_of(back), 1)
    response = answer(client, survey, state_of(response), 2)
    assert response.status_code == 409
    assert SurveyResponse.objects.count() == 1


def test_each_new_respondent_gets_a_state_of_their_own(client, survey, passport):
    first = kiosk.read_state(state_of(client.get(kiosk_url(survey))), survey)
    second = kiosk.read_state(state_of(client.get(kiosk_url(survey))), survey)
    assert first.nonce != second.nonce
    assert len(first.nonce) >= 22  # 128 random bits


def test_kiosk_screens_are_never_cached(client, survey):
    response = client.get(kiosk_url(survey))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_state_of_a_respondent_who_started_too_long_ago_restarts(
    client, survey, passport, monkeypatch
):
    """Re-posting a screen signs its state afresh; the respondent's start does
    not move, so a nonce cannot be kept alive until its row is purged."""
    state = state_of(client.get(kiosk_url(survey)))
    monkeypatch.setattr(kiosk, "RESPONDENT_MAX_AGE", -1)
    response = answer(client, survey, state, passport.pk)
    assert response.status_code == 400
    assert "Layar ini kedaluwarsa" in response.content.decode()


def test_state_of_another_survey_is_refused(client, survey, passport, other_survey):
    state = state_of_last_screen(client, survey, passport)
    response = answer(client, other_survey, state, 3)
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_a_nonce_is_stored_once_by_the_primary_key(db):
    issued_at = timezone.now()
    UsedKioskState.objects.create(nonce="n" * 22, issued_at=issued_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        UsedKioskState.objects.bulk_create(
            [UsedKioskState(nonce="n" * 22, issued_at=issued_at)]
        )


def test_used_states_that_can_no_longer_be_posted_are_purged_on_write(
    client, survey, passport
):
    old = timezone.now() - timezone.timedelta(seconds=kiosk.RESPONDENT_MAX_AGE + 60)
    UsedKioskState.objects.create(nonce="old", issued_at=old)
    UsedKioskState.objects.create(nonce="recent", issued_at=timezone.now())
    state = state_of_last_screen(client, survey, passport)
    assert answer(client, survey, state, 3).status_code == 303
    nonces = set(UsedKioskState.objects.values_list("nonce", flat=True))
    assert "old" not in nonces
    assert {"recent", kiosk.read_state(state, survey).nonce} <= nonces


def test_used_states_hold_no_personal_data():
    fields = {f.name for f in UsedKioskState._meta.get_fields()}
    assert fields == {"nonce", "issued_at"}


# Enrolled and un-enrolled tablets ----------------------------------------------


def test_unenrolled_kiosk_answer_is_a_web_answer(client, survey, passport):
    assert complete_kiosk(client, survey, passport).status_code == 303
    assert SurveyResponse.objects.get().channel == "web"


def test_unenrolled_kiosk_hits_the_web_forms_limit_after_ten_answers(
    client, survey, passport
):
    for _ in range(10):
        assert complete_kiosk(client, survey, passport).status_code == 303
    response = complete_kiosk(client, survey, passport)
    assert response.status_code == 429
    assert SurveyResponse.objects.count() == 10


def test_web_form_and_unenrolled_kiosk_share_one_limit(client, survey, passport):
    from .conftest import valid_post

    for n in range(10):
        answer = valid_post(survey, passport, suggestion=f"Saran nomor {n}")
        assert client.post(survey.url, answer).status_code == 303
    assert complete_kiosk(client, survey, passport).status_code == 429


def test_enrolled_tablet_is_not_held_to_the_web_forms_limit(
    client, survey, passport, enrol
):
    enrol(client)
    for _ in range(12):
        assert complete_kiosk(client, survey, passport).status_code == 303
    assert SurveyResponse.objects.filter(channel="kiosk").count() == 12


def test_enrolled_tablet_shows_its_name(client, survey, enrol):
    enrol(client, name="Loket 3")
    assert "Loket 3" in client.get(kiosk_url(survey)).content.decode()


@override_settings(CONSULTATION_RATE_LIMITS={"kiosk": (3, 600)})
def test_kiosk_limit_counts_per_enrolled_tablet_not_per_address(
    client, survey, passport, enrol
):
    """Two tablets behind one office NAT (one REMOTE_ADDR) each get the limit."""
    other = Client()
    enrol(client, name="Loket 1")
    enrol(other, name="Loket 2")
    state = state_of(client.get(kiosk_url(survey)))
    for _ in range(3):
        assert answer(client, survey, state, passport.pk).status_code == 200
    assert answer(client, survey, state, passport.pk).status_code == 429
    other_state = state_of(other.get(kiosk_url(survey)))
    assert answer(other, survey, other_state, passport.pk).status_code == 200


# A window of a year: ten answers on a slow machine could straddle the end of
# django-ratelimit's fixed ten-minute window, which then let the eleventh in.
@override_settings(CONSULTATION_RATE_LIMITS={"survey": (10, 365 * 24 * 60 * 60)})
def test_revoked_enrolments_cookie_no_longer_counts(client, survey, passport, enrol):
    enrolment = enrol(client)
    kiosk.revoke(enrolment, None)
    assert "Loket 1" not in client.get(kiosk_url(survey)).content.decode()
    for _ in range(10):
        assert complete_kiosk(client, survey, passport).status_code == 303
    assert complete_kiosk(client, survey, passport).status_code == 429
    assert set(SurveyResponse.objects.values_list("channel", flat=True)) == {"web"}


def test_forged_device_cookie_does_not_count(client, survey, passport):
    client.cookies[kiosk.COOKIE_NAME] = "1:forged"
    assert complete_kiosk(client, survey, passport).status_code == 303
    assert SurveyResponse.objects.get().channel == "web"


def test_enrolled_tablet_counts_on_the_english_kiosk_too(
    client, survey, passport, enrol
):
    english = english_of(survey)
    enrol(client)
    assert complete_kiosk(client, english, passport).status_code == 303
    saved = SurveyResponse.objects.get()
    assert (saved.channel, saved.survey_id) == ("kiosk", survey.pk)


def test_the_language_switch_of_a_kiosk_screen_stays_in_the_kiosk(
    client, survey, passport, unit_a
):
    """After the first answer the screen's address is the answer address; the
    switch led to the other language's web form, out of the kiosk."""
    translate_page(unit_a, "en", {})
    english = translate_page(survey, "en", {})
    response = client.get(kiosk_url(survey))
    response = client.post(
        f"/id/answers/{survey.pk}/kiosk/",
        {"state": state_of(response), "answer": str(passport.pk), "website": ""},
    )
    assert response.status_code == 200
    switch = re.search(
        r'class="site-header__language" href="([^"]+)"', response.content.decode()
    )
    assert switch[1] == kiosk_url(english)
