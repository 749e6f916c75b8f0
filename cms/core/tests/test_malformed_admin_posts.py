"""Malformed admin form POSTs answer 400 with a short message, never 500."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from cms.core.factories import ContentPageFactory
from cms.core.models import ContentPage, UnitPage
from search.models import Synonym
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

MESSAGE = "The form data was incomplete or damaged"


@pytest.fixture
def admin(client, superuser):
    """A superuser whose admin speaks English; exceptions become responses."""
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(superuser)
    client.raise_request_exception = False
    return client


def content_page_data(**fields) -> dict:
    data = {"title": "Jam layanan", "slug": "jam-layanan", "intro": ""}
    data.update(fields)
    return nested_form_data({**data, "body": streamfield([])})


def test_page_create_without_streamfield_count_is_a_400(admin, unit_a):
    data = content_page_data()
    del data["body-count"]
    response = admin.post(f"/admin/pages/add/core/contentpage/{unit_a.pk}/", data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not ContentPage.objects.filter(slug="jam-layanan").exists()


def test_page_edit_without_streamfield_count_is_a_400(admin, unit_a):
    page = ContentPageFactory(parent=unit_a, title="Jam layanan", slug="jam")
    data = content_page_data(title="Diubah", slug="jam")
    del data["body-count"]
    response = admin.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 400
    page.refresh_from_db()
    assert page.title == "Jam layanan"


def test_service_standard_edit_without_its_streamfields_is_a_400(admin, unit_a):
    standard = ServiceStandardPageFactory(parent=unit_a, slug="paspor")
    response = admin.post(
        f"/admin/pages/{standard.pk}/edit/", {"title": "Paspor", "slug": "paspor"}
    )
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_streamfield_count_that_is_not_a_number_is_a_400(admin, unit_a):
    data = content_page_data()
    data["body-count"] = "abc"
    response = admin.post(f"/admin/pages/add/core/contentpage/{unit_a.pk}/", data)
    assert response.status_code == 400


def test_rich_text_that_is_not_editor_data_is_a_400(admin, unit_a):
    response = admin.post(
        f"/admin/pages/{unit_a.pk}/edit/",
        {"title": "KJRI", "slug": unit_a.slug, "intro": "<p>not JSON</p>"},
    )
    assert response.status_code == 400


def test_inline_formset_without_management_form_is_a_form_error(admin, unit_a):
    data = {
        "title": "Diubah",
        "slug": unit_a.slug,
        "short_name": unit_a.short_name,
        "unit_type": "kjri",
        "intro": rich_text(""),
        "city": "Toronto",
        "country": "CA",
        "time_zone": "America/Toronto",
        "currency": "CAD",
        "address": "",
    }
    response = admin.post(f"/admin/pages/{unit_a.pk}/edit/", data)
    assert response.status_code == 200
    assert "ManagementForm data is missing" in response.content.decode()
    assert UnitPage.objects.get(pk=unit_a.pk).title == unit_a.title


def test_ordinary_page_form_error_is_shown_next_to_the_field(admin, unit_a):
    data = content_page_data(title="")
    response = admin.post(f"/admin/pages/add/core/contentpage/{unit_a.pk}/", data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_ordinary_snippet_form_error_is_shown_next_to_the_field(admin):
    synonyms = Synonym.objects.count()
    response = admin.post("/admin/snippets/search/synonym/add/", {"terms": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert Synonym.objects.count() == synonyms
