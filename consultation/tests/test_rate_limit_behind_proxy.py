"""The public forms' rate limit behind the site's TLS proxy.

Every request reaches the site from the proxy's address; the limit must still
count each respondent apart, and no respondent may pick a fresh count by
writing an X-Forwarded-For header of their own.
"""

import itertools

import pytest
from django.test import override_settings

from .conftest import valid_post

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
# Each post a new answer: the same answer sent again stores nothing, and no
# limit applies to it.
SUGGESTIONS = (f"Saran {n}" for n in itertools.count())


def post(client, survey, passport, forwarded_for: str):
    return client.post(
        survey.url,
        valid_post(survey, passport, suggestion=next(SUGGESTIONS)),
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": forwarded_for},
    )


@override_settings(TRUSTED_PROXY_COUNT=1, CONSULTATION_RATE_LIMITS={"survey": (1, 600)})
def test_two_respondents_behind_one_trusted_proxy_have_separate_limits(
    client, survey, passport
):
    assert post(client, survey, passport, "203.0.113.7").status_code == 303
    assert post(client, survey, passport, "203.0.113.7").status_code == 429
    assert post(client, survey, passport, "198.51.100.2").status_code == 303


@override_settings(TRUSTED_PROXY_COUNT=0, CONSULTATION_RATE_LIMITS={"survey": (1, 600)})
def test_without_a_trusted_proxy_a_forged_forwarded_for_gives_no_fresh_limit(
    client, survey, passport
):
    assert post(client, survey, passport, "203.0.113.7").status_code == 303
    assert post(client, survey, passport, "198.51.100.2").status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1, CONSULTATION_RATE_LIMITS={"survey": (1, 600)})
def test_entries_forged_left_of_the_proxys_give_no_fresh_limit(
    client, survey, passport
):
    assert post(client, survey, passport, "192.0.2.1, 203.0.113.7").status_code == 303
    assert post(client, survey, passport, "192.0.2.2, 203.0.113.7").status_code == 429
