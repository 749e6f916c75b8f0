"""Upgrading gives existing surveys, consultations and polls their unit
(migration 0006): the closest unit above each page, in the page's own
language; a poll under a consultation gets the consultation's unit."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.core.translation import translate_page
from consultation.forums.factories import ConsultationPageFactory, PollPageFactory
from consultation.surveys.factories import SatisfactionSurveyPageFactory

BEFORE = [("consultation", "0005_kiosk_enrolments_single_use_states")]
AFTER = [("consultation", "0007_index_pages_intro")]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def units_of(apps, name):
    return dict(
        apps.get_model("consultation", name).objects.values_list("pk", "unit_id")
    )


@pytest.mark.django_db(transaction=True)
def test_existing_pages_get_the_unit_above_them(unit_a, unit_b):
    unit_en = translate_page(unit_a, "en", {})
    survey = SatisfactionSurveyPageFactory(
        parent=unit_a,
        slug="skm",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    )
    survey_en = translate_page(survey, "en", {})
    consultation = ConsultationPageFactory(parent=unit_b, slug="fkp")
    poll_in_consultation = PollPageFactory(parent=consultation)
    poll_of_unit = PollPageFactory(parent=unit_a)
    migrate(BEFORE)
    migrate(AFTER)
    apps = migrate(AFTER)
    assert units_of(apps, "SatisfactionSurveyPage") == {
        survey.pk: unit_a.pk,
        survey_en.pk: unit_en.pk,
    }
    assert units_of(apps, "ConsultationPage") == {consultation.pk: unit_b.pk}
    assert units_of(apps, "PollPage") == {
        poll_in_consultation.pk: unit_b.pk,
        poll_of_unit.pk: unit_a.pk,
    }
