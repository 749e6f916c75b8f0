"""Fixtures of the standards tests: published standards, pledges, the index."""

import pytest
from django.core.cache import cache

from standards.factories import (
    ServicePledgePageFactory,
    ServiceStandardIndexPageFactory,
    ServiceStandardPageFactory,
)
from standards.models import ServiceStandardPage


@pytest.fixture(autouse=True)
def empty_cache():
    """Rendered page bodies are cached; ids repeat between tests."""
    cache.clear()
    yield
    cache.clear()


def publish(page):
    """Publish `page` the way the admin does (a revision, then publication)."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def make_standard():
    """Create and publish a complete standard under `unit`."""

    def make(unit, **fields):
        page = ServiceStandardPageFactory(parent=unit, **fields)
        return publish(page)

    return make


@pytest.fixture
def standard(unit_a, make_standard) -> ServiceStandardPage:
    """A published, complete standard of KJRI Toronto (CAD)."""
    return make_standard(unit_a, title="Penerbitan paspor baru", slug="paspor-baru")


@pytest.fixture
def pledge(unit_a):
    page = ServicePledgePageFactory(parent=unit_a)
    return publish(page)


@pytest.fixture
def standards_index(home_page):
    return publish(ServiceStandardIndexPageFactory(parent=home_page))
