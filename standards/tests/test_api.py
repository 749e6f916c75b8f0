"""The Wagtail API v2 returns standards with structured components."""

import pytest

from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v2/pages/?type=standards.ServiceStandardPage&fields=*"


def items(client, url=LIST_URL) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    return response.json()["items"]


def test_listing_returns_requirements_as_objects(client, standard):
    (item,) = items(client)
    assert item["requirements"][0] == {
        "description": "Dokumen persyaratan 1",
        "document_form": "asli_dan_fotokopi",
        "document_form_label": "Asli dan fotokopi",
        "applies_to": ["wni_dewasa"],
        "applies_to_labels": ["WNI dewasa"],
        "note": "",
    }


def test_fees_have_a_decimal_string_amount_and_iso_currency(client, standard):
    (item,) = items(client)
    assert item["fees"] == {
        "free": False,
        "items": [
            {
                "label": "Biaya layanan",
                "amount": "60.00",
                "currency": "CAD",
                "added": False,
            }
        ],
        "legal_basis": "",
    }


def test_steps_and_completion_time_have_number_and_unit(client, standard):
    (item,) = items(client)
    assert item["procedure"][0]["duration"] == {
        "value": 15,
        "unit": "menit",
        "unit_label": "menit",
    }
    assert item["procedure"][0]["step"] == 1
    assert item["completion_time"] == {
        "value": 3,
        "unit": "hari_kerja",
        "unit_label": "hari kerja",
        "note": "",
    }


def test_unit_decree_dates_and_locale(client, standard):
    (item,) = items(client)
    assert item["unit"]["short_name"] == "KJRI Toronto"
    assert item["unit"]["currency"] == "CAD"
    assert item["decree"] == {"number": "12/KONS/2024", "date": "2024-01-15"}
    assert item["effective_date"] == "2024-02-01"
    assert item["meta"]["locale"] == "id"


def test_completeness_lists_missing_components(client, standard):
    (item,) = items(client)
    assert item["completeness"]["filled"] == 6
    assert item["completeness"]["total"] == 14
    assert {m["key"] for m in item["completeness"]["missing"]} >= {"dasar_hukum"}


def test_drafts_never_appear(client, standard, unit_a):
    ServiceStandardPageFactory(parent=unit_a, title="Draf", live=False)
    titles = [item["title"] for item in items(client)]
    assert titles == [standard.title]


def test_detail_view_has_the_components(client, standard):
    response = client.get(f"/api/v2/pages/{standard.pk}/")
    data = response.json()
    assert data["complaint_channels"][0] == {
        "channel": "lapor",
        "channel_label": "SP4N-LAPOR!",
        "address": "https://www.lapor.go.id",
        "note": "",
    }
    assert data["products"][0]["name"] == "Produk layanan 1"
