"""Time the SKM results computation on many responses (`make bench`).

Run it against a benchmark database, never production: it adds a survey
"SKM benchmark" under the first unit and fills it with generated answers
(PostgreSQL: one INSERT ... SELECT generate_series; other databases:
bulk_create), then times the year and one-service figures.

    DATABASE_URL=postgres://.../bench python manage.py skm_bench --responses 1000000
"""

import datetime
import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cms.core.models import UnitPage
from consultation import skm
from consultation.models import SatisfactionSurveyPage, SurveyResponse
from consultation.results import survey_results

TARGET_SECONDS = 1.0
YEAR = 2025


class Command(BaseCommand):
    help = "Seed N SKM responses for one survey and time the results computation."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=1_000_000)
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, **options):
        unit = self._unit_with_standards()
        if unit is None:
            raise CommandError("Create a unit first (e.g. manage.py seed_demo).")
        survey = self._survey(unit)
        missing = options["responses"] - survey.survey_responses.count()
        if missing > 0:
            started = time.perf_counter()
            self._seed(survey, missing)
            self.stdout.write(
                f"seeded {missing} responses in {time.perf_counter() - started:.1f} s"
            )
        service_id = next((s.pk for s in survey.covered_services()), None)
        figures = {}
        for label, service in (("year", None), ("service", service_id)):
            timings = []
            for _ in range(options["repeat"]):
                started = time.perf_counter()
                results = survey_results(survey, skm.parse_period(str(YEAR)), service)
                timings.append(time.perf_counter() - started)
            figures[label] = {
                "seconds": round(min(timings), 3),
                "respondents": results.respondents,
                "ikm_konversi": str(results.ikm_konversi),
                "within_target": min(timings) < TARGET_SECONDS,
            }
        self.stdout.write(json.dumps(figures, indent=2))

    def _unit_with_standards(self) -> UnitPage | None:
        """The first unit that has service standards (the survey covers two)."""
        from standards.models import ServiceStandardPage

        standard = ServiceStandardPage.objects.order_by("path").first()
        if standard is not None:
            return UnitPage.objects.get(pk=standard.get_parent().pk)
        return UnitPage.objects.order_by("path").first()

    def _survey(self, unit) -> SatisfactionSurveyPage:
        survey = (
            SatisfactionSurveyPage.objects.child_of(unit)
            .filter(slug="skm-benchmark")
            .first()
        )
        if survey is None:
            survey = unit.add_child(
                instance=SatisfactionSurveyPage(
                    title="SKM benchmark",
                    slug="skm-benchmark",
                    period_start=datetime.date(YEAR, 1, 1),
                    period_end=datetime.date(YEAR, 12, 31),
                    population=1_000_000,
                    live=False,
                )
            )
            from standards.models import ServiceStandardPage

            survey.services.set(ServiceStandardPage.objects.child_of(unit)[:2])
            survey.save()
        return survey

    def _seed(self, survey, count: int) -> None:
        services = [s.pk for s in survey.covered_services()] or [None]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    """
                    INSERT INTO consultation_surveyresponse
                      (survey_id, survey_date, submitted_at, channel, service_id,
                       u1, u2, u3, u4, u5, u6, u7, u8, u9, age_band, sex, education,
                       occupation, suggestion, suggestion_status, moderation_reason)
                    SELECT %s, %s::date + (g %% 365), now(), 'web',
                      CASE WHEN g %% 2 = 0 THEN %s::integer ELSE %s::integer END,
                      1 + (g %% 4), 1 + ((g / 3) %% 4), 1 + ((g / 5) %% 4),
                      1 + ((g / 7) %% 4), 1 + ((g / 11) %% 4), 1 + ((g / 13) %% 4),
                      1 + ((g / 17) %% 4), 1 + ((g / 19) %% 4), 1 + ((g / 23) %% 4),
                      '', '', '', '', '', 'pending', ''
                    FROM generate_series(1, %s) AS g
                    """,
                    [
                        survey.pk,
                        datetime.date(YEAR, 1, 1),
                        services[0],
                        services[-1],
                        count,
                    ],
                )
                cursor.execute("ANALYZE consultation_surveyresponse")
            return
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
