"""Demo content of the app: SKM surveys with two years of answers, and public
consultations (FKP) in every state, translated into English.

Idempotent: surveys are found by slug under their unit; answers are generated
(deterministically, `random.Random` seeded per unit) only for a survey that has
none, and written with one `bulk_create` per survey.
"""

import datetime
import random

from django.utils import timezone

from cms.core.seeding import DemoContext
from cms.core.translation import translate_page

from .models import (
    PROFILE_FIELDS,
    ActionState,
    Commitment,
    ComponentComment,
    ConsultationAnswer,
    ConsultationFormField,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationSubmission,
    MeetingParticipation,
    ModerationStatus,
    PollChoice,
    PollPage,
    SatisfactionOverviewPage,
    SatisfactionSurveyPage,
    SurveyFollowUpAction,
    SurveyResponse,
    Vote,
)

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
    if ctx.home is None:
        return
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
    seed_consultations(ctx)


def _survey(unit, population: int) -> SatisfactionSurveyPage:
    from standards.models import ServiceStandardPage

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
            period="2025",
            element="U9",
            action="Menambah kursi dan mesin antrean di ruang tunggu.",
            owner="Kepala Subbagian Rumah Tangga",
            due_date=datetime.date(2026, 3, 31),
            state=ActionState.DONE,
            completed_on=datetime.date(2026, 3, 12),
        ),
        SurveyFollowUpAction(
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
                submitted_at=timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(10, 0))
                ),
                service_id=rng.choice(services) if services else None,
                service_date=day - datetime.timedelta(days=rng.randint(0, 20)),
                channel=rng.choice(["web", "web", "kiosk"]),
                suggestion=suggestion,
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

INDEX_TITLE_ID = "Konsultasi Publik"
INDEX_TITLE_EN = "Public consultations"
FKP_UNITS = [
    "KBRI Singapura",
    "KBRI Kuala Lumpur",
    "KJRI Johor Bahru",
    "KJRI Penang",
    "KJRI Kota Kinabalu",
    "KJRI Kuching",
    "KRI Tawau",
]
MINUTES_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
QUESTIONS = [
    ("Apakah persyaratan yang diusulkan sudah jelas?", "yesno", ""),
    (
        "Persyaratan mana yang paling memberatkan?",
        "radio",
        "Fotokopi KTP\nSurat sponsor\nPas foto\nTidak ada",
    ),
    ("Seberapa puas Anda dengan rancangan ini?", "rating", ""),
    ("Saran Anda untuk rancangan standar ini", "multiline", ""),
]
QUESTIONS_EN = {
    "Apakah persyaratan yang diusulkan sudah jelas?": (
        "Are the proposed requirements clear?"
    ),
    "Persyaratan mana yang paling memberatkan?": (
        "Which requirement is the most burdensome?"
    ),
    "Fotokopi KTP": "Copy of the identity card (KTP)",
    "Surat sponsor": "Sponsor letter",
    "Pas foto": "Passport photo",
    "Tidak ada": "None of them",
    "Seberapa puas Anda dengan rancangan ini?": (
        "How satisfied are you with this draft?"
    ),
    "Saran Anda untuk rancangan standar ini": (
        "Your suggestions for this draft standard"
    ),
}
POLL_TITLE_ID = "Hari apa layanan tambahan paling Anda butuhkan?"
POLL_EN = {
    POLL_TITLE_ID: "Which day do you most need extra service?",
    "Sabtu": "Saturday",
    "Minggu": "Sunday",
    "Malam hari": "Evenings",
    "Kami menimbang layanan tambahan di luar jam kerja; pilih satu hari.": (
        "We are considering extra service outside office hours; choose one day."
    ),
}
CONSULTATIONS = [
    {
        "unit": "KBRI Singapura",
        "slug": "fkp-standar-paspor-2026",
        "title": "Rancangan standar pelayanan penerbitan paspor 2026",
        "title_en": "Draft service standard for passport issuance 2026",
        "summary": (
            "KBRI Singapura meninjau standar pelayanan paspor: persyaratan, "
            "waktu penyelesaian dan biaya. Sampaikan pendapat Anda."
        ),
        "summary_en": (
            "KBRI Singapura is reviewing its passport service standard: "
            "requirements, completion time and fees. Tell us what you think."
        ),
        "opens": -10,
        "closes": 20,
        "responses": 46,
        "poll": True,
    },
    {
        "unit": "DJPK",
        "slug": "fkp-pelindungan-wni-semenanjung-borneo",
        "title": "FKP standar pelayanan pelindungan WNI di Malaysia dan Singapura",
        "title_en": "FKP on the citizen-protection service standard in Malaysia and "
        "Singapore",
        "summary": (
            "Forum Konsultasi Publik Direktorat Jenderal Protokol dan Konsuler "
            "bersama KBRI Singapura, KBRI Kuala Lumpur, KJRI Johor Bahru, KJRI "
            "Penang, KJRI Kota Kinabalu, KJRI Kuching dan KRI Tawau."
        ),
        "summary_en": (
            "Public consultation forum of the Directorate General of Protocol and "
            "Consular Affairs with KBRI Singapura, KBRI Kuala Lumpur, KJRI Johor "
            "Bahru, KJRI Penang, KJRI Kota Kinabalu, KJRI Kuching and KRI Tawau."
        ),
        "opens": -150,
        "closes": -110,
        "responses": 120,
        "outcome": True,
    },
    {
        "unit": "KBRI Kuala Lumpur",
        "slug": "fkp-layanan-splp",
        "title": "Standar pelayanan Surat Perjalanan Laksana Paspor (SPLP)",
        "title_en": "Service standard for emergency travel documents (SPLP)",
        "summary": "Tinjauan waktu penyelesaian dan persyaratan SPLP.",
        "summary_en": "Review of the completion time and requirements of the SPLP.",
        "opens": -40,
        "closes": -14,
        "responses": 64,
    },
    {
        "unit": "KJRI Johor Bahru",
        "slug": "fkp-legalisasi-dokumen",
        "title": "Standar pelayanan legalisasi dokumen",
        "title_en": "Service standard for document legalisation",
        "summary": "Tinjauan biaya dan prosedur legalisasi dokumen.",
        "summary_en": "Review of the fees and procedure of document legalisation.",
        "opens": -160,
        "closes": -120,
        "responses": 38,
    },
    {
        "unit": "KJRI Toronto",
        "slug": "fkp-layanan-hari-sabtu",
        "title": "Layanan kekonsuleran hari Sabtu dan kunjungan rumah (Pertiwi)",
        "title_en": "Saturday consular service and home visits (Pertiwi)",
        "summary": "Usulan jadwal layanan hari Sabtu dan kunjungan rumah.",
        "summary_en": "Proposed Saturday service hours and home visits.",
        "opens": 7,
        "closes": 37,
        "responses": 0,
        "email": True,
    },
]


def seed_consultations(ctx: DemoContext) -> None:
    index = _consultation_index(ctx.home)
    created = 0
    for spec in CONSULTATIONS:
        unit = ctx.units.get(spec["unit"])
        if unit is None:
            continue
        if ConsultationPage.objects.child_of(unit).filter(slug=spec["slug"]).exists():
            continue
        _consultation(ctx, unit, spec)
        created += 1
    ctx.log(f"consultation: {created} consultations created, index {index.url_path}")


def _consultation_index(home) -> ConsultationIndexPage:
    page = ConsultationIndexPage.objects.child_of(home).first()
    if page is not None:
        return page
    page = home.add_child(
        instance=ConsultationIndexPage(
            title=INDEX_TITLE_ID, slug="konsultasi-publik", show_in_menus=True
        )
    )
    page.save_revision().publish()
    translate_page(page, "en", {INDEX_TITLE_ID: INDEX_TITLE_EN})
    return page


def _consultation(ctx: DemoContext, unit, spec: dict) -> ConsultationPage:
    from standards.models import ServiceStandardPage

    today = timezone.localdate()
    page = ConsultationPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        opens_on=today + datetime.timedelta(days=spec["opens"]),
        closes_on=today + datetime.timedelta(days=spec["closes"]),
        identity_level="email" if spec.get("email") else "open",
        audience="pengguna_layanan",
    )
    page.form_fields = [
        ConsultationFormField(
            label=label, field_type=kind, choices=choices, required=kind != "multiline"
        )
        for label, kind, choices in QUESTIONS
    ]
    standards = list(
        ServiceStandardPage.objects.child_of(unit).filter(locale=unit.locale)[:1]
    )
    page.standards = standards
    strings = {
        spec["title"]: spec["title_en"],
        spec["summary"]: spec["summary_en"],
        **QUESTIONS_EN,
    }
    if spec.get("outcome"):
        _outcome(ctx, page, strings)
    unit.add_child(instance=page)
    page.save_revision().publish()
    poll = None
    if spec.get("poll"):
        poll = _poll(page)
        page.content = [("poll", {"poll": poll})]
        page.save_revision().publish()
    if spec["responses"]:
        _consultation_responses(page, spec["responses"])
    if standards and spec.get("poll"):
        _comments(page, standards[0])
    translate_page(page, "en", strings)
    if poll is not None:
        translate_page(poll, "en", POLL_EN)
    return page


def _outcome(ctx: DemoContext, page: ConsultationPage, strings: dict) -> None:
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    minutes = document_model.objects.filter(title="Berita acara FKP DJPK").first()
    if minutes is None:
        minutes = document_model(title="Berita acara FKP DJPK")
        minutes.file.save("berita-acara-fkp-djpk.pdf", ContentFile(MINUTES_PDF))
        minutes.save()
    today = timezone.localdate()
    page.meeting_held_on = today - datetime.timedelta(days=120)
    page.meeting_format = "hybrid"
    page.meeting_place = "Gedung Kementerian Luar Negeri, Jakarta, dan daring"
    page.minutes = minutes
    page.participations = [
        MeetingParticipation(category=key, count=count)
        for key, count in (
            ("penyelenggara", 21),
            ("pengguna", 34),
            ("pemangku_kepentingan", 9),
            ("ahli", 3),
            ("oms", 6),
            ("media", 2),
        )
    ]
    summary = (
        "Peserta meminta persyaratan yang lebih sedikit, informasi biaya yang "
        "jelas dalam ringgit dan dolar Singapura, serta layanan keliling bagi "
        "pekerja migran di perkebunan Sabah dan Sarawak."
    )
    changes = (
        "Persyaratan fotokopi dokumen dihapus bila dokumen asli ditunjukkan; "
        "layanan keliling dijadwalkan setiap bulan di Sabah dan Sarawak."
    )
    page.outcome_published = True
    page.outcome_published_on = today - datetime.timedelta(days=40)
    page.outcome_summary = f"<p>{summary}</p>"
    page.outcome_changes = f"<p>{changes}</p>"
    commitments = [
        (
            "Kurangi persyaratan fotokopi.",
            "Menghapus fotokopi bila dokumen asli ditunjukkan.",
            "Direktorat Konsuler",
            -30,
            ActionState.DONE,
        ),
        (
            "Informasi biaya dalam mata uang setempat.",
            "Menerbitkan tarif PNBP dalam MYR dan SGD di setiap perwakilan.",
            "KBRI Kuala Lumpur",
            30,
            ActionState.IN_PROGRESS,
        ),
        (
            "Layanan keliling untuk pekerja migran.",
            "Layanan keliling bulanan di Sabah dan Sarawak.",
            "KJRI Kota Kinabalu",
            60,
            ActionState.PLANNED,
        ),
    ]
    page.commitments = [
        Commitment(
            said=said,
            action=action,
            owner=owner,
            due_date=today + datetime.timedelta(days=days),
            state=state,
        )
        for said, action, owner, days, state in commitments
    ]
    strings.update(
        {
            "Kurangi persyaratan fotokopi.": "Fewer photocopy requirements.",
            "Menghapus fotokopi bila dokumen asli ditunjukkan.": (
                "No photocopies when the original document is shown."
            ),
            "Direktorat Konsuler": "Directorate of Consular Affairs",
            "Informasi biaya dalam mata uang setempat.": "Fees in the local currency.",
            "Menerbitkan tarif PNBP dalam MYR dan SGD di setiap perwakilan.": (
                "Publish the PNBP fees in MYR and SGD at every mission."
            ),
            "Layanan keliling untuk pekerja migran.": (
                "Mobile services for migrant workers."
            ),
            "Layanan keliling bulanan di Sabah dan Sarawak.": (
                "Monthly mobile services in Sabah and Sarawak."
            ),
            summary: (
                "Participants asked for fewer requirements, clear fees in ringgit "
                "and Singapore dollars, and mobile services for migrant workers on "
                "the plantations of Sabah and Sarawak."
            ),
            changes: (
                "Copies are no longer required when originals are shown; mobile "
                "services are scheduled monthly in Sabah and Sarawak."
            ),
        }
    )


def _poll(page: ConsultationPage) -> PollPage:
    """The open consultation's poll (its own page, also placed in the page)."""
    poll = PollPage(
        title=POLL_TITLE_ID,
        description=(
            "Kami menimbang layanan tambahan di luar jam kerja; pilih satu hari."
        ),
        slug="jajak-hari-layanan",
        opens_at=timezone.now() - datetime.timedelta(days=10),
        closes_at=timezone.now() + datetime.timedelta(days=20),
    )
    poll.choices = [PollChoice(text=t) for t in ("Sabtu", "Minggu", "Malam hari")]
    page.add_child(instance=poll)
    poll.save_revision().publish()
    rng = random.Random("poll")
    Vote.objects.bulk_create(
        Vote(
            poll=poll, choice_index=rng.choice([0, 0, 0, 1, 2]), voter_key=f"c:demo{i}"
        )
        for i in range(57)
    )
    return poll


def _consultation_responses(page: ConsultationPage, count: int) -> None:
    rng = random.Random(f"fkp-{page.slug}")
    fields = list(page.form_fields.all())
    categories = [
        "pengguna",
        "pengguna",
        "pengguna",
        "pemangku_kepentingan",
        "ahli",
        "oms",
        "media",
    ]
    submissions = []
    for i in range(count):
        data = {}
        for field in fields:
            if field.field_type == "yesno":
                data[field.clean_name] = rng.choice(["yes", "yes", "no"])
            elif field.field_type == "radio":
                data[field.clean_name] = rng.choice(field.choices.split("\n"))
            elif field.field_type == "rating":
                data[field.clean_name] = str(rng.choice([3, 4, 4, 5, 5, 2]))
            else:
                data[field.clean_name] = rng.choice(
                    ["", "Mohon proses lebih cepat.", "Informasi biaya perlu jelas."]
                )
        submissions.append(
            ConsultationSubmission(
                page=page,
                form_data=data,
                respondent_key=f"c:demo-{i}",
                respondent_category=rng.choice(categories),
                confirmed=True,
                confirmed_at=timezone.now(),
            )
        )
    created = ConsultationSubmission.objects.bulk_create(submissions)
    if created and created[0].pk is None:
        created = list(ConsultationSubmission.objects.filter(page=page).order_by("pk"))
    choice_types = {"yesno", "radio", "rating", "checkboxes", "dropdown", "multiselect"}
    ConsultationAnswer.objects.bulk_create(
        ConsultationAnswer(
            submission=s, field=f.clean_name, value=s.form_data[f.clean_name]
        )
        for s in created
        for f in fields
        if f.field_type in choice_types
    )


def _comments(page: ConsultationPage, standard) -> None:
    rows = [
        (
            "persyaratan",
            "Surat sponsor sebaiknya tidak diwajibkan.",
            ModerationStatus.APPROVED,
        ),
        (
            "jangka_waktu",
            "Lima hari kerja terlalu lama bagi pekerja migran.",
            ModerationStatus.APPROVED,
        ),
        ("biaya", "Cantumkan biaya dalam dolar Singapura.", ModerationStatus.PENDING),
    ]
    ComponentComment.objects.bulk_create(
        ComponentComment(
            consultation=page,
            standard=standard,
            component=key,
            text=text,
            status=status,
            respondent_key=f"c:demo-c{i}",
        )
        for i, (key, text, status) in enumerate(rows)
    )
