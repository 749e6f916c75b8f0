"""The counter kiosk: one question per screen, without JavaScript."""

import re

import pytest
from django.test import override_settings

from consultation.models import SurveyResponse

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


def test_full_kiosk_flow_saves_one_answer_and_resets(client, survey, passport):
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
    assert answer(client, survey, state, passport.pk).status_code == 429
