"""SKM results on a million answers, recorded in `var/bench.json` (section "skm").

Adds a survey "SKM benchmark" under the first unit with service standards, fills
it once with generated answers (PostgreSQL: one INSERT ... SELECT
generate_series; other databases: bulk_create) and times the year and
one-service results. Runs on PostgreSQL, the figure that counts: `DATABASE_URL`
when it names a PostgreSQL database, else the submissions benchmark's demo
database (`tests.bench.submissions`, which `make bench` runs first); never on a
production database. Records each timing with the 1 s target of the SKM issue.

    python -m tests.bench.skm [--responses 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from typing import Any

from tests.bench.report import Figure, record
from tests.bench.run import bench_env
from tests.bench.submissions import DEFAULT_DATABASE, ensure_database

TARGET_SECONDS = 1.0
YEAR = 2025
SURVEY_SLUG = "skm-benchmark"
INSERT_RESPONSES = """
    INSERT INTO consultation_surveyresponse
      (survey_id, survey_date, submitted_at, channel, service_id,
       u1, u2, u3, u4, u5, u6, u7, u8, u9, age_band, sex, education,
       occupation, suggestion, suggestion_status, moderation_reason, language)
    SELECT %s, %s::date + (g %% 365), now(), 'web',
      CASE WHEN g %% 2 = 0 THEN %s::integer ELSE %s::integer END,
      1 + (g %% 4), 1 + ((g / 3) %% 4), 1 + ((g / 5) %% 4),
      1 + ((g / 7) %% 4), 1 + ((g / 11) %% 4), 1 + ((g / 13) %% 4),
      1 + ((g / 17) %% 4), 1 + ((g / 19) %% 4), 1 + ((g / 23) %% 4),
      '', '', '', '', '', 'pending', '', 'id'
    FROM generate_series(1, %s) AS g
"""


def setup_django(env: dict[str, str]) -> None:
    """Django with the dev settings on the benchmark database, migrated."""
    os.environ.update(env, DJANGO_SETTINGS_MODULE="cms.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def unit_with_standards() -> Any:
    """The first unit that has service standards (the survey covers two)."""
    from cms.core.models import UnitPage
    from standards.models import ServiceStandardPage

    standard = ServiceStandardPage.objects.order_by("path").first()
    if standard is not None:
        return UnitPage.objects.get(pk=standard.get_parent().pk)
    return UnitPage.objects.order_by("path").first()


def benchmark_survey(unit: Any) -> Any:
    """The unit's benchmark survey, created (unpublished) the first time."""
    from consultation.models import SatisfactionSurveyPage
    from standards.models import ServiceStandardPage

    found = SatisfactionSurveyPage.objects.child_of(unit).filter(slug=SURVEY_SLUG)
    if found.exists():
        return found.get()
    survey = unit.add_child(
        instance=SatisfactionSurveyPage(
            title="SKM benchmark",
            slug=SURVEY_SLUG,
            period_start=datetime.date(YEAR, 1, 1),
            period_end=datetime.date(YEAR, 12, 31),
            population=1_000_000,
            live=False,
        )
    )
    survey.services.set(ServiceStandardPage.objects.child_of(unit)[:2])
    survey.save()
    return survey


def seed_responses(survey: Any, count: int) -> None:
    """Add `count` generated answers to `survey`."""
    from django.db import connection

    services = [s.pk for s in survey.covered_services()] or [None]
    if connection.vendor == "postgresql":
        start = datetime.date(YEAR, 1, 1)
        with connection.cursor() as cursor:
            cursor.execute(
                INSERT_RESPONSES, [survey.pk, start, services[0], services[-1], count]
            )
            cursor.execute("ANALYZE consultation_surveyresponse")
        return
    bulk_create_responses(survey, services, count)


def bulk_create_responses(survey: Any, services: list, count: int) -> None:
    from consultation.models import SurveyResponse

    start = datetime.date(YEAR, 1, 1)
    SurveyResponse.objects.bulk_create(
        (
            SurveyResponse(
                survey=survey,
                survey_date=start + datetime.timedelta(days=g % 365),
                service_id=services[g % len(services)],
                **{f"u{i}": 1 + (g // (i + 1)) % 4 for i in range(1, 10)},
            )
            for g in range(count)
        ),
        batch_size=5000,
    )


def time_results(survey: Any, service: int | None, repeat: int) -> dict[str, Any]:
    """The fastest of `repeat` computations of the year's results."""
    from consultation.surveys import skm
    from consultation.surveys.results import survey_results

    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        results = survey_results(survey, skm.parse_period(str(YEAR)), service)
        timings.append(time.perf_counter() - started)
    return {
        "seconds": round(min(timings), 3),
        "respondents": results.respondents,
        "ikm_konversi": str(results.ikm_konversi),
        "within_target": min(timings) < TARGET_SECONDS,
    }


def measure(responses: int, repeat: int = 3) -> dict[str, dict[str, Any]]:
    """Seed up to `responses` answers, then time the year and one-service results."""
    unit = unit_with_standards()
    if unit is None:
        raise RuntimeError("Create a unit first (e.g. manage.py seed_demo).")
    survey = benchmark_survey(unit)
    missing = responses - survey.survey_responses.count()
    if missing > 0:
        started = time.perf_counter()
        seed_responses(survey, missing)
        print(f"seeded {missing} responses in {time.perf_counter() - started:.1f} s")
    service_id = next((s.pk for s in survey.covered_services()), None)
    return {
        label: time_results(survey, service, repeat)
        for label, service in (("year", None), ("service", service_id))
    }


def figures_of(results: dict[str, dict[str, Any]]) -> list[Figure]:
    figures = []
    for label, values in results.items():
        seconds = values["seconds"]
        figures += [
            Figure(
                f"SKM results, {label}",
                seconds,
                "s",
                f"< {TARGET_SECONDS}",
                seconds < TARGET_SECONDS,
            ),
            Figure(f"SKM results, {label}: respondents", values["respondents"], ""),
        ]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = bench_env()
    if not env["DATABASE_URL"].startswith("postgres"):
        env["DATABASE_URL"] = DEFAULT_DATABASE
    ensure_database(env["DATABASE_URL"])
    setup_django(env)
    results = measure(args.responses, args.repeat)
    record(
        "skm",
        figures_of(results),
        database=env["DATABASE_URL"].split(":", 1)[0],
        responses=args.responses,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
