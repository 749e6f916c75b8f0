"""Editors can open the admin forms of every page type of the app."""

import pytest
from django.urls import reverse

from consultation.forums.factories import ConsultationPageFactory, PollPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["satisfactionsurveypage", "consultationpage", "pollpage"]
)
def test_add_form_opens_under_a_unit(client, superuser, unit_a, model):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["consultation", model, unit_a.pk])
    assert client.get(url).status_code == 200


def test_consultation_edit_form_has_outcome_tab(client, superuser, unit_a):
    page = ConsultationPageFactory(parent=unit_a)
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    assert b"outcome_summary" in html and b"commitments-FORMS" in html


def test_overview_and_index_add_forms_open(client, superuser, home_page):
    client.force_login(superuser)
    for model in ("satisfactionoverviewpage", "consultationindexpage"):
        url = reverse(
            "wagtailadmin_pages:add", args=["consultation", model, home_page.pk]
        )
        assert client.get(url).status_code == 200


def test_poll_edit_form_opens(client, superuser, unit_a):
    page = ConsultationPageFactory(parent=unit_a)
    poll = PollPageFactory(parent=page)
    client.force_login(superuser)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[poll.pk])).status_code
        == 200
    )
