"""Demo content of the core: locales, home page, units with their staff.

Units come from `data/units.yaml` (the real offices listed in the domain data);
contact details and opening hours from `data/demo_units.yaml`.
"""

import datetime

from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from .countries import city_name
from .data import core_data
from .models import (
    ContentPage,
    HomePage,
    SiteContact,
    UnitIndexPage,
    UnitOpeningHours,
    UnitPage,
    UnitType,
)
from .seeding import DemoContext
from .sites import follow_public_base_url, site_address
from .translation import translate_page
from .unit_access import ensure_unit_access

HOME_INTRO_ID = (
    "<p>Standar pelayanan, konsultasi publik, survei kepuasan masyarakat dan "
    "inovasi pelayanan publik dari unit-unit Kementerian Luar Negeri, di Indonesia "
    "dan di perwakilan RI di luar negeri.</p>"
)
HOME_INTRO_EN = (
    "<p>Service standards, public consultations, satisfaction surveys and "
    "public-service innovations of the Ministry of Foreign Affairs' units, in "
    "Indonesia and at Indonesia's missions abroad.</p>"
)
PRIVACY_TEXT_ID = (
    "Kami memproses data pribadi yang Anda berikan dalam konsultasi publik dan "
    "survei hanya untuk tujuan tersebut, sesuai Undang-Undang Nomor 27 Tahun 2022 "
    "tentang Pelindungan Data Pribadi. Survei kepuasan bersifat anonim. Alamat "
    "surel disimpan dalam bentuk tersandi untuk mencegah jawaban ganda dan tidak "
    "pernah dipublikasikan."
)
PRIVACY_TEXT_EN = (
    "We process the personal data you give in public consultations and surveys "
    "only for those purposes, under Law No. 27 of 2022 on Personal Data "
    "Protection. Satisfaction surveys are anonymous. E-mail addresses are stored "
    "hashed to prevent duplicate answers and are never published."
)


def seed(ctx: DemoContext) -> None:
    locale_id, locale_en = _locales()
    home = _home_page(locale_id)
    ctx.home = home
    follow_public_base_url()
    translate_page(
        home, "en", {"Beranda": "Home", _inner(HOME_INTRO_ID): _inner(HOME_INTRO_EN)}
    )
    index = _units_index(home)
    translate_page(index, "en", {"Unit layanan": "Service units"})
    _units(ctx, index)
    _privacy_notice(home)
    _complaints_page(home)
    ctx.user("admin", "Administrator", is_staff=True, is_superuser=True)
    for short, unit in ctx.units.items():
        access = ensure_unit_access(unit)
        slug = slugify(short)
        editor = ctx.user(f"editor-{slug}", f"Editor {short}", is_staff=False)
        moderator = ctx.user(f"moderator-{slug}", f"Moderator {short}", is_staff=False)
        editor.groups.add(access.editors)
        moderator.groups.add(access.moderators)
    ctx.log(f"core: {len(ctx.units)} units")


def _inner(html: str) -> str:
    return html.removeprefix("<p>").removesuffix("</p>")


COMPLAINTS_TEXT_ID = (
    "Sampaikan pengaduan, saran, dan masukan tentang pelayanan publik Kementerian "
    "Luar Negeri dan perwakilan RI melalui salah satu kanal berikut. Setiap "
    "pengaduan ditanggapi paling lambat 5 hari kerja; identitas pelapor dirahasiakan."
)
COMPLAINTS_TEXT_EN = (
    "Send complaints, suggestions and feedback about the public services of the "
    "Ministry of Foreign Affairs and Indonesian missions through one of these "
    "channels. Every complaint is answered within 5 working days; the "
    "complainant's identity is kept confidential."
)
# The channels, one list item each: (Indonesian, English), `{lapor}` and
# `{units}` the links (wagtail-localize numbers a segment's links a1, a2, …).
COMPLAINT_CHANNELS = (
    (
        "{lapor}SP4N-LAPOR!</a>: kanal pengaduan nasional; laporan Anda dapat "
        "dipantau sampai selesai.",
        "{lapor}SP4N-LAPOR!</a>: the national complaint channel; you can follow "
        "your report until it is resolved.",
    ),
    (
        "Surel, telepon, atau WhatsApp pengaduan setiap unit: tercantum dalam "
        "standar pelayanannya, pada halaman {units}unit layanan</a>.",
        "Each unit's complaint e-mail, telephone or WhatsApp: in its service "
        "standards, on the {units}service units</a> pages.",
    ),
    (
        "Kotak pengaduan di loket setiap unit.",
        "The complaint box at each unit's counter.",
    ),
)


def _locales() -> tuple[Locale, Locale]:
    locale_id, _ = Locale.objects.get_or_create(language_code="id")
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    return locale_id, locale_en


def _home_page(locale_id: Locale) -> HomePage:
    existing = HomePage.objects.filter(locale=locale_id).first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Beranda", slug="beranda", locale=locale_id, intro=HOME_INTRO_ID
        )
    )
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Terpadu"
        site.save()
    else:
        hostname, port = site_address(settings.PUBLIC_BASE_URL)
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Terpadu",
        )
    if old_root and not isinstance(old_root.specific, HomePage):
        old_root.delete()
    return home


def _units_index(home: HomePage) -> UnitIndexPage:
    existing = UnitIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    index = home.add_child(
        instance=UnitIndexPage(title="Unit layanan", slug="unit", show_in_menus=True)
    )
    index.save_revision().publish()
    return index


def _units(ctx: DemoContext, index: UnitIndexPage) -> None:
    details = core_data("demo_units.yaml")
    for entry in core_data("units.yaml")["units"]:
        short = entry["short"]
        unit = UnitPage.objects.child_of(index).filter(short_name=short).first()
        if unit is None:
            unit = _create_unit(index, entry, details["units"].get(short, {}), ctx)
            extra = details["units"].get(short, {})
            hours = extra.get("hours", details["defaults"]["hours"])
            strings = {unit.title: extra.get("name_en", unit.title)}
            head = extra.get("head")
            if head:
                strings[head[0]] = head[1]
            for _day, _opens, _closes, note_id, note_en in hours:
                if note_id:
                    strings[note_id] = note_en
            strings[_inner(unit.intro)] = _intro_en(entry, extra)
            translate_page(unit, "en", strings)
        ctx.units[short] = unit.specific


def _create_unit(index, entry: dict, extra: dict, ctx: DemoContext) -> UnitPage:
    parent = ctx.units.get(entry.get("parent", ""))
    head = extra.get("head", ["", ""])
    unit = UnitPage(
        title=entry["name"],
        slug=slugify(entry["short"]),
        short_name=entry["short"],
        unit_type=entry["type"],
        parent_unit=parent,
        intro=f"<p>{_intro_id(entry)}</p>",
        city=entry["city"],
        country=entry["country"],
        time_zone=entry.get("tz", "Asia/Jakarta"),
        currency=entry.get("currency", "IDR"),
        address=extra.get("address", ""),
        phone=extra.get("phone", ""),
        email=extra.get("email", ""),
        whatsapp=extra.get("whatsapp", ""),
        website=extra.get("website", ""),
        head_of_unit_title=head[0],
    )
    details = core_data("demo_units.yaml")
    hours = extra.get("hours", details["defaults"]["hours"])
    for position, (day, opens, closes, note_id, _note_en) in enumerate(hours):
        unit.opening_hours.add(
            UnitOpeningHours(
                sort_order=position,
                weekday=day,
                opens=datetime.time.fromisoformat(opens),
                closes=datetime.time.fromisoformat(closes),
                note=note_id,
            )
        )
    index.add_child(instance=unit)
    unit.save_revision().publish()
    return unit


def _city(entry: dict, language: str) -> str:
    return city_name(entry["city"], entry.get("country", ""), language)


def _intro_id(entry: dict) -> str:
    if entry["type"] in UnitType.abroad():
        return (
            f"Perwakilan Republik Indonesia di {_city(entry, 'id')}: pelayanan "
            "kekonsuleran dan pelindungan bagi warga negara Indonesia, serta visa "
            "bagi warga negara asing."
        )
    if entry["type"] == "unit_layanan":
        return f"Unit pelayanan publik Kementerian Luar Negeri di {entry['city']}."
    return f"{entry['name']}, {entry['city']}."


def _intro_en(entry: dict, extra: dict) -> str:
    if entry["type"] in UnitType.abroad():
        return (
            "Representative office of the Republic of Indonesia in "
            f"{_city(entry, 'en')}: "
            "consular services and protection for Indonesian citizens, and visas for "
            "foreign nationals."
        )
    if entry["type"] == "unit_layanan":
        city = entry["city"]
        return f"Public-service unit of the Ministry of Foreign Affairs in {city}."
    return f"{extra.get('name_en', entry['name'])}, {entry['city']}."


def _privacy_notice(home: HomePage) -> None:
    page = (
        ContentPage.objects.child_of(home)
        .filter(slug="pelindungan-data-pribadi")
        .first()
    )
    if page is None:
        page = home.add_child(
            instance=ContentPage(
                title="Pemberitahuan pelindungan data pribadi",
                slug="pelindungan-data-pribadi",
                intro="Bagaimana kami memproses data pribadi Anda.",
                body=[("paragraph", f"<p>{PRIVACY_TEXT_ID}</p>")],
            )
        )
        page.save_revision().publish()
        translate_page(
            page,
            "en",
            {
                page.title: "Personal data protection notice",
                page.intro: "How we process your personal data.",
                PRIVACY_TEXT_ID: PRIVACY_TEXT_EN,
            },
        )
    contact = SiteContact.load()
    if contact.privacy_notice_id is None:
        contact.privacy_notice = page
        contact.address = "Jl. Taman Pejambon No. 6, Jakarta Pusat 10110"
        contact.phone = "+62 21 344 1508"
        contact.email = "kontak-kami@kemlu.go.id"
        contact.save()


def _complaints_page(home: HomePage) -> None:
    """How to complain about a service: what citizens searching "pengaduan"
    or "complaint" look for (the units' channels in one place), linked from
    every page's footer."""
    page = ContentPage.objects.child_of(home).filter(slug="pengaduan").first()
    if page is None:
        page = _new_complaints_page(home)
    contact = SiteContact.load()
    if contact.complaints_page_id is None:
        contact.complaints_page = page
        contact.save()


def _new_complaints_page(home: HomePage) -> ContentPage:
    units = UnitIndexPage.objects.child_of(home).first()
    links = {
        "lapor": '<a href="https://www.lapor.go.id">',
        "units": f'<a linktype="page" id="{units.pk}">' if units else "<a>",
    }
    channels = "".join(
        f"<li>{indonesian.format(**links)}</li>"
        for indonesian, _english in COMPLAINT_CHANNELS
    )
    page = home.add_child(
        instance=ContentPage(
            title="Pengaduan layanan publik",
            slug="pengaduan",
            intro="Cara menyampaikan pengaduan, saran, dan masukan.",
            body=[
                ("paragraph", f"<p>{COMPLAINTS_TEXT_ID}</p><ul>{channels}</ul>"),
            ],
        )
    )
    page.save_revision().publish()
    segment_link = {"lapor": '<a id="a1">', "units": '<a id="a1">'}
    translate_page(
        page,
        "en",
        {
            page.title: "Complaints about public services",
            page.intro: "How to send complaints, suggestions and feedback.",
            COMPLAINTS_TEXT_ID: COMPLAINTS_TEXT_EN,
            **{
                indonesian.format(**segment_link): english.format(**segment_link)
                for indonesian, english in COMPLAINT_CHANNELS
            },
        },
    )
    return page
