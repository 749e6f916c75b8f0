"""Search benchmark: rebuild time and search API latency per engine.

Seeds N service standards in bulk into its own database (`var/search_bench.sqlite3`,
or PostgreSQL when `DATABASE_URL` is set), rebuilds the database engine's index
and the test cluster's (osmem-server on a free 127.0.0.1 port), then times a fixed
list of queries through `/api/search/` on each engine. Prints a table and writes
`var/search_bench.json`.

    python -m tests.bench.search_bench [--standards 10000] [--repeat 5]

Targets (issue 7): rebuild under 60 s; p95 under 100 ms on the database engine
(on PostgreSQL); Elasticsearch adding under 10 ms to the cluster's `took` at p50.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var"
QUERIES = [
    "paspor",
    "legalisasi dokumen",
    "surat keterangan",
    '"penerbitan paspor"',
    "visa kunjungan",
    "pasport",
    "WNI",
    "kewarganegaraan anak",
    "layanan disabilitas",
    "biaya pnbp",
]
WORDS = [
    "paspor",
    "visa",
    "legalisasi",
    "dokumen",
    "surat",
    "keterangan",
    "kewarganegaraan",
    "pencatatan",
    "kelahiran",
    "perkawinan",
    "kematian",
    "pindah",
    "datang",
    "pelindungan",
    "warga",
    "negara",
    "biaya",
    "persyaratan",
    "prosedur",
    "pengaduan",
    "loket",
    "daring",
    "antrean",
    "disabilitas",
    "lansia",
    "penerjemahan",
    "akta",
    "ijazah",
    "perdagangan",
    "bantuan",
    "hukum",
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


def seed(count: int) -> int:
    """Units and `count` live standards, created in bulk; returns pages indexed."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from cms.core.factories import (
        HomePageFactory,
        UnitIndexPageFactory,
        UnitPageFactory,
    )
    from standards.models import ServiceStandardPage

    locale, _ = Locale.objects.get_or_create(language_code="id")
    Locale.objects.get_or_create(language_code="en")
    existing = ServiceStandardPage.objects.count()
    if existing >= count:
        return existing
    home = Page.objects.filter(depth=2, slug="bench").first()
    if home is None:
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="bench")
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home, "port": 80},
        )
        index = UnitIndexPageFactory(parent=home)
        for n in range(20):
            UnitPageFactory(parent=index, title=f"KJRI Bench {n}", unit_type="kjri")
    units = list(Page.objects.filter(depth=4).specific())
    content_type = ContentType.objects.get_for_model(ServiceStandardPage)
    now = timezone.now()
    rng = random.Random(7)
    per_unit = -(-(count - existing) // len(units))
    with transaction.atomic():
        for unit in units:
            start = unit.numchild
            pages = []
            for i in range(per_unit):
                words = rng.sample(WORDS, 6)
                title = f"Layanan {' '.join(words[:3])} {unit.pk}-{start + i}"
                slug = f"layanan-{unit.pk}-{start + i}"
                pages.append(
                    Page(
                        path=Page._get_path(unit.path, unit.depth + 1, start + i + 1),
                        depth=unit.depth + 1,
                        numchild=0,
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        live=True,
                        url_path=f"{unit.url_path}{slug}/",
                        locale=locale,
                        translation_key=uuid.uuid4(),
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
            Page.objects.bulk_create(pages, batch_size=500)
            for page in Page.objects.filter(
                path__startswith=unit.path, depth=unit.depth + 1, numchild=0
            ).exclude(id__in=ServiceStandardPage.objects.values("page_ptr_id")):
                words = rng.sample(WORDS, 8)
                standard = ServiceStandardPage(
                    page_ptr_id=page.pk,
                    summary=f"Standar pelayanan {' '.join(words)}.",
                    category=rng.choice(["paspor", "visa", "legalisasi", "lainnya"]),
                    facilities=" ".join(rng.sample(WORDS, 10)),
                    unit_id=unit.pk,
                    effective_date=now.date().replace(year=rng.choice([2023, 2024])),
                )
                standard.__dict__.update(
                    {f.attname: getattr(page, f.attname) for f in Page._meta.fields}
                )
                standard.save_base(raw=True)
            unit.numchild = start + per_unit
            Page.objects.filter(pk=unit.pk).update(numchild=unit.numchild)
    return ServiceStandardPage.objects.count()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def measure(repeat: int) -> dict[str, float]:
    from django.test import Client

    from search.query import parse_params
    from search.service import search

    client = Client()
    latencies, overheads = [], []
    for _ in range(repeat):
        for q in QUERIES:
            started = time.perf_counter()
            response = client.get("/api/search/", {"q": q})
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
            started = time.perf_counter()
            result = search(parse_params({"q": q}))
            elapsed = (time.perf_counter() - started) * 1000
            if result.took_ms is not None:
                overheads.append(elapsed - result.took_ms)
    figures = {
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
    }
    if overheads:
        figures["overhead_over_took_p50_ms"] = round(statistics.median(overheads), 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--standards", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    from search.indexing import rebuild

    started = time.perf_counter()
    pages = seed(args.standards)
    report: dict = {
        "standards": pages,
        "seed_s": round(time.perf_counter() - started, 1),
    }

    started = time.perf_counter()
    rebuild()
    report["database"] = {"rebuild_s": round(time.perf_counter() - started, 1)}
    report["database"].update(measure(args.repeat))

    from osmem_server import OsmemServer

    from tests.search_fixtures import free_port

    server = OsmemServer.start(addr=f"127.0.0.1:{free_port()}", japanese=False)
    try:
        settings.ELASTICSEARCH_URL = server.url
        settings.ELASTICSEARCH_OPENSEARCH = True
        settings.SEARCH_ANALYSIS_PROFILE = "plain"
        started = time.perf_counter()
        rebuild()
        report["elasticsearch"] = {"rebuild_s": round(time.perf_counter() - started, 1)}
        report["elasticsearch"].update(measure(args.repeat))
    finally:
        server.close()
    report["targets"] = {
        "rebuild_under_60_s": report["elasticsearch"]["rebuild_s"] < 60,
        "database_p95_under_100_ms": report["database"]["p95_ms"] < 100,
        "elasticsearch_overhead_p50_under_10_ms": report["elasticsearch"].get(
            "overhead_over_took_p50_ms", 0
        )
        < 10,
    }
    (VAR / "search_bench.json").write_text(json.dumps(report, indent=2))
    sys.stdout.write(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
