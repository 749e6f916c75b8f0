"""Every open-data file's validators move when rows leave it without a
publication: a harvester holding the last copy must not be told, with a 304,
that rows of pages made private are still current."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from consultation.forums.factories import ConsultationPageFactory
from consultation.models import ConsultationPage, SatisfactionSurveyPage
from consultation.surveys.factories import (
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)
from innovation.factories import InnovationEntryPageFactory
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

DATASETS = ("units", "standards", "consultations", "innovations", "skm")


def fill(unit) -> None:
    """One published page of each dataset in `unit`."""
    today = datetime.date.today()
    ServiceStandardPageFactory(parent=unit).save_revision().publish()
    ConsultationPageFactory(
        parent=unit,
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=10),
    ).save_revision().publish()
    InnovationEntryPageFactory(parent=unit).save_revision().publish()
    survey = SatisfactionSurveyPageFactory(parent=unit)
    survey.save_revision().publish()
    SurveyResponseFactory(survey=survey)


@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_restricting_a_unit_moves_every_files_validators(
    client, unit_a, unit_b, dataset, fmt
):
    """The consultations' file kept its ETag and Last-Modified when a
    consultation was restricted (its own last change left the restriction
    out), and answered 304 to a copy holding the hidden rows."""
    fill(unit_a)
    fill(unit_b)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Page.objects.update(last_published_at=an_hour_ago)
    url = f"/api/data/{dataset}.{fmt}"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    before = b"".join(first.streaming_content)

    PageViewRestriction.objects.create(
        page=unit_a, restriction_type=PageViewRestriction.LOGIN
    )

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200, dataset
    assert again["ETag"] != first["ETag"]
    assert b"".join(again.streaming_content) != before


@pytest.mark.parametrize("dataset", DATASETS)
def test_renaming_a_unit_moves_every_files_validators(client, unit_a, dataset):
    """Every file names the units: a unit renamed and published left the
    standards', surveys', consultations' and innovations' files with their
    validators, and a copy holding the old name was answered 304."""
    fill(unit_a)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Page.objects.update(last_published_at=an_hour_ago)
    url = f"/api/data/{dataset}.json"
    first = client.get(url)
    b"".join(first.streaming_content)

    unit_a.title = "KJRI Toronto Baru"
    unit_a.save_revision().publish()

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200, dataset
    assert again["ETag"] != first["ETag"]


def test_live_figures_are_kept_a_minute_at_most(client, unit_a):
    """Results, a unit's latest index and the open-data files carry figures
    that move as answers arrive: a shared cache keeps them a minute, as long
    as the pages showing them (five minutes before, for some)."""
    fill(unit_a)
    consultation = ConsultationPage.objects.live().first()
    survey = SatisfactionSurveyPage.objects.live().first()
    urls = [
        f"/api/consultations/{consultation.pk}/results/",
        f"/api/surveys/{survey.pk}/results/",
        f"/api/units/{unit_a.pk}/",
        *(f"/api/data/{dataset}.json" for dataset in DATASETS),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "max-age=60" in response["Cache-Control"], url
