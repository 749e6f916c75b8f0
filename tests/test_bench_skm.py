"""The SKM benchmark (`tests/bench/skm.py`) seeds answers and reports the timings."""

import pytest

from consultation.models import SurveyResponse
from standards.factories import ServiceStandardPageFactory
from tests.bench.skm import measure

pytestmark = pytest.mark.django_db


def test_skm_bench_seeds_and_times_the_results(unit_a):
    ServiceStandardPageFactory(parent=unit_a, title="Paspor", slug="paspor")
    figures = measure(responses=500, repeat=1)
    assert SurveyResponse.objects.count() == 500
    assert figures["year"]["respondents"] == 500
    assert figures["year"]["within_target"] is True
