"""The open API's core: root, units, schema, docs, caching and CORS."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.core.models import UnitOpeningHours
from cms.core.translation import translate_page

pytestmark = pytest.mark.django_db


def test_root_links_to_every_part_of_the_api(client, home_page):
    data = client.get("/api/").json()
    names = {link["name"] for link in data["endpoints"]}
    assert {
        "units",
        "standards",
        "pledges",
        "consultations",
        "surveys",
        "innovations",
        "search",
        "search_suggest",
        "open_data",
        "pages",
        "images",
        "documents",
        "schema",
        "docs",
    } <= names
    assert all(
        link["url"].startswith("http://testserver/api/") for link in data["endpoints"]
    )


def test_unit_has_type_parent_location_contact_hours_and_links(
    client, unit_a, make_unit
):
    child = make_unit(
        "Fungsi Konsuler",
        unit_type="unit_layanan",
        parent_unit=unit_a,
        city="Toronto",
        country="CA",
        time_zone="America/Toronto",
        currency="CAD",
        phone="+1 416 591 6461",
    )
    UnitOpeningHours.objects.create(
        page=child, weekday=1, opens="09:00", closes="12:30", locale=child.locale
    )
    data = client.get(f"/api/units/{child.pk}/").json()
    assert data["type"]["key"] == "unit_layanan"
    assert data["parent"]["id"] == unit_a.pk
    assert data["country"] == {"code": "CA", "name": "Kanada"}  # the unit is in id
    assert data["time_zone"] == "America/Toronto"
    assert data["currency"] == "CAD"
    assert data["contact"]["phone"] == "+1 416 591 6461"
    assert data["opening_hours"] == [
        {"weekday": 1, "day": "Senin", "opens": "09:00", "closes": "12:30", "note": ""}
    ]
    assert data["locale"] == "id"
    assert data["url"] == "http://testserver/id/unit/fungsi-konsuler/"
    assert data["links"]["standards"] == (
        f"http://testserver/api/standards/?unit={child.pk}"
    )
    assert set(data["links"]) == {
        "standards",
        "pledges",
        "consultations",
        "surveys",
        "innovations",
    }


def test_an_english_unit_names_its_parent_in_english(
    client, units_index, unit_a, make_unit
):
    """`parent_unit` is synchronised: every translation holds the Indonesian
    parent, and English units pointed at it; the API and the open data give
    the parent's English page."""
    child = make_unit("Fungsi Konsuler", parent_unit=unit_a)
    translate_page(units_index, "en", {})
    parent_en = translate_page(unit_a, "en", {unit_a.title: "Consulate General"})
    child_en = translate_page(child, "en", {})
    for data in (
        client.get(f"/api/units/{child_en.pk}/").json(),
        next(
            unit
            for unit in client.get("/api/units/?locale=en").json()["results"]
            if unit["id"] == child_en.pk
        ),
    ):
        assert (data["parent"]["id"], data["parent"]["title"]) == (
            parent_en.pk,
            "Consulate General",
        )
    assert client.get(f"/api/units/{child.pk}/").json()["parent"]["id"] == unit_a.pk
    response = client.get("/api/data/units.json")
    rows = json.loads(b"".join(response.streaming_content))
    parents = {row["id"]: row["parent_id"] for row in rows}
    assert parents[child_en.pk] == parent_en.pk
    assert parents[child.pk] == unit_a.pk


def test_units_list_filters_by_type_and_country(client, unit_a, unit_b):
    data = client.get("/api/units/?country=sg").json()
    assert [u["id"] for u in data["results"]] == [unit_b.pk]
    data = client.get("/api/units/?type=kjri").json()
    assert [u["id"] for u in data["results"]] == [unit_a.pk]


def test_bad_filter_is_a_json_400(client, unit_a):
    response = client.get("/api/units/?type=castle")
    assert response.status_code == 400
    assert "type" in response.json()["fields"]


@pytest.mark.parametrize(
    "path", ["/api/units/?typ=kjri", "/api/standards/?unt=3", "/api/surveys/?x=1"]
)
def test_a_parameter_a_list_does_not_take_is_a_400_naming_it(client, unit_a, path):
    """A misspelt filter used to return the whole list without a word."""
    response = client.get(path)
    assert response.status_code == 400
    (name, messages), *_others = response.json()["fields"].items()
    assert name in path and "limit, locale, offset" in messages[0]


@pytest.mark.parametrize(
    "path",
    [
        "/api/standards/?unit=13&unit=15",
        "/api/standards/?category=paspor&category=visa",
        "/api/units/?limit=5&limit=10",
    ],
)
def test_a_parameter_given_twice_is_a_400_naming_it(client, unit_a, path):
    """From the outside probe: `?unit=13&unit=15` answered for unit 15 alone,
    as if the first had not been given."""
    response = client.get(path)
    assert response.status_code == 400
    ((name, messages),) = response.json()["fields"].items()
    assert f"{name}=" in path and "sekali" in messages[0]


def test_a_detail_takes_no_parameter_but_format(client, unit_a):
    assert client.get(f"/api/units/{unit_a.pk}/?format=json").status_code == 200
    response = client.get(f"/api/units/{unit_a.pk}/?fields=title")
    assert response.status_code == 400
    assert response.json()["fields"]["fields"] == [
        "Parameter tidak dikenal. Titik akhir ini menerima: format."
    ]


def test_a_list_takes_its_filters_with_paging_and_format(client, unit_a):
    response = client.get("/api/units/?type=kjri&limit=5&offset=0&format=json")
    assert response.status_code == 200


def test_unpublished_and_private_units_are_hidden(client, unit_a, unit_b, make_unit):
    hidden = make_unit("KRI Draf", live=False)
    PageViewRestriction.objects.create(page=unit_b, restriction_type="login")
    ids = [u["id"] for u in client.get("/api/units/").json()["results"]]
    assert ids == [unit_a.pk]
    assert client.get(f"/api/units/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/units/{unit_b.pk}/").status_code == 404


def _list_queries(client) -> int:
    client.get("/api/units/")  # warm Wagtail's cached site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/units/")
    assert response.status_code == 200
    return len(queries)


def test_units_list_query_count_does_not_grow_with_the_units(client, make_unit):
    for n in range(2):
        unit = make_unit(f"Unit {n}")
        UnitOpeningHours.objects.create(
            page=unit, weekday=1, opens="09:00", closes="12:00", locale=unit.locale
        )
    few = _list_queries(client)
    parent = make_unit("Kementerian")
    for n in range(2, 12):
        unit = make_unit(f"Unit {n}", parent_unit=parent)
        UnitOpeningHours.objects.create(
            page=unit, weekday=2, opens="09:00", closes="12:00", locale=unit.locale
        )
    many = _list_queries(client)
    assert client.get("/api/units/").json()["count"] == 13
    assert many == few


def test_responses_have_cache_headers_and_answer_304_to_their_etag(client, unit_a):
    response = client.get("/api/units/")
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/api/units/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    changed = client.get("/api/units/?locale=en", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200


def test_cors_lets_any_origin_read(client, unit_a):
    response = client.get("/api/units/", HTTP_ORIGIN="https://portal.example.go.id")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_browser_may_revalidate_with_the_etag(client, unit_a):
    """The preflight of a conditional GET allows If-None-Match; the ETag read
    from the first answer brings a 304."""
    origin = {"HTTP_ORIGIN": "https://portal.example.go.id"}
    preflight = client.options(
        "/api/units/",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        **origin,
    )
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    etag = client.get("/api/units/", **origin)["ETag"]
    again = client.get("/api/units/", HTTP_IF_NONE_MATCH=etag, **origin)
    assert again.status_code == 304


def test_api_404_is_json_not_a_redirect(client, home_page):
    response = client.get("/api/units/999999/")
    assert response.status_code == 404
    assert set(response.json()) == {"error"}


def test_schema_is_openapi_3_1_and_describes_every_endpoint(client, home_page):
    response = client.get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    document = response.json()
    assert document["openapi"] == "3.1.0"
    paths = set(document["paths"])
    assert {
        "/api/",
        "/api/units/",
        "/api/units/{id}/",
        "/api/standards/",
        "/api/standards/{id}/",
        "/api/consultations/",
        "/api/consultations/{id}/",
        "/api/consultations/{id}/results/",
        "/api/surveys/",
        "/api/surveys/{id}/",
        "/api/surveys/{id}/results/",
        "/api/innovations/",
        "/api/innovations/{id}/",
        "/api/search/",
        "/api/search/suggest/",
        "/api/data/",
        "/api/data/{name}.csv",
        "/api/data/{name}.json",
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/images/",
        "/api/v2/documents/",
    } <= paths
    state = next(
        p
        for p in document["paths"]["/api/consultations/"]["get"]["parameters"]
        if p["name"] == "state"
    )
    assert "open" in state["schema"]["enum"]
    assert "securitySchemes" not in document.get("components", {})
    # Nullable as 3.1 writes it: a validator of 3.1 ignores 3.0's `nullable`,
    # and every last page's `"next": null` failed the document.
    schemas = document["components"]["schemas"]
    for name, schema in schemas.items():
        if name.startswith("Paginated"):
            for link in ("next", "previous"):
                assert schema["properties"][link]["type"] == ["string", "null"]
                assert "nullable" not in schema["properties"][link]


def test_docs_page_loads_redoc_and_its_start_from_static_files_only(client, home_page):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == [
        '<script src="/static/drf_spectacular_sidecar/redoc/bundles/'
        'redoc.standalone.js">',
        '<script src="/static/core/api_docs.js">',
    ]
    assert "cdn" not in html.lower()
    assert "googleapis" not in html
    policy = response["Content-Security-Policy"]
    assert re.search(r"script-src ([^;]*)", policy).group(1) == "'self'"
    assert 'data-spec-url="/api/schema/"' in html
    assert "public" in response["Cache-Control"]


def test_the_schema_the_docs_page_renders_lists_every_endpoint(client, home_page):
    document = client.get("/api/schema/?format=json").json()
    operations = {
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
    }
    assert {"units_list", "consultations_list", "standards_retrieve"} <= operations
    unit = document["components"]["schemas"]["Unit"]
    assert "opening_hours" in unit["properties"]


@pytest.mark.parametrize(
    "path", ["/api/nonexistent/", "/api/v2/nothing/", "/api/units/x/"]
)
def test_an_unknown_api_route_is_a_json_404(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Not found."}
    assert "no-cache" in response["Cache-Control"]


def test_the_schema_states_the_bounds_the_api_enforces(client, home_page):
    """`limit=0` is refused: the schema says so (schemathesis found it
    allowed), as it does of the search's page and words."""
    document = client.get("/api/schema/?format=json").json()

    def schema_of(path: str, name: str) -> dict:
        parameters = document["paths"][path]["get"]["parameters"]
        return next(p["schema"] for p in parameters if p["name"] == name)

    assert schema_of("/api/units/", "limit") == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
    }
    assert schema_of("/api/units/", "offset")["minimum"] == 0
    assert schema_of("/api/search/", "page")["maximum"] == 500
    assert schema_of("/api/search/", "q")["minLength"] == 1


# More digits than Python's int() converts (4,300): ValueError, not a number.
ENDLESS = "9" * 4301


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/api/units/{ENDLESS}/", 404),
        (f"/api/standards/{ENDLESS}/", 404),
        (f"/api/surveys/{ENDLESS}/results/", 404),
        (f"/api/consultations/{ENDLESS}/results/", 404),
        (f"/api/v2/pages/{ENDLESS}/", 404),
        (f"/api/v2/documents/{ENDLESS}/", 404),
        (f"/api/v2/pages/?id={ENDLESS}", 404),
        (f"/api/v2/pages/?limit={ENDLESS}", 400),
        (f"/api/v2/pages/?offset={ENDLESS}", 400),
        (f"/api/v2/pages/?child_of={ENDLESS}", 400),
        (f"/api/v2/pages/?descendant_of={ENDLESS}", 400),
    ],
)
def test_an_endless_number_is_a_json_error_not_a_server_error(
    client, home_page, path, status
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert "error" in response.json() or "message" in response.json()


def test_an_unknown_page_is_still_the_html_404(client):
    response = client.get("/id/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=abc", "limit"),
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=100000", "limit"),
        ("offset=-5", "offset"),
        ("offset=abc", "offset"),
        ("offset=" + "9" * 23, "offset"),
    ],
)
def test_paging_outside_its_range_is_a_400_naming_the_parameter(client, query, field):
    response = client.get(f"/api/units/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert field in response.json()["fields"]


@pytest.mark.parametrize("query", ["limit=1", "limit=100", "offset=0", "limit=", ""])
def test_paging_within_its_range_is_answered(client, query):
    assert client.get(f"/api/units/?{query}").status_code == 200


def test_a_page_password_held_in_the_session_opens_no_page_in_the_pages_api(
    client, unit_a, unit_b
):
    """The pages API let through a password-protected page to a session that
    had typed its password, in an answer marked `public` for shared caches."""
    restriction = PageViewRestriction.objects.create(
        page=unit_b, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    client.post(
        f"/id/_util/authenticate_with_password/{restriction.pk}/{unit_b.pk}/",
        {"password": "rahasia", "return_url": unit_b.url},
    )
    assert client.get(unit_b.url).status_code == 200  # the password was taken

    assert client.get(f"/api/v2/pages/{unit_b.pk}/").status_code == 404
    listed = client.get("/api/v2/pages/", {"type": "core.UnitPage"}).json()
    assert [item["id"] for item in listed["items"]] == [unit_a.pk]


def test_every_operation_is_described_for_integrators(client, home_page):
    """Each operation says what it gives; none shows a code comment of ours
    (a mixin's docstring, inherited, was the v2 endpoints' description)."""
    schema = client.get("/api/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            description = operation.get("description", "")
            assert description, (path, method)
            assert "Bad parameters answered" not in description, (path, method)
            assert "api_unit" not in description, (path, method)


@pytest.mark.parametrize("path", ["/api/units/", "/api/v2/pages/"])
def test_an_unknown_format_is_refused_by_name_not_as_missing(client, unit_a, path):
    """`?format=xml` answered 404 "not found" for an address that exists."""
    response = client.get(path + "?format=xml", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 406
    assert response.json()["error"] == (
        "This address does not give the format “xml”; it gives: json."
    )


def test_the_docs_page_is_english_and_marks_the_readers_own_words(client, home_page):
    """From the outside probe: `<html lang="id">` over the English reference."""
    html = client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="en">' in html
    assert '<title lang="id">' in html
