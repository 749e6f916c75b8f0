"""Posts of the same kiosk state at the same moment store one answer.

Real concurrency needs real transactions on a server database: these tests run
on PostgreSQL (DATABASE_URL) and are skipped on SQLite, which runs one writer
at a time (there the replay tests in test_kiosk.py take the same path: the
second insert of the nonce meets the primary key).
"""

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client

from consultation.models import KioskEnrolment, SurveyResponse
from consultation.surveys import kiosk, kiosk_screens

from .conftest import enrolment_path
from .test_kiosk import answer, state_of_last_screen

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (set DATABASE_URL)")


def at_once(action, count: int = 2) -> list:
    """Run `action` in `count` threads released together; their results."""
    barrier = threading.Barrier(count)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(action())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_posts_of_the_last_screen_at_once_store_one_answer(
    survey, passport, monkeypatch
):
    state = state_of_last_screen(Client(), survey, passport)
    save = kiosk_screens.save_response

    def slow_save(*args, **kwargs):
        saved = save(*args, **kwargs)
        time.sleep(0.5)  # the winner's transaction stays open a while
        return saved

    monkeypatch.setattr(kiosk_screens, "save_response", slow_save)
    statuses = at_once(lambda: answer(Client(), survey, state, 3).status_code)
    assert sorted(statuses) == [303, 409]
    assert SurveyResponse.objects.count() == 1


def test_two_tablets_opening_one_link_at_once_enrol_one(survey):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    path = enrolment_path(survey, enrolment)
    statuses = at_once(lambda: Client().post(path).status_code, count=4)
    assert sorted(statuses) == [303, 410, 410, 410]
    assert KioskEnrolment.objects.get().enrolled_at is not None
