"""Editors manage synonyms in the admin; admin search stays on the database."""

import pytest
from django.conf import settings
from django.urls import reverse

from search.models import Synonym
from search.synonyms import expand, synonym_rules

pytestmark = pytest.mark.django_db


def test_synonyms_are_seeded_from_the_data_file():
    assert "wni, warga negara indonesia" in synonym_rules()


def test_editor_adds_a_synonym_in_the_admin(client, superuser):
    client.force_login(superuser)
    listing = client.get(reverse("wagtailsnippets_search_synonym:list"))
    assert listing.status_code == 200
    response = client.post(
        reverse("wagtailsnippets_search_synonym:add"),
        {"terms": "Lapor Diri, self-report"},
    )
    assert response.status_code == 302
    assert Synonym.objects.filter(terms="lapor diri, self-report").exists()
    assert ["self-report"] in expand(["lapor", "diri"])


def test_a_synonym_needs_two_terms(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailsnippets_search_synonym:add"), {"terms": "sendirian"}
    )
    assert response.status_code == 200
    assert not Synonym.objects.filter(terms="sendirian").exists()


def test_wagtail_admin_search_stays_on_the_database_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    assert backend == "wagtail.search.backends.database"
