"""Fixtures of the innovation tests: showcase, entries, committee and panel."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.core.factories import UserFactory
from innovation.factories import (
    InnovationEntryPageFactory,
    InnovationShowcasePageFactory,
)
from innovation.permissions import COMMITTEE_GROUP, PANEL_GROUP


@pytest.fixture
def showcase(home_page):
    page = InnovationShowcasePageFactory(parent=home_page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_entry():
    def make(unit, **fields):
        return InnovationEntryPageFactory(parent=unit, **fields)

    return make


@pytest.fixture
def entry(make_entry, unit_a):
    """A submitted, live entry of KJRI Toronto in 2021."""
    return make_entry(unit_a, title="Pandu", slug="pandu", competition_year=2021)


@pytest.fixture
def committee(db):
    return UserFactory(
        username="komite", groups=[Group.objects.get(name=COMMITTEE_GROUP)]
    )


@pytest.fixture
def make_panelist(db):
    def make(username):
        return UserFactory(
            username=username, groups=[Group.objects.get(name=PANEL_GROUP)]
        )

    return make


@pytest.fixture
def panelist(make_panelist):
    return make_panelist("panel1")


@pytest.fixture(autouse=True)
def latest_schema_after_migration_tests(request):
    """A test that migrates the database back leaves it at the latest schema, so
    the tests after it on the same worker find every column."""
    if "migration" not in request.module.__name__:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
