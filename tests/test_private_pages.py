"""Private means private: a page with a view restriction (password or login,
on the page or above it) shows nowhere but at its own address.

One site with a public and a restricted page of each kind in one unit, and a
second unit restricted as a whole; every listing, section, overview, API
answer and open-data file is fetched and searched for the restricted pages,
and every sub-route of a restricted page must ask for the password or a login
as the page itself does.
"""

import datetime
import json

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from consultation.forums.factories import ConsultationPageFactory, PollPageFactory
from consultation.models import ConsultationIndexPage
from consultation.surveys.factories import (
    SatisfactionOverviewPageFactory,
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)
from innovation.factories import (
    InnovationEntryPageFactory,
    InnovationShowcasePageFactory,
)
from standards.factories import (
    ServicePledgePageFactory,
    ServiceStandardIndexPageFactory,
    ServiceStandardPageFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-unit"  # noqa: S105
TODAY = datetime.date.today()
# What only the restricted pages hold; none may show in public output.
SECRETS = (
    "Standar-Tertutup",
    "Konsultasi-Tertutup",
    "Survei-Tertutup",
    "Inovasi-Tertutup",
    "Unit-Tertutup",
    "Standar-Unit-Tertutup",
    "Konsultasi-Unit-Tertutup",
)


def restrict(page, kind: str) -> PageViewRestriction:
    if kind == PageViewRestriction.PASSWORD:
        return PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password=PASSWORD
        )
    return PageViewRestriction.objects.create(page=page, restriction_type=kind)


def answers(survey, count: int, value: int, **fields) -> None:
    for _ in range(count):
        SurveyResponseFactory(survey=survey, **{f"u{i}": value for i in range(1, 10)})


@pytest.fixture(params=[PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def kind(request):
    """The restriction under test: a password, or a login."""
    return request.param


@pytest.fixture
def site(home_page, unit_a, make_unit, kind):
    """Public and restricted pages of every kind; a wholly restricted unit."""
    standards_index = ServiceStandardIndexPageFactory(parent=home_page)
    consultations_index = home_page.add_child(
        instance=ConsultationIndexPage(title="Konsultasi publik", slug="konsultasi")
    )
    overview = SatisfactionOverviewPageFactory(parent=home_page)
    showcase = InnovationShowcasePageFactory(parent=home_page)

    standard = ServiceStandardPageFactory(parent=unit_a, title="Paspor biasa")
    hidden_standard = ServiceStandardPageFactory(
        parent=unit_a, title="Standar-Tertutup", category="visa"
    )
    consultation = ConsultationPageFactory(parent=unit_a, title="Konsultasi umum")
    hidden_consultation = ConsultationPageFactory(
        parent=unit_a, title="Konsultasi-Tertutup"
    )
    hidden_consultation.standards.add(standard)
    hidden_consultation.save()
    poll = PollPageFactory(parent=hidden_consultation)
    survey = SatisfactionSurveyPageFactory(
        parent=unit_a,
        title="Survei umum",
        period_start=TODAY - datetime.timedelta(days=400),
        period_end=TODAY + datetime.timedelta(days=30),
    )
    answers(survey, 2, 4)
    hidden_survey = SatisfactionSurveyPageFactory(
        parent=unit_a,
        title="Survei-Tertutup",
        period_start=TODAY - datetime.timedelta(days=10),
        period_end=TODAY + datetime.timedelta(days=30),
    )
    answers(hidden_survey, 7, 1)
    entry = InnovationEntryPageFactory(parent=unit_a, title="Layanan Sabtu")
    hidden_entry = InnovationEntryPageFactory(parent=unit_a, title="Inovasi-Tertutup")

    closed_unit = make_unit("Unit-Tertutup")
    closed_standard = ServiceStandardPageFactory(
        parent=closed_unit, title="Standar-Unit-Tertutup"
    )
    ServicePledgePageFactory(parent=closed_unit)
    closed_consultation = ConsultationPageFactory(
        parent=closed_unit, title="Konsultasi-Unit-Tertutup"
    )
    closed_survey = SatisfactionSurveyPageFactory(parent=closed_unit)
    answers(closed_survey, 5, 2)

    unit_a.parent_unit = closed_unit
    unit_a.save()
    for page in (
        hidden_standard,
        hidden_consultation,
        hidden_survey,
        hidden_entry,
        closed_unit,
    ):
        restrict(page, kind)
    return {
        "home": home_page,
        "unit": unit_a,
        "standards_index": standards_index,
        "consultations_index": consultations_index,
        "overview": overview,
        "showcase": showcase,
        "standard": standard,
        "consultation": consultation,
        "survey": survey,
        "entry": entry,
        "hidden": {
            "standard": hidden_standard,
            "consultation": hidden_consultation,
            "survey": hidden_survey,
            "entry": hidden_entry,
            "poll": poll,
        },
        "closed": {
            "unit": closed_unit,
            "standard": closed_standard,
            "consultation": closed_consultation,
            "survey": closed_survey,
        },
    }


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def leaks(pages: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (secret, url)
        for url, body in pages.items()
        for secret in SECRETS
        if secret.lower() in body.lower()
    ]


def fetch(client, urls) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = text(response)
    return pages


LISTING_PAGES = {
    "home": lambda site: site["home"],
    "units index": lambda site: site["home"].get_children().get(slug="unit"),
    "unit": lambda site: site["unit"],
    "standards index": lambda site: site["standards_index"],
    "consultations index": lambda site: site["consultations_index"],
    "satisfaction overview": lambda site: site["overview"],
    "innovation showcase": lambda site: site["showcase"],
    "standard": lambda site: site["standard"],
    "consultation": lambda site: site["consultation"],
    "survey": lambda site: site["survey"],
    "innovation entry": lambda site: site["entry"],
}


def public_pages(site) -> list[str]:
    return [page(site).url for page in LISTING_PAGES.values()]


def api_and_open_data(site) -> list[str]:
    unit = site["unit"]
    urls = [
        "/api/units/",
        f"/api/units/{unit.pk}/",
        "/api/standards/",
        "/api/consultations/",
        "/api/surveys/",
        "/api/innovations/",
        f"/api/standards/?unit={unit.pk}",
        f"/api/consultations/?unit={unit.pk}&state=open",
        f"/api/surveys/?unit={unit.pk}",
        f"/api/innovations/?unit={unit.pk}",
        "/api/v2/pages/?fields=title&limit=100",
    ]
    urls += [f"/api/data/{name}.csv" for name in ("units", "standards", "skm")]
    urls += [f"/api/data/{name}.json" for name in ("consultations", "innovations")]
    return urls


@pytest.mark.parametrize("name", LISTING_PAGES)
def test_restricted_pages_are_in_no_listing_or_section(client, site, name):
    assert leaks(fetch(client, [LISTING_PAGES[name](site).url])) == []


def test_restricted_pages_are_in_no_api_list_or_open_data_file(client, site):
    assert leaks(fetch(client, api_and_open_data(site))) == []


def test_the_public_pages_are_listed(client, site):
    """The listings still show what is public (the test can see content)."""
    everything = "\n".join(fetch(client, public_pages(site)).values())
    for title in ("Paspor biasa", "Konsultasi umum", "Layanan Sabtu", "KJRI Toronto"):
        assert title in everything


@pytest.mark.parametrize("what", ["standard", "consultation", "survey", "entry"])
def test_restricted_page_is_404_in_the_api(client, site, what):
    endpoint = {
        "standard": "standards",
        "consultation": "consultations",
        "survey": "surveys",
        "entry": "innovations",
    }[what]
    for page in (site["hidden"].get(what), site["closed"].get(what)):
        if page is None:
            continue
        assert client.get(f"/api/{endpoint}/{page.pk}/").status_code == 404
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_restricted_unit_is_404_in_the_api(client, site):
    assert client.get(f"/api/units/{site['closed']['unit'].pk}/").status_code == 404


def test_open_data_gives_no_restricted_parent_unit(client, site):
    rows = client.get("/api/data/units.json")
    units = {row["id"]: row for row in json.loads(text(rows))}
    assert units[site["unit"].pk]["parent_id"] == ""


def test_unit_section_shows_the_latest_public_survey(client, site):
    """The restricted survey is newer, with 7 answers; the public one has 2."""
    response = client.get(site["unit"].url)
    html = text(response)
    assert "7 respondents" not in html and "7 responden" not in html
    assert "2 respondents" in html or "2 responden" in html


def test_national_overview_counts_public_surveys_only(client, site):
    response = client.get(site["overview"].url)
    rows = {row["unit"].pk: row for row in response.context["rows"]}
    assert set(rows) == {site["unit"].pk}
    assert rows[site["unit"].pk]["survey"].pk == site["survey"].pk
    assert rows[site["unit"].pk]["results"].respondents == 2


def test_api_unit_gives_the_latest_public_survey(client, site):
    data = client.get(f"/api/units/{site['unit'].pk}/").json()
    assert data["latest_skm"]["survey_id"] == site["survey"].pk
    assert data["latest_skm"]["respondents"] == 2


def test_home_counts_public_standards_only(client, site):
    response = client.get(site["home"].url)
    sections = {s.template: s.context for s in response.context["sections"]}
    counts = sections["standards/sections/home_standards.html"]
    assert counts["standards_total"] == 1
    assert counts["standards_units"] == 1


def sub_routes(site) -> list[str]:
    hidden, closed = site["hidden"], site["closed"]
    survey, consultation = hidden["survey"], hidden["consultation"]
    standard = hidden["standard"]
    urls = [
        survey.url + survey.reverse_subpage(name)
        for name in (
            "survey_form",
            "thanks",
            "kiosk",
            "kiosk_thanks",
            "poster",
            "results",
            "results_json",
        )
    ]
    urls += [
        consultation.url + consultation.reverse_subpage(name)
        for name in (
            "consultation_form",
            "thanks",
            "comment",
            "confirm",
            "results",
            "results_json",
        )
    ]
    urls += [
        standard.url + standard.reverse_subpage(name)
        for name in ("checklist", "history", "compare")
    ]
    urls.append(hidden["poll"].url)
    closed_survey = closed["survey"]
    urls += [
        closed_survey.url + closed_survey.reverse_subpage(name)
        for name in ("results", "results_json")
    ]
    closed_consultation = closed["consultation"]
    urls.append(
        closed_consultation.url + closed_consultation.reverse_subpage("results_json")
    )
    return urls


def asks_for_access(response, kind: str) -> bool:
    if kind == PageViewRestriction.PASSWORD:
        return (
            response.status_code == 200
            and b"authenticate_with_password" in response.content
            and not response.get("Content-Type", "").startswith("application/json")
        )
    return response.status_code == 302 and "/_util/login/" in response["Location"]


def test_every_sub_route_of_a_restricted_page_asks_for_access(client, site, kind):
    refused = {url: asks_for_access(client.get(url), kind) for url in sub_routes(site)}
    assert [url for url, ok in refused.items() if not ok] == []


def test_results_json_answers_once_the_password_is_given(client, site, kind):
    if kind != PageViewRestriction.PASSWORD:
        pytest.skip("password restrictions only")
    survey = site["hidden"]["survey"]
    url = survey.url + survey.reverse_subpage("results_json")
    restriction = PageViewRestriction.objects.get(page=survey)
    client.post(
        reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, survey.pk]
        ),
        {"password": PASSWORD, "return_url": url},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["respondents"] == 7
    assert "private" in response["Cache-Control"]


def test_results_json_answers_a_logged_in_user(client, site, kind, superuser):
    if kind != PageViewRestriction.LOGIN:
        pytest.skip("login restrictions only")
    consultation = site["hidden"]["consultation"]
    client.force_login(superuser)
    response = client.get(
        consultation.url + consultation.reverse_subpage("results_json")
    )
    assert response.status_code == 200
    assert "responses" in response.json()


def test_restricted_unit_page_lists_its_own_pages_to_its_visitors(
    client, site, kind, superuser
):
    """Whoever may open a restricted unit sees its sections (restrictions of
    the page shown count as passed), not a leak of pages restricted below it."""
    if kind != PageViewRestriction.LOGIN:
        pytest.skip("login restrictions only")
    client.force_login(superuser)
    html = text(client.get(site["closed"]["unit"].url))
    assert "Standar-Unit-Tertutup" in html
    assert "Konsultasi-Unit-Tertutup" in html


def test_a_page_restricted_after_it_was_served_asks_for_access_at_once(
    client, unit_a, kind
):
    """The route memo and the page cache (`cms.core.routing`, `page_cache`)
    remembered the page as public; the restriction must apply at once."""
    survey = SatisfactionSurveyPageFactory(parent=unit_a)
    answers(survey, 3, 4)
    urls = [
        survey.url + survey.reverse_subpage(name)
        for name in ("survey_form", "results", "results_json")
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    restrict(survey, kind)
    assert [url for url in urls if not asks_for_access(client.get(url), kind)] == []
