"""Wagtail's check of a page's view restrictions (`KnownViewRestrictionsMixin`):
no query for a page with no restricted page above it, the restriction itself
for a page under one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.core.visibility import is_public, restricted_paths
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


def test_only_pages_under_a_restriction_read_it(unit_a, unit_b):
    inside = ServiceStandardPageFactory(parent=unit_a, slug="inside")
    outside = ServiceStandardPageFactory(parent=unit_b, slug="outside")
    restriction = PageViewRestriction.objects.create(
        page=unit_a, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    restricted_paths()  # read once per tree version
    with CaptureQueriesContext(connection) as queries:
        assert list(outside.get_view_restrictions()) == []
    assert len(queries) == 0
    assert list(inside.get_view_restrictions()) == [restriction]
    assert list(unit_a.specific.get_view_restrictions()) == [restriction]


def test_is_public_follows_restrictions_without_a_query(unit_a, unit_b):
    inside = ServiceStandardPageFactory(parent=unit_a, slug="inside")
    outside = ServiceStandardPageFactory(parent=unit_b, slug="outside")
    PageViewRestriction.objects.create(
        page=unit_a, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    restricted_paths()  # read once per tree version
    with CaptureQueriesContext(connection) as queries:
        assert is_public(outside)
        assert not is_public(inside)
        assert not is_public(unit_a)
        # Shown on a page below the restriction, whose visitors passed it.
        assert is_public(inside, within=unit_a)
        assert not is_public(inside, within=unit_b)
    assert len(queries) == 0
    outside.unpublish()
    assert not is_public(outside)
