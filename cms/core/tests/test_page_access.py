"""The page an admin screen works on: Wagtail's page permissions per unit."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from cms.core.models import UnitPage
from cms.core.page_access import page_for

pytestmark = pytest.mark.django_db


def asking(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_an_editor_gets_a_page_of_their_unit(unit_a, make_staff):
    page = page_for(asking(make_staff(unit_a, "editor")), UnitPage, unit_a.pk)
    assert page == unit_a
    assert isinstance(page, UnitPage)


def test_another_units_editor_is_refused(unit_a, unit_b, make_staff):
    with pytest.raises(PermissionDenied):
        page_for(asking(make_staff(unit_b, "editor")), UnitPage, unit_a.pk)


def test_publishing_screens_refuse_an_editor(unit_a, make_staff):
    request = asking(make_staff(unit_a, "editor"))
    with pytest.raises(PermissionDenied):
        page_for(request, UnitPage, unit_a.pk, publish=True)


def test_publishing_screens_serve_a_moderator(unit_a, make_staff):
    request = asking(make_staff(unit_a, "moderator"))
    assert page_for(request, UnitPage, unit_a.pk, publish=True) == unit_a


def test_a_page_that_does_not_exist_is_not_found(superuser):
    with pytest.raises(Http404):
        page_for(asking(superuser), UnitPage, 999_999)
