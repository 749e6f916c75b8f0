"""Country names in the reader's language.

django-countries names countries in English only for Indonesian readers (it
has no Indonesian catalog), so `/id/` showed "Singapore" or "United States of
America". pycountry ships the ISO 3166 names translated by the iso-codes
project; Indonesian names come from there, English ones stay django-countries'.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language
from django_countries.fields import Country


@cache
def _iso_names(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str, language: str | None = None) -> str:
    """The name of the country `code` (ISO 3166-1 alpha-2) in `language`
    (the active language by default); "" for no country."""
    if not code:
        return ""
    return _country_name(
        code.upper(), (language or get_language() or "en").split("-")[0]
    )


@cache
def _country_name(code: str, language: str) -> str:
    """Names come from the packages' data, the same for the process's life."""
    english = str(Country(code=code).name)
    if language == "en":
        return english
    iso = pycountry.countries.get(alpha_2=code)
    if iso is None:
        return english
    return _iso_names(language).gettext(iso.name)


@cache
def _own_names(code: str) -> frozenset[str]:
    """The country's names a city-state's city may carry (casefolded)."""
    names = {str(Country(code=code).name).casefold()}
    iso = pycountry.countries.get(alpha_2=code)
    if iso is not None:
        names.add(iso.name.casefold())
    return frozenset(names)


def is_city_state(city: str, code: str, country: str) -> bool:
    """Whether `city` is its country's own name (Singapore)."""
    same = _own_names(code.upper()) if code else frozenset()
    return city.strip().casefold() in same | {country.casefold()}


def city_name(city: str, code: str, language: str | None = None) -> str:
    """The city as `language` names it: a city-state by its country's name
    there ("Singapura"), any other city as written."""
    country = country_name(code, language)
    return country if city and country and is_city_state(city, code, country) else city


def place(city: str, code: str, language: str | None = None) -> str:
    """ "City, Country" in `language`; the country alone for a city-state whose
    city is the country's name (Singapore), never "Singapore, Singapore"."""
    country = country_name(code, language)
    if not city or is_city_state(city, code, country):
        return country or city
    return f"{city}, {country}" if country else city
