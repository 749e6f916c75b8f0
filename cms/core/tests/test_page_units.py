"""`cms.core.page_units`: every page's unit, one way, one query."""

import pytest

from cms.core.factories import ContentPageFactory
from cms.core.models import UnitPage
from cms.core.page_units import units_for
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(unit_a, unit_b):
    standard = ServiceStandardPageFactory(parent=unit_a, slug="paspor")
    news = ContentPageFactory(parent=unit_b, slug="berita")
    nested = ContentPageFactory(parent=news, slug="jam-layanan")
    return {"standard": standard, "news": news, "nested": nested}


def test_each_page_gets_its_unit_in_one_query(
    pages, unit_a, unit_b, django_assert_num_queries
):
    listed = [*pages.values(), unit_a]
    with django_assert_num_queries(1):
        units = units_for(listed, UnitPage.objects.all())
    assert units.unit_of(pages["standard"]) == unit_a
    assert units.unit_of(pages["news"]) == unit_b
    assert units.unit_of(pages["nested"]) == unit_b
    assert units.unit_of(unit_a) == unit_a


def test_a_unit_owned_page_follows_its_foreign_key(pages, unit_a, unit_b):
    """The `unit` column decides, not the path (it is kept right on move)."""
    standard = pages["standard"]
    standard.unit = unit_b
    units = units_for([standard], UnitPage.objects.all())
    assert units.unit_of(standard) == unit_b


def test_a_unit_outside_the_queryset_is_no_unit(pages, unit_a):
    units = units_for(pages.values(), UnitPage.objects.exclude(pk=unit_a.pk))
    assert units.unit_of(pages["standard"]) is None
    assert units.unit_of(pages["nested"]) is not None
