"""The whole journey of the issue's "done when", through the admin views."""

import csv
import io

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from innovation import kipp
from innovation.factories import complete_sections
from innovation.models import InnovationEntryPage

from .test_submission import first_goal

pytestmark = pytest.mark.django_db


def test_entry_goes_from_editor_to_top99_with_scores_ranked_and_shown(
    client, make_staff, unit_a, showcase, committee, make_panelist
):
    # An editor prepares and submits the entry.
    client.force_login(make_staff(unit_a))
    data = {
        "title": "Pandu",
        "slug": "pandu",
        "competition_year": 2021,
        "group": "umum",
        "implementation_start": "2019-01-05",
        "gallery": streamfield([]),
        "documents": streamfield([]),
        "video_url": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "action-submit": "submit",
        **complete_sections("Pandu"),
    }
    client.post(
        f"/admin/pages/add/innovation/innovationentrypage/{unit_a.pk}/",
        {**nested_form_data(data), "sdgs": [first_goal()]},
    )
    entry = InnovationEntryPage.objects.get(slug="pandu")

    # The unit's moderator approves: the entry is submitted.
    client.force_login(make_staff(unit_a, "moderator"))
    task_state = entry.current_workflow_task_state
    client.post(
        f"/admin/pages/workflow/action/{entry.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )

    # The committee moves it to Top 99.
    client.force_login(committee)
    for stage in ("admin_passed", "top99"):
        client.post(f"/admin/innovation/entries/{entry.pk}/stage/", {"to_stage": stage})

    # Two panel members score it: 80.0 and 60.0, mean 70.0.
    for name, value in (("juri-a", 80), ("juri-b", 60)):
        client.force_login(make_panelist(name))
        scores = dict.fromkeys(kipp.section_weights(), value)
        client.post(f"/admin/innovation/entries/{entry.pk}/score/", scores)

    client.force_login(committee)
    export = client.get("/admin/innovation/ranking.csv?year=2021").content.decode()
    row = list(csv.reader(io.StringIO(export)))[1]
    assert row[1] == "Pandu" and row[-2:] == ["2", "70.00"]

    client.logout()
    html = client.get(showcase.url).content.decode()
    assert "Pandu" in html and "Top 99 / finalis" in html
    assert "70.0" not in html and "70,0" not in html
