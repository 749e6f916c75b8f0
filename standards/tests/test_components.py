"""The 14 components come from the regulation data, in order, with both labels."""

import pytest
from django.utils import translation

from standards.components import (
    components,
    delivery_components,
    label_for,
    management_components,
)
from standards.factories import ServiceStandardPageFactory
from standards.models import ServicePledgePage, ServiceStandardPage


def test_fourteen_components_in_the_regulations_order():
    assert [c.no for c in components()] == list(range(1, 15))
    assert components()[0].key == "persyaratan"
    assert components()[-1].key == "evaluasi_kinerja"


def test_six_delivery_and_eight_management_components():
    assert [c.key for c in delivery_components()] == [
        "persyaratan",
        "prosedur",
        "jangka_waktu",
        "biaya",
        "produk",
        "pengaduan",
    ]
    assert len(management_components()) == 8


def test_labels_follow_the_active_language():
    with translation.override("id"):
        assert label_for("biaya") == "Biaya/tarif"
    with translation.override("en"):
        assert label_for("biaya") == "Cost/fee"


def test_field_verbose_names_are_the_component_labels():
    field = ServiceStandardPage._meta.get_field("requirements")
    with translation.override("id"):
        assert str(field.verbose_name) == "Persyaratan"
    with translation.override("en"):
        assert str(field.verbose_name) == "Requirements"


@pytest.mark.django_db
def test_complete_factory_standard_fills_the_six_delivery_components(unit_a):
    page = ServiceStandardPageFactory.build()
    assert page.missing_delivery_components() == []
    assert page.compute_completeness() == 6


@pytest.mark.django_db
def test_free_service_counts_the_fee_component_as_filled():
    page = ServiceStandardPageFactory.build(fees=[], is_free=True)
    assert page.component_is_filled("biaya")


@pytest.mark.django_db
def test_missing_delivery_components_are_listed_in_order():
    page = ServiceStandardPageFactory.build(
        requirements=[], fees=[], completion_time_value=None
    )
    assert page.missing_delivery_components() == [
        "persyaratan",
        "jangka_waktu",
        "biaya",
    ]


@pytest.mark.django_db
def test_blank_management_text_does_not_count():
    page = ServiceStandardPageFactory.build(facilities="   ", staff_competence="Ada")
    assert not page.component_is_filled("sarana_prasarana")
    assert page.component_is_filled("kompetensi_pelaksana")


@pytest.mark.django_db
def test_saved_page_stores_its_completeness_and_unit(unit_a):
    page = ServiceStandardPageFactory(parent=unit_a, legal_basis=[], facilities="Ada")
    page.refresh_from_db()
    assert page.completeness == 7
    assert page.unit_id == unit_a.pk


@pytest.mark.django_db
def test_fee_without_currency_takes_the_units_currency(unit_b):
    page = ServiceStandardPageFactory(parent=unit_b)
    page.refresh_from_db()
    assert page.fees[0].value["currency"] == "SGD"


@pytest.mark.django_db
def test_a_unit_has_at_most_one_pledge(unit_a, pledge):
    assert not ServicePledgePage.can_create_at(unit_a)
