"""Malformed admin form POSTs answer 400 with a short message, never 500."""

import pytest
from django.utils.datastructures import MultiValueDictKeyError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation

from cms.core.factories import ContentPageFactory
from cms.core.middleware import MalformedAdminPostMiddleware
from cms.core.models import ContentPage, UnitPage
from cms.core.translation import translate_page
from consultation.forums.factories import ConsultationPageFactory
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


def unit_page_data(unit, **fields) -> dict:
    """A unit page's edit form, titled "Diubah", without the management form
    of its inline rows (`fields` add to it)."""
    return {
        "title": "Diubah",
        "slug": unit.slug,
        "short_name": unit.short_name,
        "unit_type": "kjri",
        "intro": rich_text(""),
        "city": "Toronto",
        "country": "CA",
        "time_zone": "America/Toronto",
        "currency": "CAD",
        "address": "",
        **fields,
    }


def test_inline_formset_without_management_form_is_a_form_error(admin, unit_a):
    response = admin.post(f"/admin/pages/{unit_a.pk}/edit/", unit_page_data(unit_a))
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


# Ids in the query string, and data of the admin's PUT and PATCH requests ------------


@pytest.fixture
def consultation(unit_a):
    return ConsultationPageFactory(parent=unit_a, title="Konsultasi paspor")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/documents/chooser/chosen-multiple/?id=abc",
        "/admin/images/chooser/chosen-multiple/?id=1&id=abc",
        "/admin/bulk/wagtailcore/page/publish/?id=all&childOf=abc",
        "/admin/bulk/wagtailcore/page/unpublish/?id=all&childOf=9" + "9" * 22,
        "/admin/bulk/wagtailcore/page/move/?id=abc",
        "/admin/bulk/wagtailimages/image/delete/?id=abc",
        "/admin/bulk/wagtaildocs/document/delete/?id=1&id=abc",
        "/admin/bulk/auth/user/delete/?id=abc",
    ],
)
def test_an_id_that_is_not_a_number_is_a_400(admin, path):
    response = admin.get(path)

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


HUGE = "9" * 30


def test_malformed_ids_in_a_post_path_or_form_are_a_400(admin, unit_a):
    answers = [
        admin.post(f"/admin/pages/{unit_a.pk}/set_position/?position={HUGE}"),
        admin.post(
            f"/admin/pages/{unit_a.pk}/privacy/",
            {"restriction_type": "groups", "groups": HUGE},
        ),
        admin.post("/admin/editing-sessions/ping/wagtailcore/page/abc/1/"),
        admin.post("/admin/editing-sessions/ping/wagtaildocs/document/abc/1/"),
    ]
    assert [answer.status_code for answer in answers] == [400] * 4


@pytest.mark.parametrize(
    "path",
    [
        f"/admin/consultation/surveys/{HUGE}/report/",
        f"/admin/consultation/surveys/{HUGE}/kiosks/",
        f"/admin/consultation/consultations/{HUGE}/comments/",
        f"/admin/innovation/entries/{HUGE}/",
    ],
)
def test_an_id_no_row_can_have_is_not_found_on_the_projects_own_screens(admin, path):
    """`<id:...>` (cms.core.converters) takes 1 to 18 digits: 30 of them
    overflowed SQLite's integers in the page lookup."""
    assert admin.get(path).status_code == 404


def test_ordinary_ids_still_reach_those_screens(admin, unit_a):
    position = admin.post(f"/admin/pages/{unit_a.pk}/set_position/?position=0")
    privacy = admin.get(f"/admin/pages/{unit_a.pk}/privacy/")
    assert (position.status_code, privacy.status_code) == (200, 200)


@pytest.mark.parametrize(
    "query",
    [
        "search=a&search_operator=xx",
        f"offset={HUGE}",
        "search=%00",
        "first_published_at=xx",
        "first_published_at=2026-13-45",
        "limit=0",
        "limit=-3",
        "limit=%2B0",
        "limit=%200",
        "locale=fr",
    ],
)
@pytest.mark.parametrize("api", ["/api/v2/pages/", "/admin/api/main/pages/"])
def test_the_apis_answer_bad_parameters_with_a_400_json(admin, api, query):
    admin.raise_request_exception = False
    response = admin.get(f"{api}?{query}")
    assert response.status_code == 400
    assert response.json()


@pytest.mark.parametrize("api", ["/api/v2/pages/", "/admin/api/main/pages/"])
def test_a_quotation_mark_in_an_api_search_is_never_an_error_page(admin, api):
    """SQLite's full-text engine cannot read an odd quotation mark (400, not
    the database-outage 503); PostgreSQL reads it (200)."""
    admin.raise_request_exception = False
    response = admin.get(f'{api}?search="')
    assert response.status_code in (200, 400)
    assert response.json()


def test_select_all_and_ids_still_reach_the_bulk_screens(admin):
    response = admin.get("/admin/bulk/wagtailcore/page/publish/?id=all&childOf=1")
    assert response.status_code == 200


def test_submissions_to_delete_that_are_not_numbers_are_a_400(admin, consultation):
    path = f"/admin/forms/submissions/{consultation.pk}/delete/"

    malformed = admin.get(f"{path}?selected-submissions=abc")
    empty = admin.get(f"{path}?selected-submissions=999999")

    assert malformed.status_code == 400
    assert empty.status_code == 200


@pytest.mark.parametrize("role", ["superuser", "editor"])
def test_select_all_under_a_page_that_does_not_exist_is_a_404(
    client, superuser, make_staff, unit_a, role
):
    client.force_login(superuser if role == "superuser" else make_staff(unit_a))
    client.raise_request_exception = False
    missing = unit_a.pk + 1000
    response = client.get(
        f"/admin/bulk/wagtailcore/page/move/?id=all&childOf={missing}"
    )
    assert response.status_code == 404


def test_unit_staff_get_the_same_400(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    client.raise_request_exception = False

    response = client.get("/admin/bulk/wagtailcore/page/publish/?id=all&childOf=x")

    assert response.status_code == 400


def test_numeric_ids_still_reach_the_chooser(admin):
    response = admin.get("/admin/images/chooser/chosen-multiple/?id=999999")

    assert response.status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/admin/documents/chooser/chosen-multiple/?id=abc")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.fixture
def own_string(make_staff, units_index, unit_a):
    """A string of unit A's page translated into English, and A's editor."""
    translate_page(units_index, "en", {})
    translate_page(unit_a, "en", {})
    page = ContentPageFactory(parent=unit_a, title="Layanan paspor A")
    translate_page(page, "en", {})
    translation = Translation.objects.get(source__object_id=page.translation_key)
    segment = StringSegment.objects.filter(source=translation.source).first()
    return translation, segment, make_staff(unit_a)


def test_string_edit_without_its_value_is_a_400(client, own_string):
    translation, segment, editor = own_string
    client.force_login(editor)
    client.raise_request_exception = False
    path = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"

    response = client.put(
        path, "other=1", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400  # in the editor's language (Indonesian)


@pytest.mark.parametrize("method, answered", [("patch", True), ("get", False)])
def test_only_requests_sending_data_are_answered(rf, superuser, method, answered):
    request = getattr(rf, method)("/admin/some/endpoint/")
    request.user = superuser
    middleware = MalformedAdminPostMiddleware(lambda request: None)

    response = middleware.process_exception(request, MultiValueDictKeyError("value"))

    assert (response is not None and response.status_code == 400) is answered


def test_string_edit_with_its_value_is_saved(client, own_string):
    translation, segment, editor = own_string
    client.force_login(editor)
    path = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"

    response = client.put(
        path,
        "value=Passport+services",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code in (200, 201)


@pytest.mark.parametrize("action", ["lock", "unlock"])
def test_a_next_that_is_not_an_address_is_a_400_and_changes_nothing(
    admin, unit_a, action
):
    page = ContentPageFactory(parent=unit_a, title="Jam layanan", slug="jam")
    page.locked = action == "unlock"
    page.save()
    response = admin.post(f"/admin/pages/{page.pk}/{action}/?next=x")
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    page.refresh_from_db()
    assert page.locked == (action == "unlock")


@pytest.mark.parametrize("next_url", ["/admin/", "http://evil.example/", ""])
def test_a_path_or_an_address_as_next_still_locks(admin, unit_a, next_url):
    page = ContentPageFactory(parent=unit_a, title="Jam layanan", slug="jam")
    response = admin.post(f"/admin/pages/{page.pk}/lock/?next={next_url}")
    assert response.status_code == 302
    assert response["Location"] != "http://evil.example/"
    page.refresh_from_db()
    assert page.locked


@pytest.mark.parametrize(
    "query",
    [
        f"/admin/pages/{{unit}}/?owner={HUGE}",
        f"/admin/pages/{{unit}}/?edited_by={HUGE}",
        f"/admin/pages/{{unit}}/?content_type={HUGE}",
        f"/admin/pages/{{unit}}/?site={HUGE}",
        f"/admin/reports/site-history/?user={HUGE}",
        f"/admin/pages/usage/core/contentpage/?owner={HUGE}",
        f"/admin/forms/?content_type={HUGE}",
        f"/admin/choose-page/chosen-multiple/?id={HUGE}",
    ],
)
def test_an_id_beyond_the_databases_integers_in_a_filter_is_not_a_500(
    admin, unit_a, query
):
    response = admin.get(query.format(unit=unit_a.pk))
    assert response.status_code in (200, 400), response.status_code


@pytest.mark.parametrize("field", ["original", "unit"])
def test_an_id_beyond_the_databases_integers_in_a_form_is_not_a_500(
    admin, unit_a, field
):
    data = {"original": "1", "unit": str(unit_a.pk), "replicated_on": "2026-01-01"}
    data[field] = HUGE
    response = admin.post("/admin/replications/new/", data)
    assert response.status_code in (200, 400), response.status_code


def test_a_tampered_inline_row_id_is_a_400(admin, unit_a):
    """From the outside probe: `opening_hours-0-id=abc` raised Django's
    ValidationError while the page form built its rows: a 500."""
    data = unit_page_data(
        unit_a,
        **{
            "opening_hours-TOTAL_FORMS": "1",
            "opening_hours-INITIAL_FORMS": "1",
            "opening_hours-MIN_NUM_FORMS": "0",
            "opening_hours-MAX_NUM_FORMS": "1000",
            "opening_hours-0-id": "abc",
        },
    )
    response = admin.post(f"/admin/pages/{unit_a.pk}/edit/", data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert UnitPage.objects.get(pk=unit_a.pk).title == unit_a.title
