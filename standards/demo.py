"""Demo content of the standards app (part of `seed_demo`).

Creates, from `data/demo_standards.yaml`: the standards index, service
standards at several units (some with a second published version) and each
unit's service pledge, every page with its English translation (the YAML's
`english` strings, through wagtail-localize). Idempotent: a page that already
exists (found by slug under its parent) is left as it is, only translated when
its English translation is missing.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from wagtail.models import Locale

from cms.core.countries import city_name
from cms.core.data import load_yaml
from cms.core.seeding import DemoContext
from cms.core.translation import translate_page

from .models import (
    ServicePledgePage,
    ServiceStandardIndexPage,
    ServiceStandardPage,
    ServiceStandardVersion,
)

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo_standards.yaml"


def seed(ctx: DemoContext) -> None:
    data = load_yaml(DATA_FILE)
    english = data["english"]
    if ctx.home is None:
        return
    _index_page(ctx.home, english)
    created = 0
    units_used = {}
    for spec in data["standards"]:
        unit = ctx.units.get(spec["unit"])
        if unit is None:
            continue
        units_used[spec["unit"]] = unit
        if _standard(unit, spec, data, english):
            created += 1
    for unit in units_used.values():
        _pledge(unit, data["pledge"], english)
    ctx.log(f"standards: {created} standards created, {len(units_used)} units")


def _index_page(home, english: dict) -> ServiceStandardIndexPage:
    index = ServiceStandardIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ServiceStandardIndexPage(
                title="Standar Pelayanan",
                slug="standar-pelayanan",
                show_in_menus=True,
                intro=(
                    "<p>Standar pelayanan seluruh unit: persyaratan, prosedur, "
                    "jangka waktu dan biaya setiap layanan.</p>"
                ),
            )
        )
        index.save_revision().publish()
    if not index.has_translation(Locale.objects.get(language_code="en")):
        translate_page(
            index,
            "en",
            {
                **english,
                "Standar pelayanan seluruh unit: persyaratan, prosedur, jangka "
                "waktu dan biaya setiap layanan.": (
                    "The service standards of every unit: requirements, "
                    "procedure, time and cost of each service."
                ),
            },
        )
    return index


def _requirements(rows) -> list:
    return [
        (
            "requirement",
            {
                "description": description,
                "document_form": form,
                "applies_to": list(applies),
                "note": note,
            },
        )
        for description, form, applies, note in rows
    ]


def _steps(rows) -> list:
    return [
        (
            "step",
            {
                "description": description,
                "actor": actor,
                "duration_value": value,
                "duration_unit": unit or "",
            },
        )
        for description, actor, value, unit in rows
    ]


def _fees(rows, currency: str) -> list:
    """[label, amount] or [label, amount, added] (a charge paid on top)."""
    return [
        (
            "fee",
            {
                "label": row[0],
                "amount": Decimal(str(row[1])),
                "currency": currency,
                "added": len(row) > 2 and row[2] == "added",
            },
        )
        for row in rows
    ]


def _complaints(unit) -> list:
    channels = [("lapor", "https://www.lapor.go.id", "")]
    if unit.email:
        channels.append(("surel", unit.email, ""))
    if unit.phone:
        channels.append(("telepon", unit.phone, "Senin–Jumat pada jam pelayanan"))
    if unit.whatsapp:
        channels.append(("whatsapp", unit.whatsapp, ""))
    if unit.address:
        channels.append(("tatap_muka", unit.address, ""))
    return [
        ("channel", {"channel": c, "address": a, "note": n}) for c, a, n in channels
    ]


def _legal(rows) -> list:
    return [
        (
            "instrument",
            {
                "instrument_type": kind,
                "number": str(number),
                "year": year,
                "title": title,
                "url": url,
            },
        )
        for kind, number, year, title, url in rows
    ]


def _apply_version(page: ServiceStandardPage, spec: dict, unit) -> None:
    if "fees" in spec:
        page.fees = _fees(spec["fees"], unit.currency)
    if "add_requirements" in spec:
        rows = [
            (
                item.value["description"],
                item.value["document_form"],
                item.value["applies_to"],
                item.value["note"],
            )
            for item in page.requirements
        ]
        page.requirements = _requirements(rows + spec["add_requirements"])
    if "time" in spec:
        value, time_unit, note = spec["time"]
        page.completion_time_value = value
        page.completion_time_unit = time_unit
        page.completion_time_note = note
    page.decree_number, page.decree_date = spec["decree"]
    page.effective_date = spec["effective"]


def _standard(unit, spec: dict, data: dict, english: dict) -> bool:
    service = data["services"][spec["service"]]
    strings = _strings(english, unit)
    existing = ServiceStandardPage.objects.child_of(unit).filter(slug=spec["slug"])
    if existing.exists():
        page = existing.get()
        if not page.has_translation(Locale.objects.get(language_code="en")):
            translate_page(page, "en", strings)
        return False
    channels = set(service["channels"]) | set(spec.get("extra_channels", []))
    time_value, time_unit, time_note = service["time"]
    decree_number, decree_date = spec["decree"]
    management = data["management"]
    page = ServiceStandardPage(
        title=service["title"],
        slug=spec["slug"],
        summary=service["summary"],
        category=service["category"],
        serves_wni="wni" in service["serves"],
        serves_wna="wna" in service["serves"],
        serves_badan_hukum="badan_hukum" in service["serves"],
        channel_langsung="langsung" in channels,
        channel_elektronik="elektronik" in channels,
        channel_mandiri="mandiri" in channels,
        channel_keliling="keliling" in channels,
        application_url=spec.get("application_url", ""),
        decree_number=decree_number,
        decree_date=decree_date,
        effective_date=spec["effective"],
        requirements=_requirements(service["requirements"]),
        procedure=_steps(service["procedure"]),
        completion_time_value=time_value,
        completion_time_unit=time_unit,
        completion_time_note=time_note,
        is_free=bool(spec.get("free")),
        fees=[] if spec.get("free") else _fees(spec["fees"], unit.currency),
        fee_legal_basis="" if spec.get("free") else service.get("fee_legal_basis", ""),
        products=[
            ("product", {"name": name, "description": description})
            for name, description in service["products"]
        ],
        complaint_channels=_complaints(unit),
        legal_basis=_legal(data["legal_basis"]),
        **management,
    )
    unit.add_child(instance=page)
    page.save_revision().publish()
    translate_page(page, "en", strings)
    if spec.get("v2"):
        first_published = timezone.make_aware(
            datetime.datetime.combine(decree_date, datetime.time(9))
        )
        ServiceStandardVersion.objects.filter(page=page, number=1).update(
            published_at=first_published
        )
        page = ServiceStandardPage.objects.get(pk=page.pk)
        _apply_version(page, spec["v2"], unit)
        page.save_revision().publish()
        # translate_page reads publication dates: use the row just published.
        page = ServiceStandardPage.objects.get(pk=page.pk)
        _backdate_first_version(page, first_published, locale="en")
        translate_page(page, "en", strings)
        _backdate_version(page, 2, spec["v2"]["decree"][1])
    else:
        _backdate_version(page, 1, decree_date)
    return True


def _backdate_version(page, number: int, decree_date) -> None:
    """Version `number` of `page` and of its translations published on the
    day of its decree, as the history of a real standard reads."""
    when = timezone.make_aware(datetime.datetime.combine(decree_date, datetime.time(9)))
    pages = [page.pk, *page.get_translations().values_list("pk", flat=True)]
    ServiceStandardVersion.objects.filter(page_id__in=pages, number=number).update(
        published_at=when
    )


def _strings(english: dict, unit) -> dict[str, str]:
    """The demo's English strings and the unit's head title as its English
    translation gives it (a pledge's signatory)."""
    strings = dict(english)
    translation = unit.get_translation_or_none(Locale.objects.get(language_code="en"))
    if translation is not None and unit.head_of_unit_title:
        title = translation.specific.head_of_unit_title
        if title:
            strings[unit.head_of_unit_title] = title
    return strings


def _backdate_first_version(page, when, locale: str) -> None:
    translation = page.get_translation_or_none(Locale.objects.get(language_code=locale))
    if translation is not None:
        ServiceStandardVersion.objects.filter(page=translation, number=1).update(
            published_at=when
        )


def _pledge(unit, pledge: dict, english: dict) -> None:
    page = ServicePledgePage.objects.child_of(unit).first()
    if page is None:
        page = unit.add_child(
            instance=ServicePledgePage(
                title=pledge["title"],
                slug="maklumat-pelayanan",
                text=f"<p>{pledge['text']}</p>",
                # The name is synchronised between languages: never a position
                # in Indonesian ("Kepala Perwakilan") that English pages repeat.
                signatory_name=unit.head_of_unit or unit.short_name,
                signatory_title=unit.head_of_unit_title or "Kepala Unit",
                signed_on=pledge["signed_on"],
                # Signed in Indonesian: "Singapura, 2 Januari 2024".
                place=city_name(unit.city, unit.country.code, "id"),
            )
        )
        page.save_revision().publish()
    locale_en = Locale.objects.get(language_code="en")
    if not page.has_translation(locale_en):
        strings = _strings(english, unit)
        strings.setdefault(page.place, city_name(unit.city, unit.country.code, "en"))
        translate_page(page, "en", strings)
