"""Shared pytest fixtures: the page tree, units and their staff.

Loaded by the root `conftest.py` so every app's tests can use them.
"""

import pytest
from django.utils.text import slugify
from wagtail.models import Collection, Locale, Page, Site

from cms.core.factories import (
    HomePageFactory,
    UnitIndexPageFactory,
    UnitPageFactory,
    UserFactory,
)
from cms.core.unit_access import ensure_unit_access


@pytest.fixture
def locales(db):
    """The site's two locales: Indonesian (default) and English.

    Also the root collection the migrations make: a transactional test empties
    every table afterwards, and units need it for their media.
    """
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    locale_id, _ = Locale.objects.get_or_create(language_code="id")
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    return locale_id, locale_en


@pytest.fixture
def home_page(locales):
    """An Indonesian home page as the default site's root, with an English copy."""
    locale_id, locale_en = locales
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale_id)
    )
    home = HomePageFactory(parent=root, locale=locale_id)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Terpadu"},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).exclude(
        translation_key=home.translation_key
    ).delete()
    english = home.copy_for_translation(locale_en)
    english.title = "Home"
    english.save_revision().publish()
    return home


@pytest.fixture
def units_index(home_page):
    return UnitIndexPageFactory(parent=home_page)


@pytest.fixture
def make_unit(units_index):
    """Create a unit (its groups and workflow are created with it)."""

    def make(short_name: str, **fields):
        fields.setdefault("title", short_name)
        return UnitPageFactory(
            parent=units_index,
            short_name=short_name,
            slug=slugify(short_name),
            **fields,
        )

    return make


@pytest.fixture
def unit_a(make_unit):
    return make_unit("KJRI Toronto")


@pytest.fixture
def unit_b(make_unit):
    return make_unit(
        "KBRI Singapura",
        unit_type="kbri",
        city="Singapore",
        country="SG",
        time_zone="Asia/Singapore",
        currency="SGD",
    )


@pytest.fixture
def make_staff(db):
    """A user in a unit's editors or moderators group."""

    def make(unit, role: str = "editor", **fields):
        access = ensure_unit_access(unit)
        group = access.editors if role == "editor" else access.moderators
        return UserFactory(groups=[group], **fields)

    return make


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache. Rate-limit counts and the claims
    of answer sendings (`consultation.resubmission`, 15 s) live there, and a
    rolled-back test's page ids are given again to the next test's pages."""
    from django.core.cache import cache

    cache.clear()
