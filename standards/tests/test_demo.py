"""The demo content of the standards app is realistic and idempotent."""

import io

import pytest
from django.core.management.base import OutputWrapper

from cms.core.seeding import DemoContext
from standards import demo
from standards.models import (
    ServicePledgePage,
    ServiceStandardPage,
    ServiceStandardVersion,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_context(home_page, make_unit, unit_a, unit_b):
    ctx = DemoContext(stdout=OutputWrapper(io.StringIO()), home=home_page)
    ctx.units = {"KJRI Toronto": unit_a, "KBRI Singapura": unit_b}
    ctx.units["DJPK"] = make_unit("DJPK", unit_type="eselon1", currency="IDR")
    return ctx


def test_demo_seed_is_idempotent(demo_context):
    demo.seed(demo_context)
    counts = (
        ServiceStandardPage.objects.count(),
        ServiceStandardVersion.objects.count(),
        ServicePledgePage.objects.count(),
    )
    demo.seed(demo_context)
    assert counts == (
        ServiceStandardPage.objects.count(),
        ServiceStandardVersion.objects.count(),
        ServicePledgePage.objects.count(),
    )


def test_demo_has_translations_and_second_versions_with_local_fees(demo_context):
    demo.seed(demo_context)
    english = ServiceStandardPage.objects.filter(locale__language_code="en")
    assert english.exists()
    legalisation = ServiceStandardPage.objects.get(
        slug="legalisasi-dokumen",
        unit__short_name="KJRI Toronto",
        locale=english[0].locale,
    )
    amounts = [
        v.data["biaya"]["items"][0] for v in legalisation.versions.order_by("number")
    ]
    assert [a["amount"] for a in amounts] == ["25.00", "30.00"]
    assert {a["currency"] for a in amounts} == {"CAD"}
    djpk = ServiceStandardPage.objects.filter(unit__short_name="DJPK")
    assert djpk.exists() and all(page.is_free for page in djpk)


def test_demo_versions_are_dated_by_their_decrees(demo_context):
    demo.seed(demo_context)
    for version in ServiceStandardVersion.objects.filter(number=2):
        assert version.published_at.date() == version.decree_date
        assert (
            version.decree_number != version.page.versions.get(number=1).decree_number
        )
    # A standard never revised was published on its decree's day too, in both
    # languages: its history said version 1 came out on the day of the seed.
    only_one = ServiceStandardVersion.objects.exclude(
        page__in=ServiceStandardVersion.objects.filter(number=2).values("page")
    )
    assert only_one.filter(page__locale__language_code="en").exists()
    for version in only_one:
        assert version.published_at.date() == version.decree_date
