"""Content for the search behaviour suite, indexed into the engine under test."""

from functools import partial

import pytest
from django.utils import timezone
from wagtail.models import Locale

from cms.core.factories import ContentPageFactory
from search.indexing import rebuild


def paragraph(text: str) -> list:
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def make_page():
    """Create a live content page; `publish=True` also fires Wagtail's signal."""

    def make(
        parent, title: str, intro: str = "", body: str = "", publish=True, **fields
    ):
        if not publish:
            fields.setdefault("first_published_at", timezone.now())
        page = ContentPageFactory(
            parent=parent, title=title, intro=intro, body=paragraph(body), **fields
        )
        if publish:
            page.save_revision().publish()
        return page

    return make


@pytest.fixture
def site(search_engine, unit_a, unit_b, make_page, django_capture_on_commit_callbacks):
    """Units and pages in both languages, indexed in the engine under test."""
    make = partial(make_page, publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        pages = {
            "paspor": make(
                unit_b,
                "Penerbitan paspor biasa",
                "Syarat penerbitan paspor bagi warga negara Indonesia di Singapura.",
                "Bawa KTP dan akta kelahiran. Biaya sesuai PNBP.",
            ),
            "legalisasi": make(
                unit_a,
                "Legalisasi dokumen",
                "Legalisasi dokumen untuk digunakan di Kanada.",
                "Dokumen asli wajib dibawa.",
            ),
            "mentions": make(
                unit_b,
                "Informasi umum",
                "Jam buka dan alamat kantor.",
                "Untuk legalisasi silakan lihat halaman lain.",
            ),
            "fkp": make(
                unit_a,
                "Forum konsultasi publik 2025",
                "Undangan konsultasi publik standar pelayanan.",
                "Masyarakat diundang memberi masukan.",
            ),
            "apart": make(
                unit_b,
                "Laporan publik",
                "Hasil survei dan konsultasi dengan mitra.",
                "",
            ),
        }
        english = pages["paspor"].copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=True
        )
        english.title = "Ordinary passport issuance"
        english.intro = "Requirements for issuing a passport to Indonesian citizens."
        english.save_revision().publish()
        pages["english"] = english
    rebuild()
    return pages
