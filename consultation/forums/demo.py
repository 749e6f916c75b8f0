"""Demo content of public consultations (FKP): one in every state, with
responses, a poll, comments and an outcome, translated into English.

Idempotent: consultations are found by slug under their unit.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.text import capfirst
from wagtail.documents import get_document_model

from cms.core.data import load_yaml
from cms.core.seeding import DemoContext
from cms.core.translation import translate_page
from standards.demo import DATA_FILE as STANDARDS_DATA
from standards.formatting import format_duration
from standards.models import ServiceStandardPage

from ..actions import ActionState
from ..moderation import ModerationStatus
from .minutes import minutes_pdf
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
MINUTES_TITLE = "Berita acara FKP DJPK"
QUESTIONS = [
    ("Apakah persyaratan yang diusulkan sudah jelas?", "yesno", ""),
    # Its choices are the reviewed standard's own requirements (`_questions`).
    ("Persyaratan mana yang paling memberatkan?", "radio", ""),
    ("Seberapa puas Anda dengan rancangan ini?", "rating", ""),
    ("Saran Anda untuk rancangan standar ini", "multiline", ""),
]
# A consultation about something other than a standard (opening hours).
PROPOSAL_QUESTIONS = [
    ("Seberapa puas Anda dengan usulan ini?", "rating", ""),
    ("Saran Anda untuk usulan ini", "multiline", ""),
]
NONE_OF_THEM = "Tidak ada"
QUESTIONS_EN = {
    "Apakah persyaratan yang diusulkan sudah jelas?": (
        "Are the proposed requirements clear?"
    ),
    "Persyaratan mana yang paling memberatkan?": (
        "Which requirement is the most burdensome?"
    ),
    NONE_OF_THEM: "None of them",
    "Seberapa puas Anda dengan rancangan ini?": (
        "How satisfied are you with this draft?"
    ),
    "Saran Anda untuk rancangan standar ini": (
        "Your suggestions for this draft standard"
    ),
    "Seberapa puas Anda dengan usulan ini?": (
        "How satisfied are you with this proposal?"
    ),
    "Saran Anda untuk usulan ini": "Your suggestions for this proposal",
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
        "standard": "paspor-baru",
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
        "standard": "splp",
        "opens": -40,
        "closes": -14,
        "responses": 64,
    },
    {
        "unit": "KJRI Johor Bahru",
        "slug": "fkp-bantuan-kekonsuleran",
        "title": "Standar pelayanan bantuan kekonsuleran bagi WNI bermasalah",
        "title_en": "Service standard for consular assistance to citizens in trouble",
        "summary": "Tinjauan waktu tanggap dan pendampingan bagi WNI bermasalah.",
        "summary_en": (
            "Review of the response time and support for citizens in trouble."
        ),
        "standard": "bantuan-kekonsuleran",
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
    # The standard the consultation reviews, named by its spec (none for a
    # consultation about something else, such as opening hours).
    standards = list(
        ServiceStandardPage.objects.child_of(unit).filter(
            locale=unit.locale, slug=spec.get("standard", "")
        )
    )
    page.standards = standards
    questions, questions_en = _questions(standards)
    # In order: without `sort_order` the editor's first save reordered them.
    page.form_fields = [
        ConsultationFormField(
            sort_order=position,
            label=label,
            field_type=kind,
            choices=choices,
            required=kind != "multiline",
        )
        for position, (label, kind, choices) in enumerate(questions)
    ]
    strings = {
        spec["title"]: spec["title_en"],
        spec["summary"]: spec["summary_en"],
        **questions_en,
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


def _questions(standards: list) -> tuple[list, dict[str, str]]:
    """The questionnaire of a consultation and its English: about the reviewed
    standard (its own first three requirements to choose from), or about a
    proposal when no standard is reviewed."""
    if not standards:
        return PROPOSAL_QUESTIONS, QUESTIONS_EN
    english = load_yaml(STANDARDS_DATA)["english"]
    requirements = [
        block.value["description"] for block in standards[0].specific.requirements
    ][:3]
    choices = "\n".join([*requirements, NONE_OF_THEM])
    questions = [
        (label, kind, choices if kind == "radio" else "")
        for label, kind, _choices in QUESTIONS
    ]
    return questions, {**QUESTIONS_EN, **{r: english.get(r, r) for r in requirements}}


def _outcome(ctx: DemoContext, page: ConsultationPage, strings: dict) -> None:
    today = timezone.localdate()
    page.meeting_held_on = today - datetime.timedelta(days=120)
    page.meeting_format = "hybrid"
    page.meeting_place = "Gedung Kementerian Luar Negeri, Jakarta"
    page.participations = [
        MeetingParticipation(sort_order=position, category=key, count=count)
        for position, (key, count) in enumerate(
            (
                ("penyelenggara", 21),
                ("pengguna", 34),
                ("pemangku_kepentingan", 9),
                ("ahli", 3),
                ("oms", 6),
                ("media", 2),
            )
        )
    ]
    summary = (
        "Peserta meminta persyaratan yang lebih sedikit, informasi biaya yang "
        "jelas dalam ringgit dan dolar Singapura, serta layanan keliling bagi "
        "pekerja migran di perkebunan Sabah dan Sarawak."
    )
    changes = (
        "Persyaratan fotokopi dokumen akan dihapus bila dokumen asli ditunjukkan, "
        "dengan standar pelayanan yang baru; layanan keliling akan dijadwalkan "
        "setiap bulan di Sabah dan Sarawak."
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
            45,
            ActionState.IN_PROGRESS,
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
            sort_order=position,
            said=said,
            action=action,
            owner=owner,
            due_date=today + datetime.timedelta(days=days),
            state=state,
        )
        for position, (said, action, owner, days, state) in enumerate(commitments)
    ]
    page.minutes = _minutes(page)
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
                "Copies will no longer be required when originals are shown, "
                "under the new service standards; mobile services will be "
                "scheduled monthly in Sabah and Sarawak."
            ),
        }
    )


def _minutes(page: ConsultationPage):
    """The signed minutes: a PDF of the meeting's record (`minutes_pdf`)."""
    document_model = get_document_model()
    minutes = document_model.objects.filter(title=MINUTES_TITLE).first()
    if minutes is None:
        minutes = document_model(title=MINUTES_TITLE)
        minutes.file.save(
            "berita-acara-fkp-djpk.pdf", ContentFile(minutes_pdf(page)), save=False
        )
        minutes.save()
    return minutes


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
    poll.choices = [
        PollChoice(sort_order=n, text=t)
        for n, t in enumerate(("Sabtu", "Minggu", "Malam hari"))
    ]
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
    """Comments that agree with the standard they are about: they quote its
    first requirement and its completion time as the standard states them."""
    standard = standard.specific
    requirement = standard.requirements[0].value["description"]
    with translation.override(standard.locale.language_code):
        duration = format_duration(
            standard.completion_time_value, standard.completion_time_unit
        )
    rows = [
        (
            "persyaratan",
            f"{requirement} sebaiknya dapat diunggah secara daring.",
            ModerationStatus.APPROVED,
        ),
        (
            "jangka_waktu",
            f"{capfirst(duration)} masih terlalu lama bagi pekerja migran.",
            ModerationStatus.APPROVED,
        ),
        (
            "biaya",
            "Sebutkan cara pembayaran biaya: tunai, kartu atau transfer.",
            ModerationStatus.PENDING,
        ),
    ]
    ComponentComment.objects.bulk_create(
        ComponentComment(
            consultation=page,
            standard=standard,
            component=key,
            text=text,
            language="id",
            status=status,
            respondent_key=f"c:demo-c{i}",
        )
        for i, (key, text, status) in enumerate(rows)
    )
