"""A page holding what the public sent is unpublished, never deleted.

Deleting a survey, consultation or poll page (or a page above one) deleted
its answers, votes and comments with it, with no reason recorded, while a
single response may be deleted only by a moderator with a reason. Wagtail's
delete view, its bulk delete and the admin API's delete action refuse it; a
page without any is deleted as before.
"""

import datetime

import pytest
from wagtail.models import Page

from cms.core.factories import ContentPageFactory
from consultation.forums.factories import ConsultationPageFactory
from consultation.models import ConsultationSubmission, SurveyResponse
from consultation.surveys.factories import SatisfactionSurveyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(unit_a):
    page = SatisfactionSurveyPageFactory(parent=unit_a, slug="skm")
    scores = {f"u{n}": 3 for n in range(1, 10)}
    SurveyResponse.objects.create(
        survey=page, survey_date=datetime.date(2026, 1, 5), **scores
    )
    return page


@pytest.fixture
def consultation(unit_a):
    page = ConsultationPageFactory(parent=unit_a, slug="fkp")
    ConsultationSubmission.objects.create(
        page=page, form_data={}, respondent_key="c:1", confirmed=True
    )
    return page


@pytest.fixture
def moderator(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "moderator"))
    return client


def test_a_survey_with_answers_is_not_deleted_and_the_moderator_is_told_why(
    moderator, survey
):
    response = moderator.post(f"/admin/pages/{survey.pk}/delete/", follow=True)
    assert Page.objects.filter(pk=survey.pk).exists()
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert "tidak dapat dihapus" in response.content.decode()
    assert "Batalkan penerbitannya saja" in response.content.decode()


def test_a_page_above_a_consultation_with_responses_is_not_deleted(
    client, consultation, unit_a, admin_user
):
    client.force_login(admin_user)
    client.post(f"/admin/pages/{unit_a.pk}/delete/")
    assert Page.objects.filter(pk=unit_a.pk).exists()
    assert ConsultationSubmission.objects.filter(page=consultation).count() == 1


def test_bulk_delete_deletes_nothing_when_one_page_holds_answers(
    moderator, survey, unit_a
):
    plain = ContentPageFactory(parent=unit_a, slug="plain")
    moderator.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={plain.pk}&id={survey.pk}",
        {"include_descendants": ""},
    )
    assert Page.objects.filter(pk__in=[plain.pk, survey.pk]).count() == 2
    assert SurveyResponse.objects.count() == 1


def test_a_refused_bulk_delete_without_next_leads_to_the_parent(
    moderator, survey, unit_a
):
    response = moderator.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={survey.pk}", follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/admin/pages/{unit_a.pk}/"
    assert "tidak dapat dihapus" in response.content.decode()


def test_the_admin_api_refuses_the_deletion_with_a_400(moderator, consultation):
    response = moderator.post(
        f"/admin/api/main/pages/{consultation.pk}/action/delete/",
        content_type="application/json",
        data={},
    )
    assert response.status_code == 400
    assert "tidak dapat dihapus" in response.content.decode()
    assert ConsultationSubmission.objects.count() == 1


def test_a_page_without_answers_is_still_deleted(moderator, unit_a):
    plain = ContentPageFactory(parent=unit_a, slug="plain")
    moderator.post(f"/admin/pages/{plain.pk}/delete/")
    assert not Page.objects.filter(pk=plain.pk).exists()
