"""Unpublishing a page unpublishes its translations (`unpublish_sync`): the
English page of a withdrawn standard stayed listed, and an English survey kept
taking answers counted on the unpublished Indonesian one."""

import datetime

import pytest
from wagtail.models import Page

from cms.core.factories import ContentPageFactory
from consultation.models import SurveyResponse
from consultation.surveys.factories import SatisfactionSurveyPageFactory

pytestmark = pytest.mark.django_db


def english_of(page, locales, title="English"):
    english = page.copy_for_translation(locales[1], copy_parents=True)
    english.title = title
    english.save_revision().publish()
    return english


def test_the_unpublish_screen_unpublishes_the_translation_too(
    client, superuser, unit_a, locales
):
    page = ContentPageFactory(parent=unit_a, slug="lapor-diri")
    page.save_revision().publish()
    english = english_of(page, locales)
    client.force_login(superuser)
    client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert not Page.objects.get(pk=english.pk).live
    assert client.get(english.url).status_code == 404


def test_unpublishing_a_translation_leaves_its_source_live(unit_a, locales):
    page = ContentPageFactory(parent=unit_a, slug="lapor-diri")
    page.save_revision().publish()
    english = english_of(page, locales)
    english.unpublish()
    assert Page.objects.get(pk=page.pk).live


def test_an_unpublished_surveys_english_form_takes_no_answer(
    client, superuser, unit_a, locales
):
    survey = SatisfactionSurveyPageFactory(
        parent=unit_a,
        slug="skm",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date.today() + datetime.timedelta(days=30),
    )
    english = english_of(survey, locales, "Satisfaction survey")
    client.force_login(superuser)
    client.post(f"/admin/pages/{survey.pk}/unpublish/")
    client.logout()
    answer = {f"u{n}": "3" for n in range(1, 10)}
    answer.update(service_date=datetime.date.today().isoformat(), website="")
    response = client.post(f"/en/answers/{english.pk}/", answer)
    assert response.status_code == 404
    assert SurveyResponse.objects.count() == 0
