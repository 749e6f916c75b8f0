"""Demo content of public consultations (FKP): one in every state, with
responses, a poll, comments and an outcome, translated into English.

Idempotent: consultations are found by slug under their unit.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from cms.core.seeding import DemoContext
from cms.core.translation import translate_page
from standards.models import ServiceStandardPage

from ..actions import ActionState
from ..moderation import ModerationStatus
from .models import (
    Commitment,
    ConsultationFormField,
    ConsultationIndexPage,
    ConsultationPage,
    MeetingParticipation,
    PollChoice,
    PollPage,
)
from .records import ComponentComment, ConsultationAnswer, ConsultationSubmission, Vote

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


def seed(ctx: DemoContext) -> None:
    """The consultations index and a consultation in every state."""
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
            "KBRI Kuala Lumpur": "Indonesian Embassy in Kuala Lumpur",
            "KJRI Kota Kinabalu": "Indonesian Consulate General in Kota Kinabalu",
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
