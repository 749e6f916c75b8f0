"""Factories for the core page types (tests and demo content)."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from .models import ContentPage, HomePage, UnitIndexPage, UnitPage, UnitType


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Beranda"
    slug = "beranda"

    class Meta:
        model = HomePage


class UnitIndexPageFactory(wagtail_factories.PageFactory):
    title = "Unit layanan"
    slug = "unit"
    show_in_menus = True

    class Meta:
        model = UnitIndexPage


class UnitPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"KJRI Contoh {n}")
    short_name = factory.LazyAttribute(lambda o: o.title)
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    unit_type = UnitType.KJRI
    city = "Toronto"
    country = "CA"
    time_zone = "America/Toronto"
    currency = "CAD"

    class Meta:
        model = UnitPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Informasi {n}")
    intro = "Informasi layanan."

    class Meta:
        model = ContentPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()
