"""Factories of satisfaction surveys and their answers (tests and demo content)."""

import datetime

import factory
import wagtail_factories

from .models import SatisfactionOverviewPage, SatisfactionSurveyPage
from .records import SurveyResponse


class SatisfactionSurveyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Survei Kepuasan Masyarakat {n}")
    slug = factory.Sequence(lambda n: f"skm-{n}")
    period_start = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=180)
    )
    period_end = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=180)
    )
    population = 1000

    class Meta:
        model = SatisfactionSurveyPage


class SatisfactionOverviewPageFactory(wagtail_factories.PageFactory):
    title = "Indeks kepuasan masyarakat"
    slug = "indeks-kepuasan"

    class Meta:
        model = SatisfactionOverviewPage


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    survey = factory.SubFactory(SatisfactionSurveyPageFactory)
    survey_date = factory.LazyFunction(datetime.date.today)
    u1 = 3
    u2 = 3
    u3 = 3
    u4 = 3
    u5 = 3
    u6 = 3
    u7 = 3
    u8 = 3
    u9 = 3

    class Meta:
        model = SurveyResponse
