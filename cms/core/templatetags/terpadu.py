"""Template tags of the site chrome: language switcher and page sections."""

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_timezone_name
from django import template
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language, to_locale
from wagtail.models import Page

from cms.core import menus
from cms.core.locales import locale_by_id
from cms.core.locales import localized as localized_page
from cms.core.translation import default_language
from cms.core.translation_sync import LaggingSource, lagging_source

register = template.Library()


@register.filter
def localized(page: Page) -> Page:
    """`page.localized` (its live translation in the reader's language, else
    itself) without reading the locale's row."""
    return localized_page(page)


@register.filter
def zone_name(zone: str) -> str:
    """A unit's time zone as readers name it, in the page's language, from
    the Unicode CLDR through Babel, not "America/New_York".

    A zone without daylight saving by its standard name ("Waktu Indonesia
    Barat", "Singapore Standard Time"), one with it by its name all year
    ("Eastern Time"); either with its country unless the name says it
    ("Waktu Timur, Amerika Serikat": "Waktu Timur" alone would read as WIT
    in Indonesian, and the zone's city, New York, is not where the embassy in
    Washington is). The zone's id when Babel does not know it."""
    locale = to_locale(get_language() or "id")
    try:
        variant = "generic" if has_daylight_saving(zone) else "standard"
        name = get_timezone_name(
            zone, width="long", zone_variant=variant, locale=locale
        )
        return with_country(name, zone, locale)
    except (LookupError, UnknownLocaleError, ValueError):
        return zone


def with_country(name: str, zone: str, locale: str) -> str:
    """`name` followed by the zone's country, unless a word of it is there
    ("Waktu Inggris" names the United Kingdom already), after a comma: the
    pages show the name in brackets ("23:59 (Eastern Time, Canada)")."""
    territory = get_global("zone_territories").get(zone)
    country = Locale.parse(locale).territories.get(territory) if territory else None
    if not country or any(word in name for word in country.split()):
        return name
    return f"{name}, {country}"


@register.simple_tag(takes_context=True)
def moment_here(context) -> str:
    """Now, in the time zone of the page's unit (else the site's), followed by
    the zone's name: "6 December 2026 02:46 (Singapore Standard Time)". The
    site's clock without a name misled readers abroad by their offset."""
    page = context.get("page")
    zone = (
        getattr(context.get("unit"), "time_zone", "")
        or getattr(page, "time_zone", "")
        # A poll's answer page names no unit: its page's (read only then).
        or getattr(getattr(page, "unit", None), "time_zone", "")
        or settings.TIME_ZONE
    )
    try:
        moment = timezone.localtime(timezone.now(), ZoneInfo(zone))
    except (ValueError, ZoneInfoNotFoundError):
        zone = settings.TIME_ZONE
        moment = timezone.localtime(timezone.now())
    return f"{formats.date_format(moment, 'DATETIME_FORMAT')} ({zone_name(zone)})"


def has_daylight_saving(zone: str) -> bool:
    """Whether the zone's offset differs between January and July."""
    tz = ZoneInfo(zone)
    january, july = (datetime.datetime(2025, m, 1, tzinfo=tz) for m in (1, 7))
    return january.utcoffset() != july.utcoffset()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The language switcher's entries (see `cms.core.menus.language_links`);
    on the "page not found" page (`not_found`), each language's home page; a
    view's `language_query` replaces its query string in them."""
    return menus.language_links(
        context["request"],
        context.get("page"),
        context.get("not_found", False),
        context.get("language_query"),
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` on the host the reader asked (links search engines read alone,
    such as a page's other-language versions)."""
    return context["request"].build_absolute_uri(path)


@register.inclusion_tag("core/includes/section.html", takes_context=True)
def render_section(context, section):
    """Render one `Section` contributed by a domain app."""
    ctx = context.flatten()
    ctx.update(section.context)
    ctx["section_template"] = section.template
    return ctx


@register.simple_tag(takes_context=True)
def content_language(context) -> str:
    """The language of the page's own content: the reader's language, or the
    page's when it is served untranslated (`cms.core.language_fallback`)."""
    page = context.get("page")
    if isinstance(page, Page) and page.locale_id:
        return locale_by_id(page.locale_id).language_code
    return get_language()


@register.simple_tag
def source_text_lang() -> str:
    """The `lang` of text kept only in the site's default language (a decree's
    number, a replication's notes) where the page is read in another; ""
    where it is read in that language."""
    source = default_language()
    return "" if get_language() == source else source


@register.simple_tag(takes_context=True)
def language_of(context, page: Page) -> str:
    """The language code of `page` (no query: locales are remembered)."""
    return locale_by_id(page.locale_id).language_code


@register.simple_tag(takes_context=True)
def reader_url(context, page: Page) -> str:
    """`page`'s address for this reader: its own, or, when it is listed
    untranslated, the same path under the reader's language prefix, which
    serves it with a notice (`cms.core.language_fallback`), or leads to its
    translation. The reader's language is the page's (`LANGUAGE_CODE`, set
    by `base.html` before the content), not the one a page shown untranslated
    renders its content in: the breadcrumb of an Indonesian page read under
    its English address led to the Indonesian site."""
    url = page.get_url(context.get("request")) or ""
    language = context.get("LANGUAGE_CODE") or get_language()
    for code, _name in settings.LANGUAGES:
        own = f"/{code}/"
        if code != language and url.startswith(own):
            return f"/{language}/" + url.removeprefix(own)
    return url


@register.simple_tag(takes_context=True)
def lagging_translation_source(context) -> LaggingSource | None:
    """Where the source is read when this page's translation lags behind it."""
    page = context.get("page")
    return lagging_source(page) if isinstance(page, Page) else None
