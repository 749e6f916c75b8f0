"""Search benchmark: rebuild time and search API latency per engine.

Seeds, in bulk, 10,000 service standards, 1,000 public consultations and 2,000
KIPP innovation entries (about a tenth of each in English) under 20 units into
its own database, rebuilds the database engine's store and the test cluster's
indices (osmem-server on a free 127.0.0.1 port), then sends a fixed list of
queries (words, a phrase, a typo, an English query, unit, kind and year filters)
to `/api/search/` on each engine. Figures go to `var/bench.json` (section
"search", with targets) through `tests.bench.report`.

    python -m tests.bench.search_bench [--standards 10000] [--consultations 1000]
                                       [--innovations 2000] [--repeat 5]

The database is `var/search_bench.sqlite3` unless `DATABASE_URL` is set. The
database-engine target is for PostgreSQL; `make bench` measures on SQLite
unless `DATABASE_URL` is given, so for the PostgreSQL figure run::

    createdb -h 127.0.0.1 -U postgres bench_search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        .venv/bin/python -m tests.bench.search_bench

Targets (issue 7): rebuild into the test cluster under 60 s; p95 under 100 ms on
the database engine (PostgreSQL); the Elasticsearch path adding under 10 ms to
the cluster's own `took` at p50 (the time of `search.service.search` minus the
`took` the cluster reports, summed over its requests). One warm-up pass runs
before timing, so per-process caches (synonyms, vocabulary) are measured warm.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var"

UNITS = [
    ("KBRI Singapura", "kbri"),
    ("KBRI Kuala Lumpur", "kbri"),
    ("KJRI Johor Bahru", "kjri"),
    ("KBRI Tokyo", "kbri"),
    ("KJRI Osaka", "kjri"),
    ("KBRI Canberra", "kbri"),
    ("KJRI Sydney", "kjri"),
    ("KJRI Perth", "kjri"),
    ("KBRI Den Haag", "kbri"),
    ("KBRI London", "kbri"),
    ("KBRI Berlin", "kbri"),
    ("KJRI Frankfurt", "kjri"),
    ("KBRI Washington DC", "kbri"),
    ("KJRI New York", "kjri"),
    ("KJRI Los Angeles", "kjri"),
    ("KJRI Toronto", "kjri"),
    ("KBRI Ottawa", "kbri"),
    ("KBRI Riyadh", "kbri"),
    ("KJRI Jeddah", "kjri"),
    ("KBRI Kairo", "kbri"),
]
# (Indonesian name, English name, standards category)
SERVICES = [
    ("Penerbitan paspor biasa", "Ordinary passport issuance", "paspor"),
    ("Penggantian paspor hilang atau rusak", "Lost or damaged passport", "paspor"),
    ("Surat perjalanan laksana paspor", "Emergency travel document", "paspor"),
    ("Legalisasi dokumen", "Document legalisation", "legalisasi"),
    ("Legalisasi ijazah dan transkrip", "Diploma legalisation", "legalisasi"),
    ("Visa kunjungan", "Visit visa", "visa"),
    ("Visa tinggal terbatas", "Limited stay visa", "visa"),
    ("Pencatatan kelahiran", "Birth registration", "pencatatan_sipil"),
    ("Pencatatan perkawinan", "Marriage registration", "pencatatan_sipil"),
    ("Surat keterangan pindah", "Certificate of moving", "pencatatan_sipil"),
    ("Pelindungan warga negara Indonesia", "Citizen protection", "pelindungan_wni"),
    ("Bantuan hukum pekerja migran", "Legal aid for migrants", "pelindungan_wni"),
    ("Kewarganegaraan ganda anak", "Dual citizenship", "kewarganegaraan"),
    ("Fasilitas keprotokolan", "Protocol facilities", "keprotokolan"),
    ("Penerjemahan dokumen resmi", "Official translation", "lainnya"),
]
SENTENCES_ID = [
    "Pemohon datang ke loket dengan membawa dokumen asli dan fotokopi.",
    "Layanan tersedia bagi penyandang disabilitas, lansia dan ibu hamil.",
    "Biaya sesuai ketentuan penerimaan negara bukan pajak (PNBP).",
    "Antrean daring dibuka setiap hari kerja pukul sembilan pagi.",
    "Pengaduan dapat disampaikan melalui surel, telepon atau kotak saran.",
    "Warga negara Indonesia di luar negeri dianjurkan melapor diri.",
    "Permohonan diproses paling lama tiga hari kerja sejak berkas lengkap.",
    "Petugas memeriksa kelengkapan persyaratan sebelum permohonan diterima.",
    "Paspor yang telah selesai dapat diambil sendiri atau dikirim melalui pos.",
    "Legalisasi dilakukan atas dokumen yang diterbitkan instansi di Indonesia.",
    "Ruang tunggu dilengkapi kursi roda, jalur landai dan toilet khusus.",
    "Hasil survei kepuasan masyarakat diumumkan setiap semester.",
    "Pekerja migran mendapat pendampingan hukum tanpa biaya.",
    "Akta kelahiran anak dicatatkan pada perwakilan setempat.",
    "Kartu tanda penduduk elektronik dan kartu keluarga wajib dibawa.",
]
SENTENCES_EN = [
    "Applicants come to the counter with the original documents and copies.",
    "The service is accessible to persons with disabilities and the elderly.",
    "Fees follow the regulation on non-tax state revenue.",
    "Online queue booking opens every working day at nine in the morning.",
    "Complaints can be sent by e-mail, telephone or the suggestion box.",
    "Indonesian citizens abroad are encouraged to register with the mission.",
    "Applications are processed within three working days once complete.",
    "Finished passports can be collected in person or sent by post.",
    "The waiting room has wheelchairs, ramps and an accessible toilet.",
]
INNOVATIONS_ID = [
    "Paspor keliling untuk pekerja migran",
    "Layanan inklusif ramah disabilitas",
    "Antrean daring tanpa tatap muka",
    "Juru bahasa isyarat di loket layanan",
    "Legalisasi dokumen elektronik",
    "Pengaduan cepat lewat aplikasi pesan",
    "Pojok baca dan ruang laktasi",
    "Layanan jemput bola bagi lansia dan disabilitas",
    "Sistem informasi pelindungan warga",
    "Konsultasi hukum daring bagi pekerja migran",
]
INNOVATIONS_EN = [
    "Mobile passport service for migrant workers",
    "Disability-friendly inclusive service",
    "Sign language interpreters at the counter",
    "Electronic document legalisation",
]
QUERIES: list[dict[str, str]] = [
    {"q": "paspor"},
    {"q": "legalisasi"},
    {"q": "konsultasi publik"},
    {"q": "inovasi disabilitas"},
    {"q": "passport", "locale": "en"},
    {"q": "paspor", "unit": "KBRI Singapura"},
    {"q": "layanan", "kind": "innovation"},
    {"q": "konsultasi", "year": "2025"},
    {"q": '"penerbitan paspor"'},
    {"q": "pasport"},
    {"q": "WNI"},
    {"q": "visa kunjungan"},
]


def setup_django() -> None:
    VAR.mkdir(exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{VAR / 'search_bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    os.environ["SEARCH_AUTO_INDEX"] = "false"
    os.environ["ELASTICSEARCH_URL"] = ""
    os.environ["LOG_LEVEL"] = "ERROR"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _sentences(rng: random.Random, bank: list[str], count: int) -> str:
    return " ".join(rng.sample(bank, count))


def child_step(node_class, position: int) -> str:
    """The path segment of a `position`-th child, as treebeard writes it:
    `position` in the node class's `alphabet`, padded to its `steplen`."""
    alphabet, digits = node_class.alphabet, ""
    while position:
        position, digit = divmod(position, len(alphabet))
        digits = alphabet[digit] + digits
    return digits.rjust(node_class.steplen, alphabet[0])


def bulk_pages(model, parent, rows: list[tuple[str, str, dict]]) -> int:
    """Insert `rows` (title, language code, model fields) as live children of
    `parent`, in bulk: the `Page` rows with `bulk_create`, then the page type's
    own table with one INSERT per 500 rows (multi-table inheritance rules out
    `bulk_create` on `model`). No revisions, no signals: the benchmark indexes
    them itself.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Locale, Page

    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    parent = Page.objects.get(pk=parent.pk)
    start = parent.numchild
    pages = []
    for i, (title, language, _fields) in enumerate(rows):
        slug = f"{model._meta.model_name}-{start + i}"
        pages.append(
            Page(
                path=parent.path + child_step(Page, start + i + 1),
                depth=parent.depth + 1,
                numchild=0,
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                live=True,
                url_path=f"{parent.url_path}{slug}/",
                locale=locales[language],
                translation_key=uuid.uuid4(),
                first_published_at=now,
                last_published_at=now,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=500)
    if created and created[0].pk is None:
        by_path = dict(
            Page.objects.filter(path__in=[p.path for p in pages]).values_list(
                "path", "pk"
            )
        )
        for page in created:
            page.pk = page.id = by_path[page.path]
    page_fields = [f.attname for f in Page._meta.concrete_fields]
    objs = []
    for page, (_title, _language, fields) in zip(created, rows, strict=True):
        obj = model(**fields)
        obj.__dict__.update({name: getattr(page, name) for name in page_fields})
        obj.page_ptr_id = page.pk
        objs.append(obj)
    own_fields = list(model._meta.local_concrete_fields)
    for first in range(0, len(objs), 500):
        model._base_manager._insert(
            objs[first : first + 500], fields=own_fields, using=connection.alias
        )
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))
    return len(rows)


def _language(rng: random.Random) -> str:
    return "en" if rng.random() < 0.1 else "id"


def seed_standards(units, count: int, rng: random.Random) -> None:
    from standards.models import ServiceStandardPage

    for n, unit in enumerate(units):
        rows = []
        for _i in range(count // len(units) + (n < count % len(units))):
            name_id, name_en, category = rng.choice(SERVICES)
            language = _language(rng)
            english = language == "en"
            bank = SENTENCES_EN if english else SENTENCES_ID
            title = f"{name_en if english else name_id} — {unit.short_name}"
            rows.append(
                (
                    title,
                    language,
                    {
                        "summary": (
                            f"Service standard: {name_en.lower()}. "
                            if english
                            else f"Standar pelayanan {name_id.lower()}. "
                        )
                        + _sentences(rng, bank, 2),
                        "category": category,
                        "facilities": _sentences(rng, bank, 3),
                        "staff_competence": _sentences(rng, bank, 2),
                        "service_guarantee": _sentences(rng, bank, 2),
                        "unit_id": unit.pk,
                        "effective_date": datetime.date(
                            rng.choice([2023, 2024, 2025, 2026]), rng.randint(1, 12), 1
                        ),
                    },
                )
            )
        bulk_pages(ServiceStandardPage, unit, rows)


def seed_consultations(units, count: int, rng: random.Random) -> None:
    from consultation.forums.choices import Audience
    from consultation.models import ConsultationPage

    audiences = [choice for choice, _label in Audience.choices]
    for n, unit in enumerate(units):
        rows = []
        for _i in range(count // len(units) + (n < count % len(units))):
            name_id, name_en, _category = rng.choice(SERVICES)
            language = _language(rng)
            english = language == "en"
            opens = datetime.date(
                rng.choice([2024, 2025, 2026]), rng.randint(1, 12), rng.randint(1, 28)
            )
            closes = opens + datetime.timedelta(days=21)
            if english:
                title = f"Public consultation on the {name_en.lower()} standard"
                summary = (
                    f"Tell us how the {name_en.lower()} service at "
                    f"{unit.short_name} can improve. "
                ) + _sentences(rng, SENTENCES_EN, 1)
                body = _sentences(rng, SENTENCES_EN, 3)
            else:
                title = f"Konsultasi publik standar pelayanan {name_id.lower()}"
                summary = (
                    f"Forum konsultasi publik rancangan standar pelayanan "
                    f"{name_id.lower()} di {unit.short_name}. "
                ) + _sentences(rng, SENTENCES_ID, 1)
                body = _sentences(rng, SENTENCES_ID, 3)
            rows.append(
                (
                    title,
                    language,
                    {
                        "summary": summary[:600],
                        "body": f"<p>{body}</p>",
                        "audience": rng.choice(audiences),
                        "opens_on": opens,
                        "closes_on": closes,
                        "opens_at": datetime.datetime.combine(
                            opens, datetime.time(0, 0), tzinfo=datetime.UTC
                        ),
                        "closes_at": datetime.datetime.combine(
                            closes, datetime.time(23, 59), tzinfo=datetime.UTC
                        ),
                    },
                )
            )
        bulk_pages(ConsultationPage, unit, rows)


def seed_innovations(units, count: int, rng: random.Random) -> None:
    from innovation import kipp
    from innovation.models import InnovationEntryPage

    sections = [s.key for s in kipp.proposal_sections()]
    groups = [key for key, _label in kipp.group_choices()]
    stages = kipp.stage_order()
    for n, unit in enumerate(units):
        rows = []
        for i in range(count // len(units) + (n < count % len(units))):
            language = _language(rng)
            english = language == "en"
            name = rng.choice(INNOVATIONS_EN if english else INNOVATIONS_ID)
            bank = SENTENCES_EN if english else SENTENCES_ID
            prefix = "Innovation" if english else "Inovasi"
            fields = {
                key: f"{prefix} {name.lower()}. {_sentences(rng, bank, 2)}"
                for key in sections
            }
            fields.update(
                competition_year=rng.choice([2023, 2024, 2025, 2026]),
                group=rng.choice(groups),
                stage=rng.choice(stages),
                implementation_start=datetime.date(2021, 1, 4),
            )
            rows.append((f"{name} {unit.short_name} {i + 1}", language, fields))
        bulk_pages(InnovationEntryPage, unit, rows)


def seed(standards: int, consultations: int, innovations: int) -> dict[str, int]:
    """Units and the pages of each kind, created in bulk (once per database)."""
    from django.db import transaction
    from wagtail.models import Locale, Page, Site

    from cms.core.factories import (
        HomePageFactory,
        UnitIndexPageFactory,
        UnitPageFactory,
    )
    from cms.core.models import UnitPage
    from consultation.models import ConsultationPage
    from innovation.models import InnovationEntryPage
    from standards.models import ServiceStandardPage

    Locale.objects.get_or_create(language_code="id")
    Locale.objects.get_or_create(language_code="en")
    home = Page.objects.filter(depth=2, slug="bench").first()
    if home is None:
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="bench")
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home, "port": 80},
        )
        index = UnitIndexPageFactory(parent=home)
        for name, unit_type in UNITS:
            UnitPageFactory(parent=index, title=name, unit_type=unit_type)
    units = list(UnitPage.objects.filter(depth=4).order_by("path"))
    rng = random.Random(7)
    wanted = [
        (ServiceStandardPage, standards, seed_standards),
        (ConsultationPage, consultations, seed_consultations),
        (InnovationEntryPage, innovations, seed_innovations),
    ]
    counts = {}
    for model, count, make in wanted:
        existing = model.objects.count()
        if existing < count:
            with transaction.atomic():
                make(units, count - existing, rng)
        counts[model._meta.model_name] = model.objects.count()
    return counts


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def measure(repeat: int) -> dict[str, float]:
    """API latency p50/p95 over `repeat` rounds of QUERIES, and overhead over took."""
    from django.test import Client

    from search.query import parse_params
    from search.service import search

    client = Client()
    for params in QUERIES:  # warm-up: per-process caches, connections
        response = client.get("/api/search/", params)
        assert response.status_code == 200, response.content
        assert response.json()["total"] > 0, params
    latencies, overheads = [], []
    for _ in range(repeat):
        for params in QUERIES:
            started = time.perf_counter()
            response = client.get("/api/search/", params)
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
            started = time.perf_counter()
            result = search(parse_params(params))
            elapsed = (time.perf_counter() - started) * 1000
            if result.took_ms is not None:
                overheads.append(elapsed - result.took_ms)
    figures = {
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
    }
    if overheads:
        figures["overhead_p50_ms"] = round(statistics.median(overheads), 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--standards", type=int, default=10000)
    parser.add_argument("--consultations", type=int, default=1000)
    parser.add_argument("--innovations", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection

    from search.indexing import rebuild
    from tests.bench.report import Figure, record

    started = time.perf_counter()
    counts = seed(args.standards, args.consultations, args.innovations)
    seed_s = round(time.perf_counter() - started, 1)
    vendor = connection.vendor

    started = time.perf_counter()
    rebuild()
    database_rebuild_s = round(time.perf_counter() - started, 1)
    database = measure(args.repeat)
    print(f"database engine ({vendor}):", database, flush=True)  # noqa: T201

    from osmem_server import OsmemServer

    from tests.search_fixtures import free_port

    server = OsmemServer.start(addr=f"127.0.0.1:{free_port()}", japanese=False)
    try:
        settings.ELASTICSEARCH_URL = server.url
        settings.ELASTICSEARCH_OPENSEARCH = True
        settings.SEARCH_ANALYSIS_PROFILE = "plain"
        started = time.perf_counter()
        rebuild()
        cluster_rebuild_s = round(time.perf_counter() - started, 1)
        print("rebuild into the test cluster:", cluster_rebuild_s, flush=True)  # noqa: T201
        cluster = measure(args.repeat)
    finally:
        settings.ELASTICSEARCH_URL = ""
        server.close()

    figures = [
        Figure(
            "rebuild into the test cluster",
            cluster_rebuild_s,
            "s",
            "< 60",
            cluster_rebuild_s < 60,
        ),
        Figure(f"rebuild of the database engine ({vendor})", database_rebuild_s, "s"),
        Figure(f"database engine ({vendor}) p50", database["p50_ms"], "ms"),
        Figure(
            f"database engine ({vendor}) p95",
            database["p95_ms"],
            "ms",
            "< 100",
            database["p95_ms"] < 100,
        ),
        Figure("elasticsearch engine p50", cluster["p50_ms"], "ms"),
        Figure("elasticsearch engine p95", cluster["p95_ms"], "ms"),
        Figure(
            "elasticsearch overhead over took, p50",
            cluster["overhead_p50_ms"],
            "ms",
            "< 10",
            cluster["overhead_p50_ms"] < 10,
        ),
    ]
    record(
        "search",
        figures,
        database=vendor,
        pages=counts,
        seed_s=seed_s,
        queries=QUERIES,
        repeat=args.repeat,
        note=(
            "API latency through Django's test client after one warm-up pass; "
            "the database p95 target applies on PostgreSQL"
        ),
    )


if __name__ == "__main__":
    main()
