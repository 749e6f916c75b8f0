"""`/api/pledges/`: the units' service pledges (Maklumat Pelayanan) in the
open API, which integrators found only in Wagtail's generic pages API,
without a unit."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_a_units_pledge_is_listed_with_its_unit_and_signature(
    client, unit_a, unit_b, pledge
):
    data = client.get(f"/api/pledges/?unit={unit_a.pk}").json()
    assert data["count"] == 1
    [item] = data["results"]
    assert item["id"] == pledge.pk
    assert item["unit"]["id"] == unit_a.pk
    assert item["api_url"] == f"http://testserver/api/pledges/{pledge.pk}/"
    assert item["signed_on"] == pledge.signed_on.isoformat()
    assert item["signatory_title"] == pledge.signatory_title
    assert client.get(item["api_url"]).json() == item
    assert client.get(f"/api/pledges/?unit={unit_b.pk}").json()["count"] == 0


def test_a_unit_links_its_pledges(client, unit_a, pledge):
    links = client.get(f"/api/units/{unit_a.pk}/").json()["links"]
    assert links["pledges"] == f"http://testserver/api/pledges/?unit={unit_a.pk}"


def test_a_withdrawn_or_restricted_pledge_is_not_in_the_api(client, pledge):
    PageViewRestriction.objects.create(
        page=pledge, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.get(f"/api/pledges/{pledge.pk}/").status_code == 404
    assert client.get("/api/pledges/").json()["count"] == 0
    PageViewRestriction.objects.all().delete()
    pledge.unpublish()
    assert client.get(f"/api/pledges/{pledge.pk}/").status_code == 404
