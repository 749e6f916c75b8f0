"""One description of an entry for every output: the Wagtail API, the open API
and the open data publish `InnovationEntryPage.public_fields` with one value."""

import datetime
import json

import pytest

from innovation.models import InnovationEntryPage

pytestmark = pytest.mark.django_db


def test_every_output_publishes_the_public_fields_with_the_same_values(
    client, make_entry, unit_a
):
    entry = make_entry(
        unit_a,
        title="Pandu",
        competition_year=2021,
        stage="top45",
        implementation_start=datetime.date(2020, 3, 1),
    )
    wagtail = client.get(f"/api/v2/pages/{entry.pk}/?fields=*").json()
    open_api = client.get(f"/api/innovations/{entry.pk}/").json()
    open_api["stage"] = open_api["stage"]["key"]
    dataset = client.get("/api/data/innovations.json")
    rows = json.loads(b"".join(dataset.streaming_content))
    row = next(r for r in rows if r["id"] == entry.pk)
    expected = {
        "competition_year": 2021,
        "group": entry.group,
        "stage": "top45",
        "implementation_start": "2020-03-01",
    }
    assert set(InnovationEntryPage.public_fields) == set(expected)
    for output in (wagtail, open_api, row):
        assert {name: output[name] for name in expected} == expected
