"""Pages are found by the words citizens use for them, on every engine (issue 21):
the unit's pledge by "maklumat", a free service by "gratis", every public
consultation by "FKP" whatever its title."""

import pytest
from wagtail.models import Locale

from consultation.forums.factories import ConsultationPageFactory
from search.query import parse_params
from search.service import search
from standards.factories import ServicePledgePageFactory, ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


def titles(q: str, locale: str = "id") -> list[str]:
    result = search(parse_params({"q": q, "locale": locale}))
    return [hit.title for hit in result.hits]


def published(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(search_engine, unit_a, unit_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pledge = published(ServicePledgePageFactory(parent=unit_a))
        english = pledge.copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=True
        )
        english.title = "Service pledge"
        english.text = "<p>We pledge to serve according to our standards.</p>"
        published(english)
        free = published(
            ServiceStandardPageFactory(
                parent=unit_b, title="Lapor diri", is_free=True, fees=[]
            )
        )
        free_english = free.copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=True
        )
        free_english.title = "Self-registration"
        published(free_english)
        published(ServiceStandardPageFactory(parent=unit_b, title="Paspor biasa"))
        published(ConsultationPageFactory(parent=unit_a, title="Jam layanan Sabtu"))
        published(ConsultationPageFactory(parent=unit_b, title="Antrean daring"))


def test_the_pledge_is_found_by_its_name_and_its_unit(pages):
    assert titles("maklumat") == ["Maklumat Pelayanan"]
    assert titles("maklumat pelayanan kjri toronto") == ["Maklumat Pelayanan"]
    assert titles("service pledge", "en") == ["Service pledge"]


def test_a_free_service_is_found_by_the_words_for_free(pages):
    assert titles("gratis") == ["Lapor diri"]
    assert titles("tidak dipungut biaya") == ["Lapor diri"]
    assert titles("free of charge", "en") == ["Self-registration"]


def test_every_consultation_is_found_by_fkp(pages):
    expected = {"Jam layanan Sabtu", "Antrean daring"}
    assert set(titles("fkp")) == expected
    assert set(titles("forum konsultasi publik")) == expected


@pytest.fixture
def lost_passport(search_engine, unit_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("Penerbitan paspor biasa baru", "Penerbitan paspor elektronik"):
            published(ServiceStandardPageFactory(parent=unit_b, title=title))
        published(
            ServiceStandardPageFactory(
                parent=unit_b, title="Penggantian paspor hilang atau rusak"
            )
        )
        published(
            ServiceStandardPageFactory(
                parent=unit_b, title="Penerbitan Surat Perjalanan Laksana Paspor (SPLP)"
            )
        )
        registration = published(
            ServiceStandardPageFactory(parent=unit_b, title="Lapor diri WNI")
        )
        english = registration.copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=True
        )
        english.title = "Registration of Indonesian citizens"
        published(english)


def test_everyday_words_find_the_service(lost_passport):
    """Many say "ilang" for "hilang" (lost); "report my stay" is what an
    English reader calls lapor diri (the synonym is written without "my",
    which the query drops as a stop word before synonyms are applied)."""
    assert titles("paspor ilang")[0] == "Penggantian paspor hilang atau rusak"
    assert titles("report my stay", "en")[0] == "Registration of Indonesian citizens"
    splp = "Penerbitan Surat Perjalanan Laksana Paspor (SPLP)"
    assert titles("paspor darurat")[0] == splp


def test_the_registration_synonyms_are_one_group_after_the_migrations(db):
    from search.models import Synonym

    assert Synonym.objects.filter(terms__startswith="lapor diri").count() == 1


@pytest.fixture
def unit_with_contact(search_engine, unit_a, django_capture_on_commit_callbacks):
    """KJRI Toronto with its contact details, beside standards that mention
    its address and telephone number."""
    with django_capture_on_commit_callbacks(execute=True):
        unit_a.address = "1 Dundas Street West, Toronto"
        unit_a.phone = "+1 416 591 6461"
        published(unit_a)
        for title in ("Legalisasi dokumen", "Visa kunjungan", "Paspor biasa"):
            standard = ServiceStandardPageFactory(parent=unit_a, title=title)
            standard.intro = (
                "Datang ke alamat KJRI Toronto atau hubungi nomor telepon KJRI "
                "Toronto untuk janji temu."
            )
            published(standard)


def test_the_units_contact_is_found_by_what_citizens_ask(unit_with_contact):
    """ "alamat kbri singapura" found a standard, and "nomor telepon KJRI
    Toronto" three standards, not the unit's page with its address and number."""
    assert titles("alamat kjri toronto")[0] == "KJRI Toronto"
    assert "KJRI Toronto" in titles("nomor telepon kjri toronto")


def test_child_finds_what_is_for_children(
    search_engine, unit_a, django_capture_on_commit_callbacks
):
    """From the outside probe: "child passport" found the birth registration
    only; the English stemmer keeps the irregular "children" apart."""
    english = Locale.objects.get(language_code="en")
    pages = {
        "Paspor anak": ("Passports for children", "A passport for those under 17."),
        "Pencatatan kelahiran": (
            "Birth registration",
            "Register the birth of a child: bring the parents' passports.",
        ),
    }
    with django_capture_on_commit_callbacks(execute=True):
        for title, (english_title, summary) in pages.items():
            standard = published(ServiceStandardPageFactory(parent=unit_a, title=title))
            translated = standard.copy_for_translation(english, copy_parents=True)
            translated.title, translated.summary = english_title, summary
            published(translated)
    assert titles("child passport", "en")[0] == "Passports for children"
    assert titles("paspor anak")[0] == "Paspor anak"
