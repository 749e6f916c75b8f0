"""Demo content of the innovation app: KIPP entries of three years.

Twelve entries of several units at every stage from submitted to the highest
award, with their history, panel scores, two replications, the showcase page,
and accounts for the committee and three panel members. Idempotent: entries are
found by slug under their unit and nothing is created twice.
"""

import datetime

from django.contrib.auth.models import Group

from cms.core.seeding import DemoContext
from cms.core.translation import translate_page

from . import kipp
from .models import (
    InnovationEntryPage,
    InnovationShowcasePage,
    Replication,
    StageChange,
    SustainableDevelopmentGoal,
)
from .permissions import COMMITTEE_GROUP, PANEL_GROUP
from .scoring import save_scores
from .stages import move_stage, submit_to_competition

SHOWCASE_INTRO_ID = (
    "Inovasi pelayanan publik unit-unit Kementerian Luar Negeri yang diikutsertakan "
    "dalam Kompetisi Inovasi Pelayanan Publik (KIPP), dari pengajuan hingga "
    "penghargaan."
)
SHOWCASE_INTRO_EN = (
    "Public-service innovations of the Ministry of Foreign Affairs' units entered in "
    "the national public-service innovation competition (KIPP), from submission to "
    "award."
)

# unit, slug, year, final stage, group, SDGs, title (id, en), and four sections
# (summary, problem, innovation, results) in Indonesian and English.
ENTRIES = [
    {
        "unit": "KJRI Toronto",
        "slug": "pandu",
        "year": 2021,
        "stage": "top99",
        "sdgs": [10, 16],
        "title": (
            "Pandu (Pelayanan Kekonsuleran Terpadu)",
            "Pandu (Integrated Consular Service)",
        ),
        "summary": (
            "Pandu memadukan layanan kekonsuleran hari Sabtu, kunjungan rumah "
            "prioritas bagi penyandang disabilitas, ibu hamil dan lansia, serta "
            "paspor elektronik bagi WNI di Kanada.",
            "Pandu brings together a Saturday consular service, priority home visits "
            "for people with disabilities, pregnant women and the elderly, and "
            "electronic passports for Indonesians in Canada.",
        ),
        "problem": (
            "WNI di Kanada tinggal tersebar jauh dari Toronto dan banyak yang tidak "
            "dapat meninggalkan pekerjaan pada hari kerja untuk mengurus paspor.",
            "Indonesians in Canada live far from Toronto, and many cannot leave work "
            "on weekdays to apply for a passport.",
        ),
        "innovation": (
            "Layanan dibuka setiap Sabtu; petugas mendatangi rumah pemohon yang "
            "penyandang disabilitas, hamil atau lanjut usia; paspor elektronik "
            "diterbitkan di Toronto.",
            "The consulate opens every Saturday; staff visit applicants at home who "
            "have disabilities, are pregnant or elderly; electronic passports are "
            "issued in Toronto.",
        ),
        "results": (
            "Waktu tunggu turun dari tiga minggu menjadi lima hari kerja; Pandu "
            "masuk Top 99 KIPP 2021.",
            "Waiting times fell from three weeks to five working days; Pandu reached "
            "the KIPP 2021 Top 99.",
        ),
    },
    {
        "unit": "Kemlu",
        "slug": "peduli-wni",
        "year": 2021,
        "stage": "top45",
        "sdgs": [10, 16, 17],
        "title": ("Portal Peduli WNI", "Peduli WNI portal"),
        "summary": (
            "Portal Peduli WNI menyatukan lapor diri, pengaduan dan pelindungan WNI "
            "di luar negeri dalam satu layanan daring.",
            "The Peduli WNI portal brings self-registration, complaints and "
            "protection of Indonesians abroad into one online service.",
        ),
        "problem": (
            "Data WNI di luar negeri tersebar di banyak perwakilan sehingga "
            "pelindungan dalam keadaan darurat lambat.",
            "Data on Indonesians abroad was scattered across missions, which slowed "
            "protection in emergencies.",
        ),
        "innovation": (
            "Satu portal untuk lapor diri dan pengaduan yang terhubung dengan semua "
            "perwakilan RI.",
            "One portal for self-registration and complaints, connected to every "
            "Indonesian mission.",
        ),
        "results": (
            "Jutaan WNI terdaftar; evakuasi dan bantuan darurat dapat menjangkau "
            "mereka lebih cepat.",
            "Millions of Indonesians are registered; evacuations and emergency help "
            "reach them faster.",
        ),
    },
    {
        "unit": "Kemlu",
        "slug": "safe-travel",
        "year": 2022,
        "stage": "top99",
        "sdgs": [3, 16],
        "title": ("Aplikasi Safe Travel", "Safe Travel app"),
        "summary": (
            "Safe Travel memberi WNI informasi keselamatan perjalanan, imbauan dan "
            "kontak darurat perwakilan RI di setiap negara.",
            "Safe Travel gives Indonesians travel-safety information, advisories and "
            "the emergency contacts of Indonesian missions in every country.",
        ),
        "problem": (
            "Pelancong dan pekerja migran sering tidak tahu ke mana meminta bantuan "
            "saat menghadapi masalah di luar negeri.",
            "Travellers and migrant workers often did not know where to ask for help "
            "when in trouble abroad.",
        ),
        "innovation": (
            "Aplikasi bergerak dengan imbauan perjalanan, tombol darurat dan lapor "
            "diri yang terhubung ke Peduli WNI.",
            "A mobile app with travel advisories, an emergency button and "
            "self-registration linked to Peduli WNI.",
        ),
        "results": (
            "Pengguna menerima imbauan langsung saat krisis dan perwakilan dapat "
            "menghubungi mereka lebih cepat.",
            "Users receive advisories directly during crises and missions can reach "
            "them faster.",
        ),
    },
    {
        "unit": "KBRI Singapura",
        "slug": "paspor-sehari-jadi",
        "year": 2021,
        "stage": "not_selected",
        "sdgs": [10],
        "title": ("Paspor Sehari Jadi", "Same-day passports"),
        # A pilot that ended: the unit's passport standard says 3 working days.
        "summary": (
            "Dalam uji coba 2020–2021, paspor diterbitkan pada hari yang sama bagi "
            "pemohon dengan berkas lengkap.",
            "In a 2020–2021 pilot, passports were issued on the same day for "
            "applicants with complete documents.",
        ),
        "problem": (
            "Pekerja migran harus datang dua kali dan kehilangan upah harian.",
            "Migrant workers had to come twice and lost a day's wages.",
        ),
        "innovation": (
            "Pemeriksaan berkas daring sebelum kedatangan dan pencetakan di tempat.",
            "Online document checks before the visit and on-site printing.",
        ),
        "results": (
            "Selama uji coba, delapan dari sepuluh pemohon menerima paspor pada "
            "hari yang sama.",
            "During the pilot, eight in ten applicants received their passport on "
            "the same day.",
        ),
    },
    {
        "unit": "KBRI Kuala Lumpur",
        "slug": "layanan-jemput-bola",
        "year": 2022,
        "stage": "top45",
        "sdgs": [8, 10],
        "title": ("Layanan Jemput Bola", "Outreach consular service"),
        "summary": (
            "Tim kekonsuleran keliling mendatangi perkebunan dan kawasan industri "
            "tempat pekerja migran tinggal.",
            "A mobile consular team visits the plantations and industrial estates "
            "where migrant workers live.",
        ),
        "problem": (
            "Banyak pekerja migran tidak dapat meninggalkan tempat kerja untuk "
            "mengurus dokumen.",
            "Many migrant workers cannot leave their workplace to renew documents.",
        ),
        "innovation": (
            "Layanan paspor dan pencatatan sipil dibawa ke lokasi kerja dengan "
            "jadwal yang diumumkan.",
            "Passport and civil-registration services are brought to workplaces on "
            "an announced schedule.",
        ),
        "results": (
            "Ribuan pekerja memperoleh dokumen sah tanpa kehilangan upah.",
            "Thousands of workers obtained valid documents without losing wages.",
        ),
    },
    {
        "unit": "KJRI Johor Bahru",
        "slug": "sipandu-pmi",
        "year": 2022,
        "stage": "admin_passed",
        "sdgs": [8],
        "title": ("Sipandu PMI", "Sipandu for migrant workers"),
        "summary": (
            "Layanan pengaduan pekerja migran melalui pesan singkat yang ditangani "
            "dalam satu hari kerja.",
            "A text-message complaint service for migrant workers, handled within "
            "one working day.",
        ),
        "problem": (
            "Pengaduan pekerja migran menumpuk di loket dan terlambat ditangani.",
            "Migrant workers' complaints piled up at the counter and were handled "
            "late.",
        ),
        "innovation": (
            "Pengaduan diterima melalui WhatsApp, diberi nomor dan dipantau sampai "
            "selesai.",
            "Complaints are received on WhatsApp, numbered and tracked until resolved.",
        ),
        "results": (
            "Rata-rata waktu tanggapan turun menjadi satu hari kerja.",
            "The average response time fell to one working day.",
        ),
    },
    {
        "unit": "KJRI Penang",
        "slug": "antrean-daring",
        "year": 2022,
        "stage": "submitted",
        "sdgs": [9],
        "title": ("Antrean Daring", "Online queue"),
        "summary": (
            "Pemohon memilih jam kedatangan secara daring sehingga antrean di "
            "kantor hilang.",
            "Applicants choose their arrival time online, so queues at the office "
            "disappear.",
        ),
        "problem": (
            "Pemohon mengantre sejak subuh di depan kantor.",
            "Applicants queued from dawn outside the office.",
        ),
        "innovation": (
            "Sistem janji temu daring dengan kuota per jam.",
            "An online appointment system with hourly quotas.",
        ),
        "results": (
            "Waktu tunggu di kantor kurang dari tiga puluh menit.",
            "Waiting time at the office is under thirty minutes.",
        ),
    },
    {
        "unit": "DJPK",
        "slug": "legalisasi-elektronik",
        "year": 2023,
        "stage": "outstanding",
        "sdgs": [9, 16],
        "title": ("Legalisasi Elektronik", "Electronic legalisation"),
        "summary": (
            "Legalisasi dokumen diajukan dan diverifikasi secara elektronik dengan "
            "kode QR.",
            "Document legalisation is applied for and verified electronically with "
            "a QR code.",
        ),
        "problem": (
            "Pemohon dari luar Jakarta harus datang sendiri untuk legalisasi.",
            "Applicants outside Jakarta had to come in person for legalisation.",
        ),
        "innovation": (
            "Permohonan daring, pembayaran elektronik dan verifikasi keaslian "
            "melalui kode QR.",
            "Online applications, electronic payment and authenticity checks by QR "
            "code.",
        ),
        "results": (
            "Legalisasi selesai dalam dua hari kerja dan dapat diverifikasi di mana "
            "saja.",
            "Legalisation takes two working days and can be verified anywhere.",
        ),
    },
    {
        "unit": "MKAA",
        "slug": "museum-inklusif",
        "year": 2023,
        "stage": "top99",
        "sdgs": [4, 10],
        "title": ("Museum Inklusif", "Inclusive museum"),
        "summary": (
            "Tur berbahasa isyarat, label braille dan jalur ramah kursi roda di "
            "Museum Konferensi Asia Afrika.",
            "Sign-language tours, braille labels and wheelchair-friendly routes at "
            "the Asian-African Conference Museum.",
        ),
        "problem": (
            "Pengunjung penyandang disabilitas sulit menikmati koleksi museum.",
            "Visitors with disabilities struggled to enjoy the museum's collection.",
        ),
        "innovation": (
            "Pemandu terlatih bahasa isyarat, materi braille dan audio deskripsi.",
            "Guides trained in sign language, braille material and audio description.",
        ),
        "results": (
            "Kunjungan penyandang disabilitas meningkat tiga kali lipat.",
            "Visits by people with disabilities tripled.",
        ),
    },
    {
        "unit": "KJRI San Francisco",
        "slug": "konsuler-virtual",
        "year": 2023,
        "stage": "admin_passed",
        "sdgs": [9],
        "title": ("Konsuler Virtual", "Virtual consular desk"),
        "summary": (
            "Konsultasi kekonsuleran melalui video bagi WNI di wilayah kerja yang "
            "luas.",
            "Consular advice by video for Indonesians across a wide consular district.",
        ),
        "problem": (
            "WNI harus terbang ratusan kilometer hanya untuk bertanya.",
            "Indonesians had to fly hundreds of kilometres just to ask a question.",
        ),
        "innovation": (
            "Jadwal konsultasi video harian dan pemeriksaan berkas jarak jauh.",
            "Daily video consultation slots and remote document checks.",
        ),
        "results": (
            "Kunjungan yang gagal karena berkas kurang hampir hilang.",
            "Visits wasted on incomplete documents almost disappeared.",
        ),
    },
    {
        "unit": "KBRI Washington DC",
        "slug": "diaspora-care",
        "year": 2023,
        "stage": "submitted",
        "sdgs": [17],
        "title": ("Diaspora Care", "Diaspora Care"),
        "summary": (
            "Jejaring relawan diaspora yang membantu WNI baru di Amerika Serikat.",
            "A network of diaspora volunteers who help newly arrived Indonesians in "
            "the United States.",
        ),
        "problem": (
            "WNI yang baru tiba tidak tahu layanan yang tersedia.",
            "Newly arrived Indonesians did not know which services exist.",
        ),
        "innovation": (
            "Relawan terlatih mendampingi WNI baru selama tiga bulan pertama.",
            "Trained volunteers accompany newcomers through their first three months.",
        ),
        "results": (
            "Pengaduan WNI baru berkurang dan lapor diri meningkat.",
            "Complaints from newcomers fell and self-registration rose.",
        ),
    },
    {
        "unit": "KRI Tawau",
        "slug": "sekolah-perbatasan",
        "year": 2021,
        "stage": "admin_passed",
        "sdgs": [4],
        "title": ("Dokumen Anak Perbatasan", "Documents for border children"),
        "summary": (
            "Pencatatan kelahiran dan dokumen anak pekerja migran di perkebunan Sabah.",
            "Birth registration and documents for migrant workers' children on "
            "Sabah's plantations.",
        ),
        "problem": (
            "Anak pekerja migran tidak memiliki akta kelahiran sehingga sulit "
            "bersekolah.",
            "Migrant workers' children lacked birth certificates and could not "
            "enrol in school.",
        ),
        "innovation": (
            "Pencatatan kelahiran keliling bersama sekolah komunitas.",
            "Mobile birth registration together with community schools.",
        ),
        "results": (
            "Ribuan anak memperoleh akta kelahiran dan dapat bersekolah.",
            "Thousands of children received birth certificates and enrolled in school.",
        ),
    },
]

REPLICATIONS = [
    (
        "pandu",
        "KBRI Singapura",
        datetime.date(2022, 3, 5),
        "Layanan Sabtu untuk paspor dan kunjungan rumah bagi lansia.",
    ),
    (
        "layanan-jemput-bola",
        "KJRI Kota Kinabalu",
        datetime.date(2023, 2, 11),
        "Layanan keliling ke perkebunan di Sabah.",
    ),
]


def _sections(item: dict, unit_name: str) -> dict[str, tuple[str, str]]:
    """All proposal sections in both languages: four written, four templated."""
    title_id, title_en = item["title"]
    return {
        "ringkasan": item["summary"],
        "latar_belakang": item["problem"],
        "kebaruan": item["innovation"],
        "implementasi": (
            f"{title_id} dijalankan oleh {unit_name} sejak {item['year'] - 2} "
            "dengan prosedur operasional standar yang ditetapkan pimpinan unit.",
            f"{unit_name} has run {title_en} since {item['year'] - 2} under a "
            "standard operating procedure set by the head of unit.",
        ),
        "signifikansi": item["results"],
        "adaptabilitas": (
            "Inovasi ini dapat diterapkan perwakilan lain dengan sumber daya yang "
            "sama; panduannya tersedia bagi unit yang ingin mereplikasi.",
            "Other missions can apply this innovation with the same resources; a "
            "guide is available for units that want to replicate it.",
        ),
        "sumber_daya": (
            "Dijalankan oleh staf yang ada dengan anggaran operasional rutin.",
            "Run by existing staff on the routine operating budget.",
        ),
        "keberlanjutan": (
            "Ditetapkan dalam keputusan pimpinan unit dan dipantau melalui survei "
            "kepuasan masyarakat setiap semester.",
            "Set out in a decision of the head of unit and monitored through the "
            "satisfaction survey every semester.",
        ),
    }


def seed(ctx: DemoContext) -> None:
    if not ctx.home:
        return
    showcase = _showcase(ctx)
    committee = ctx.user("komite-kipp", "KIPP committee")
    committee.groups.add(Group.objects.get(name=COMMITTEE_GROUP))
    panel = []
    for n in (1, 2, 3):
        member = ctx.user(f"panel-kipp-{n}", f"KIPP panel member {n}")
        member.groups.add(Group.objects.get(name=PANEL_GROUP))
        panel.append(member)

    entries = {}
    for position, item in enumerate(ENTRIES):
        unit = ctx.units.get(item["unit"])
        if unit is None:
            continue
        entries[item["slug"]] = _entry(unit, item, position, committee, panel)
    for slug, unit_name, when, notes in REPLICATIONS:
        if slug in entries and unit_name in ctx.units:
            Replication.objects.get_or_create(
                original=entries[slug],
                unit=ctx.units[unit_name],
                defaults={
                    "replicated_on": when,
                    "notes": notes,
                    "published_notes": notes,
                },
            )
    ctx.log(f"innovation: {len(entries)} KIPP entries, showcase at {showcase.url}")


def _showcase(ctx: DemoContext) -> InnovationShowcasePage:
    page = InnovationShowcasePage.objects.child_of(ctx.home).first()
    if page is None:
        page = ctx.home.add_child(
            instance=InnovationShowcasePage(
                title="Etalase inovasi",
                slug="inovasi",
                show_in_menus=True,
                intro=f"<p>{SHOWCASE_INTRO_ID}</p>",
            )
        )
        page.save_revision().publish()
        translate_page(
            page,
            "en",
            {
                "Etalase inovasi": "Innovation showcase",
                SHOWCASE_INTRO_ID: SHOWCASE_INTRO_EN,
            },
        )
    return page


def _entry(unit, item, position, committee, panel) -> InnovationEntryPage:
    existing = InnovationEntryPage.objects.child_of(unit).filter(slug=item["slug"])
    if existing.exists():
        return existing.first()
    unit_name = unit.short_name or unit.title
    sections = _sections(item, unit_name)
    title_id, title_en = item["title"]
    entry = InnovationEntryPage(
        title=title_id,
        slug=item["slug"],
        competition_year=item["year"],
        group="umum",
        implementation_start=datetime.date(item["year"] - 2, 1, 4),
        contact_name=f"Tim Inovasi {unit_name}",
        contact_email=unit.email,
        **{key: texts[0] for key, texts in sections.items()},
    )
    unit.add_child(instance=entry)
    entry.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=item["sdgs"]))
    entry.save_revision().publish()
    _history(entry, item["stage"], committee)
    strings = {title_id: title_en}
    strings.update({texts[0]: texts[1] for texts in sections.values()})
    translate_page(entry, "en", strings)
    _scores(entry, position, panel)
    return entry


def _history(entry: InnovationEntryPage, final_stage: str, committee) -> None:
    """Move the entry from submitted to `final_stage` as the committee would."""
    order = kipp.stage_order()
    if final_stage == kipp.NOT_SELECTED:
        path = ["admin_passed", kipp.NOT_SELECTED]
    else:
        path = order[order.index(kipp.SUBMITTED) + 1 : order.index(final_stage) + 1]
    submit_to_competition(entry, None)
    for stage in path:
        move_stage(entry, stage, committee)
    for step, change in enumerate(StageChange.objects.filter(entry=entry)):
        # Spread the moves over the competition year, as in a real round.
        when = datetime.datetime(
            entry.competition_year, 3 + 2 * step, 15, 10, tzinfo=datetime.UTC
        )
        StageChange.objects.filter(pk=change.pk).update(changed_at=when)
    entry.refresh_from_db()


def _scores(entry: InnovationEntryPage, position: int, panel) -> None:
    """Deterministic panel scores: higher stages score higher."""
    order = kipp.stage_order()
    rank = order.index(entry.stage) if entry.stage in order else 1
    for offset, member in enumerate(panel):
        base = 55 + rank * 6 + (position * 3 + offset * 4) % 9
        save_scores(
            entry,
            member,
            {
                key: min(100, base + (index * 2 + offset) % 7)
                for index, key in enumerate(kipp.section_weights())
            },
        )
