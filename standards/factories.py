"""Factories for service standards and pledges (tests and demo content)."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from .models import ServicePledgePage, ServiceStandardIndexPage, ServiceStandardPage


def requirement_items(count: int = 3) -> list[tuple[str, dict]]:
    return [
        (
            "requirement",
            {
                "description": f"Dokumen persyaratan {n}",
                "document_form": "asli_dan_fotokopi",
                "applies_to": ["wni_dewasa"] if n % 2 else [],
                "note": "",
            },
        )
        for n in range(1, count + 1)
    ]


def step_items(count: int = 3) -> list[tuple[str, dict]]:
    return [
        (
            "step",
            {
                "description": f"Langkah pelayanan {n}",
                "actor": "pemohon" if n % 2 else "petugas",
                "duration_value": 15,
                "duration_unit": "menit",
            },
        )
        for n in range(1, count + 1)
    ]


def fee_items(
    count: int = 1, amount: str = "60", currency: str = ""
) -> list[tuple[str, dict]]:
    return [
        (
            "fee",
            {
                "label": f"Biaya layanan {n}" if count > 1 else "Biaya layanan",
                "amount": Decimal(amount) + n - 1,
                "currency": currency,
            },
        )
        for n in range(1, count + 1)
    ]


def product_items(count: int = 1) -> list[tuple[str, dict]]:
    return [
        ("product", {"name": f"Produk layanan {n}", "description": ""})
        for n in range(1, count + 1)
    ]


def complaint_items(count: int = 2) -> list[tuple[str, dict]]:
    channels = [
        ("lapor", "https://www.lapor.go.id"),
        ("surel", "pengaduan@example.org"),
        ("telepon", "+1 416 591 6461"),
        ("whatsapp", "+1 416 000 0000"),
    ]
    return [
        (
            "channel",
            {
                "channel": channels[n % len(channels)][0],
                "address": f"{channels[n % len(channels)][1]}"
                if n < len(channels)
                else f"kanal{n}@example.org",
                "note": "",
            },
        )
        for n in range(count)
    ]


def legal_items(count: int = 1) -> list[tuple[str, dict]]:
    return [
        (
            "instrument",
            {
                "instrument_type": "uu",
                "number": str(25 + n),
                "year": 2009,
                "title": f"Peraturan {n}",
                "url": "",
            },
        )
        for n in range(count)
    ]


class ServiceStandardPageFactory(wagtail_factories.PageFactory):
    """A standard whose six service-delivery components are filled in."""

    title = factory.Sequence(lambda n: f"Penerbitan paspor {n}")
    summary = "Paspor biasa bagi warga negara Indonesia."
    category = "paspor"
    decree_number = "12/KONS/2024"
    decree_date = datetime.date(2024, 1, 15)
    effective_date = datetime.date(2024, 2, 1)
    requirements = factory.LazyFunction(requirement_items)
    procedure = factory.LazyFunction(step_items)
    completion_time_value = 3
    completion_time_unit = "hari_kerja"
    fees = factory.LazyFunction(fee_items)
    products = factory.LazyFunction(product_items)
    complaint_channels = factory.LazyFunction(complaint_items)

    class Meta:
        model = ServiceStandardPage


class ServicePledgePageFactory(wagtail_factories.PageFactory):
    title = "Maklumat Pelayanan"
    slug = "maklumat-pelayanan"
    text = "<p>Kami sanggup menyelenggarakan pelayanan sesuai standar.</p>"
    signatory_name = "Budi Santoso"
    signatory_title = "Konsul Jenderal"
    signed_on = datetime.date(2024, 1, 2)

    class Meta:
        model = ServicePledgePage


class ServiceStandardIndexPageFactory(wagtail_factories.PageFactory):
    title = "Standar Pelayanan"
    slug = "standar-pelayanan"
    show_in_menus = True

    class Meta:
        model = ServiceStandardIndexPage
