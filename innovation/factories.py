"""Factories for KIPP entries, scores and replications (tests and demo)."""

import datetime

import factory
import wagtail_factories

from . import kipp
from .models import (
    InnovationEntryPage,
    InnovationShowcasePage,
    Replication,
    StageChange,
)


def complete_sections(title: str = "Inovasi") -> dict[str, str]:
    """Text for every proposal section, within every word limit."""
    return {
        section.key: f"{section.labels['id']} {title}: uraian singkat."
        for section in kipp.proposal_sections()
    }


class InnovationEntryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inovasi {n}")
    competition_year = 2023
    group = "umum"
    stage = kipp.SUBMITTED
    implementation_start = datetime.date(2021, 1, 4)

    class Meta:
        model = InnovationEntryPage

    @factory.post_generation
    def complete(obj, create, extracted, **kwargs):
        """Fill every proposal section unless `complete=False`."""
        if extracted is False:
            return
        changed = False
        for key, text in complete_sections(obj.title).items():
            if not getattr(obj, key):
                setattr(obj, key, text)
                changed = True
        if create and changed:
            obj.save()


class InnovationShowcasePageFactory(wagtail_factories.PageFactory):
    title = "Etalase inovasi"
    slug = "inovasi"
    show_in_menus = True

    class Meta:
        model = InnovationShowcasePage


class StageChangeFactory(factory.django.DjangoModelFactory):
    from_stage = kipp.DRAFT
    to_stage = kipp.SUBMITTED

    class Meta:
        model = StageChange


class ReplicationFactory(factory.django.DjangoModelFactory):
    replicated_on = datetime.date(2023, 3, 1)
    notes = "Layanan Sabtu diterapkan."

    class Meta:
        model = Replication
