"""Every vocabulary code in the API keeps its value and carries its label in
the object's language: `<field>_label` beside a code, `<field>_labels` beside a
list of codes (`cms.core.api.base`)."""

import pytest
from django.core.cache import cache

from cms.core.translation import translate_page
from consultation.forums.factories import ConsultationPageFactory
from consultation.models import ComponentComment
from consultation.moderation import ModerationStatus
from innovation.factories import InnovationEntryPageFactory, StageChangeFactory
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def standards(unit_a):
    """A published standard and its English translation."""
    page = publish(
        ServiceStandardPageFactory(
            parent=unit_a, title="Penerbitan paspor baru", slug="paspor-baru"
        )
    )
    translate_page(unit_a, "en", {})
    english = translate_page(page, "en", {"Penerbitan paspor baru": "New passport"})
    return page, english


def get(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_standard_detail_gives_labels_in_indonesian(client, standards):
    page, _english = standards
    data = get(client, f"/api/standards/{page.pk}/")
    assert data["completion_time"]["unit"] == "hari_kerja"
    assert data["completion_time"]["unit_label"] == "hari kerja"
    requirement = data["requirements"][0]
    assert requirement["document_form"] == "asli_dan_fotokopi"
    assert requirement["document_form_label"] == "Asli dan fotokopi"
    assert requirement["applies_to"] == ["wni_dewasa"]
    assert requirement["applies_to_labels"] == ["WNI dewasa"]
    step = data["procedure"][0]
    assert step["actor_label"] and step["actor_label"] != step["actor"]
    assert step["duration"] == {"value": 15, "unit": "menit", "unit_label": "menit"}
    assert data["category_label"] == "Paspor dan dokumen perjalanan"
    assert len(data["audiences_labels"]) == len(data["audiences"])
    assert len(data["channels_labels"]) == len(data["channels"])
    for channel in data["complaint_channels"]:
        assert channel["channel_label"]
    for instrument in data["legal_basis"]:
        assert instrument["type_label"]


def test_standard_detail_gives_labels_in_english(client, standards):
    _page, english = standards
    data = get(client, f"/api/standards/{english.pk}/")
    assert data["locale"] == "en"
    assert data["completion_time"]["unit"] == "hari_kerja"
    assert data["completion_time"]["unit_label"] == "working days"
    requirement = data["requirements"][0]
    assert requirement["document_form_label"] == "Original and copy"
    assert requirement["applies_to_labels"] == ["Adult Indonesian citizens"]
    assert data["procedure"][0]["duration"]["unit_label"] == "minutes"
    assert data["category_label"] == "Passports and travel documents"


def test_standards_list_gives_labels_of_the_list_fields(client, standards):
    items = get(client, "/api/standards/?locale=en")["results"]
    (item,) = items
    assert item["completion_time"]["unit_label"] == "working days"
    assert all(label for label in item["audiences_labels"])
    assert item["audiences_labels"] != item["audiences"]


def test_wagtail_api_gives_labels_in_the_page_language(client, standards):
    url = "/api/v2/pages/?type=standards.ServiceStandardPage&fields=*&locale={}"
    (indonesian,) = get(client, url.format("id"))["items"]
    (english,) = get(client, url.format("en"))["items"]
    assert indonesian["requirements"][0]["document_form"] == "asli_dan_fotokopi"
    assert indonesian["requirements"][0]["document_form_label"] == "Asli dan fotokopi"
    assert english["requirements"][0]["applies_to_labels"] == [
        "Adult Indonesian citizens"
    ]
    assert indonesian["completion_time"]["unit_label"] == "hari kerja"
    assert english["completion_time"]["unit_label"] == "working days"
    assert english["category_label"] == "Passports and travel documents"
    assert len(english["channels_labels"]) == len(english["channels"])


def test_consultation_state_and_audience_have_labels(client, unit_a):
    page = publish(ConsultationPageFactory(parent=unit_a, audience="pengguna_layanan"))
    data = get(client, f"/api/consultations/{page.pk}/")
    assert data["state"] == "open"
    assert data["state_label"] == "Dibuka"
    assert data["audience"] == "pengguna_layanan"
    assert data["audience_label"] == "Pengguna layanan"
    results = get(client, f"/api/consultations/{page.pk}/results/")
    assert results["state_label"] == "Dibuka"


def test_consultation_comments_per_component_have_labels(client, unit_a):
    page = publish(ConsultationPageFactory(parent=unit_a))
    standard = ServiceStandardPageFactory(parent=unit_a)
    ComponentComment.objects.create(
        consultation=page,
        standard=standard,
        component="jangka_waktu",
        text="Terlalu lama",
        status=ModerationStatus.APPROVED,
    )
    results = get(client, f"/api/consultations/{page.pk}/results/")
    assert results["comments"] == {"jangka_waktu": 1}
    assert results["comments_labels"] == {"jangka_waktu": "Jangka waktu pelayanan"}


def test_innovation_group_and_stage_history_have_labels(client, unit_a):
    page = publish(InnovationEntryPageFactory(parent=unit_a, group="umum"))
    StageChangeFactory(entry=page)
    data = get(client, f"/api/innovations/{page.pk}/")
    assert data["group"] == "umum"
    assert data["group_label"] == "Kelompok umum"
    (move,) = data["stage_history"]
    assert move == {
        "to_stage": "submitted",
        "to_stage_label": "Diajukan",
        "changed_at": move["changed_at"],
    }


def test_schema_documents_the_labels(client, home_page):
    schema = client.get("/api/schema/?format=json").json()
    parts = schema["components"]["schemas"]
    assert "unit_label" in parts["Duration"]["properties"]
    assert "document_form_label" in parts["Requirement"]["properties"]
    assert "applies_to_labels" in parts["Requirement"]["properties"]
    assert "state_label" in parts["Consultation"]["properties"]
    assert "group_label" in parts["Innovation"]["properties"]
    assert "to_stage_label" in parts["StageMove"]["properties"]
    assert "kind_label" in parts["SearchHit"]["properties"]
