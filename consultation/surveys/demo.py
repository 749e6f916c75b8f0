"""Demo content of satisfaction surveys: SKM surveys with two years of
answers and the national overview.

Idempotent: surveys are found by slug under their unit; answers are generated
(deterministically, `random.Random` seeded per unit) only for a survey that has
none, and written with one `bulk_create` per survey.
"""

import datetime
import random

from django.utils import timezone

from cms.core.seeding import DemoContext
from cms.core.translation import translate_page
from standards.models import ServiceStandardPage

from ..actions import ActionState
from ..moderation import ModerationStatus
from .choices import PROFILE_FIELDS
from .models import (
    SatisfactionOverviewPage,
    SatisfactionSurveyPage,
    SurveyFollowUpAction,
)
from .records import SurveyResponse

SURVEY_SLUG = "survei-kepuasan-masyarakat"
SURVEY_TITLE_ID = "Survei Kepuasan Masyarakat 2025–2026"
SURVEY_TITLE_EN = "Community Satisfaction Survey 2025–2026"
SURVEY_INTRO_ID = (
    "Bantu kami memperbaiki layanan: sembilan pertanyaan singkat, sekitar dua "
    "menit, tanpa nama."
)
SURVEY_INTRO_EN = (
    "Help us improve our service: nine short questions, about two minutes, "
    "no name asked."
)
PERIOD_START = datetime.date(2025, 1, 1)
PERIOD_END = datetime.date(2026, 12, 31)

# Answer distributions over 1..4 per unit; a later quarter shifts a little
# towards 4, so the results pages show a trend.
PROFILES = {
    "KBRI Singapura": ((0.01, 0.03, 0.25, 0.71), 12000, 420),
    "KBRI Kuala Lumpur": ((0.03, 0.10, 0.50, 0.37), 60000, 520),
    "KJRI Johor Bahru": ((0.09, 0.26, 0.45, 0.20), 25000, 380),
    "KJRI Toronto": ((0.02, 0.05, 0.40, 0.53), 3000, 300),
    "KJRI Penang": ((0.04, 0.12, 0.52, 0.32), 9000, 340),
}
SUGGESTIONS = [
    ("Antrean paspor mohon dipercepat pada hari Senin.", ModerationStatus.APPROVED),
    ("Ruang tunggu perlu kursi tambahan dan air minum.", ModerationStatus.APPROVED),
    ("Petugas sangat ramah, terima kasih.", ModerationStatus.APPROVED),
    ("Informasi biaya di situs web belum jelas.", ModerationStatus.APPROVED),
    ("Mohon layanan pada hari Sabtu diperbanyak.", ModerationStatus.PENDING),
    ("Hubungi saya di 0812-0000-0000.", ModerationStatus.HIDDEN),
]
OVERVIEW_TITLE_ID = "Indeks Kepuasan Masyarakat"
OVERVIEW_TITLE_EN = "Community Satisfaction Index"
OVERVIEW_INTRO_ID = (
    "Indeks kepuasan masyarakat (IKM) terbaru setiap unit, dihitung dari survei "
    "kepuasan masyarakat menurut PermenPANRB 14/2017."
)
OVERVIEW_INTRO_EN = (
    "The latest community satisfaction index (IKM) of every unit, computed from "
    "its satisfaction survey under PermenPANRB 14/2017."
)


def seed(ctx: DemoContext) -> None:
    """The surveys of the demo units with their answers, and the overview."""
    created = 0
    for short, (weights, population, count) in PROFILES.items():
        unit = ctx.units.get(short)
        if unit is None:
            continue
        survey = _survey(unit, population)
        if not SurveyResponse.objects.filter(survey=survey).exists():
            _responses(survey, unit, weights, count)
            created += count
    _overview(ctx.home)
    ctx.log(f"consultation: {len(PROFILES)} SKM surveys, {created} answers created")


def _survey(unit, population: int) -> SatisfactionSurveyPage:
    survey = (
        SatisfactionSurveyPage.objects.child_of(unit).filter(slug=SURVEY_SLUG).first()
    )
    if survey is not None:
        return survey
    survey = SatisfactionSurveyPage(
        title=SURVEY_TITLE_ID,
        slug=SURVEY_SLUG,
        intro=f"<p>{SURVEY_INTRO_ID}</p>",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        population=population,
    )
    survey.services = list(
        ServiceStandardPage.objects.child_of(unit).filter(locale=unit.locale)[:6]
    )
    survey.follow_up_actions = [
        SurveyFollowUpAction(
            sort_order=0,
            period="2025",
            element="U9",
            action="Menambah kursi dan mesin antrean di ruang tunggu.",
            owner="Kepala Subbagian Rumah Tangga",
            due_date=datetime.date(2026, 3, 31),
            state=ActionState.DONE,
            completed_on=datetime.date(2026, 3, 12),
        ),
        SurveyFollowUpAction(
            sort_order=1,
            period="2025",
            element="U3",
            action="Menerbitkan paspor dalam tiga hari kerja untuk permohonan lengkap.",
            owner="Fungsi Konsuler",
            due_date=datetime.date(2026, 6, 30),
            state=ActionState.IN_PROGRESS,
        ),
    ]
    unit.add_child(instance=survey)
    survey.save_revision().publish()
    translate_page(
        survey,
        "en",
        {
            SURVEY_TITLE_ID: SURVEY_TITLE_EN,
            SURVEY_INTRO_ID: SURVEY_INTRO_EN,
            "Menambah kursi dan mesin antrean di ruang tunggu.": (
                "Add seats and a queue ticket machine to the waiting room."
            ),
            "Menerbitkan paspor dalam tiga hari kerja untuk permohonan lengkap.": (
                "Issue passports within three working days for complete applications."
            ),
            "Kepala Subbagian Rumah Tangga": "Head of General Affairs",
            "Fungsi Konsuler": "Consular section",
        },
    )
    return survey


def answered_at(day: datetime.date) -> datetime.datetime:
    """10.00 on `day`, or now if that is still to come (never in the future)."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    return min(at, timezone.now())


def _responses(survey, unit, weights, count: int) -> None:
    rng = random.Random(f"skm-{unit.short_name}")
    services = [s.pk for s in survey.services.all()]
    today = timezone.localdate()
    last = min(PERIOD_END, today)
    days = (last - PERIOD_START).days
    rows = []
    for _ in range(count):
        day = PERIOD_START + datetime.timedelta(days=rng.randint(0, days))
        progress = (day - PERIOD_START).days / max(days, 1)
        shifted = _shift(weights, 0.06 * progress)
        answers = {
            f"u{i}": rng.choices((1, 2, 3, 4), weights=shifted)[0] for i in range(1, 10)
        }
        if rng.random() < 0.3:  # facilities are rated lower everywhere
            answers["u9"] = max(1, answers["u9"] - 1)
        profile = {
            name: rng.choice([""] + [value for value, _label in choices.choices])
            for name, choices in PROFILE_FIELDS.items()
        }
        suggestion, status = ("", ModerationStatus.PENDING)
        if rng.random() < 0.08:
            suggestion, status = rng.choice(SUGGESTIONS)
        rows.append(
            SurveyResponse(
                survey=survey,
                survey_date=day,
                submitted_at=answered_at(day),
                service_id=rng.choice(services) if services else None,
                service_date=day - datetime.timedelta(days=rng.randint(0, 20)),
                channel=rng.choice(["web", "web", "kiosk"]),
                suggestion=suggestion,
                language="id",
                suggestion_status=status,
                moderation_reason="data pribadi"
                if status == ModerationStatus.HIDDEN
                else "",
                **answers,
                **profile,
            )
        )
    SurveyResponse.objects.bulk_create(rows, batch_size=500)


def _shift(weights, amount: float) -> tuple[float, ...]:
    """Move `amount` of probability from the lowest answers to the highest."""
    low, mid_low, mid_high, high = weights
    take = min(amount, low + mid_low)
    from_low = min(low, take / 2)
    from_mid = take - from_low
    return (low - from_low, mid_low - from_mid, mid_high, high + take)


def _overview(home) -> SatisfactionOverviewPage:
    page = SatisfactionOverviewPage.objects.child_of(home).first()
    if page is not None:
        return page
    page = home.add_child(
        instance=SatisfactionOverviewPage(
            title=OVERVIEW_TITLE_ID,
            slug="indeks-kepuasan-masyarakat",
            show_in_menus=True,
            intro=f"<p>{OVERVIEW_INTRO_ID}</p>",
        )
    )
    page.save_revision().publish()
    translate_page(
        page,
        "en",
        {OVERVIEW_TITLE_ID: OVERVIEW_TITLE_EN, OVERVIEW_INTRO_ID: OVERVIEW_INTRO_EN},
    )
    return page


# Public consultations (FKP) ----------------------------------------------------
