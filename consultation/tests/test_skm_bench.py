"""The SKM benchmark command seeds answers and reports the timings."""

import io
import json

import pytest
from django.core.management import call_command

from consultation.models import SurveyResponse

pytestmark = pytest.mark.django_db


def test_skm_bench_seeds_and_times_the_results(unit_a, passport):
    out = io.StringIO()
    call_command("skm_bench", responses=500, repeat=1, stdout=out)
    figures = json.loads(out.getvalue()[out.getvalue().index("{") :])
    assert SurveyResponse.objects.count() == 500
    assert figures["year"]["respondents"] == 500
    assert figures["year"]["within_target"] is True
