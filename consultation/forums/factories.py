"""Factories of public consultations, their questions and polls (tests and
demo content)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import (
    ConsultationFormField,
    ConsultationIndexPage,
    ConsultationPage,
    PollChoice,
    PollPage,
)


class ConsultationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Konsultasi publik {n}")
    slug = factory.Sequence(lambda n: f"konsultasi-{n}")
    summary = "Rancangan standar pelayanan paspor."
    opens_on = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=5)
    )
    closes_on = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=20)
    )

    class Meta:
        model = ConsultationPage


class ConsultationFormFieldFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Pertanyaan {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = ConsultationFormField


class PollPageFactory(wagtail_factories.PageFactory):
    title = "Hari layanan tambahan yang paling Anda butuhkan?"
    slug = factory.Sequence(lambda n: f"jajak-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=10)
    )

    class Meta:
        model = PollPage


def published_poll(consultation: ConsultationPage, *choices: str) -> PollPage:
    """An open, published poll of `consultation` with `choices` (by default
    "Sabtu" and "Minggu")."""
    page = PollPageFactory(parent=consultation)
    for position, text in enumerate(choices or ("Sabtu", "Minggu")):
        page.choices.add(PollChoice(sort_order=position, text=text))
    page.save_revision().publish()
    return page


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Konsultasi publik"
    slug = "konsultasi"

    class Meta:
        model = ConsultationIndexPage
