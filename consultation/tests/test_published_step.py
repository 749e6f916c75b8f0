"""The public SKM figures take answers in groups of ten.

From the outside probe: the results of one service and quarter moved with
every answer, so the nine scores of the person who had just answered were
(average after x count after) - (average before x count before), exactly.
A counter's officer who hands a citizen the kiosk could read how they were
rated. Every public view of the figures (results page and JSON, the unit's
page, the national overview, the API and the open data) now counts answers
in groups of `SKM_PUBLISHED_STEP`, in the order they arrived; the unit's own
report in the admin counts every answer.
"""

import datetime
import json

import pytest

from consultation.surveys.factories import SatisfactionOverviewPageFactory

pytestmark = pytest.mark.django_db

STEP = 10


@pytest.fixture(autouse=True)
def groups_of_ten(settings):
    settings.SKM_PUBLISHED_STEP = STEP


@pytest.fixture
def twelve_answers(respond, passport, survey):
    """Twelve answers about the passport service today, all scored 3."""
    today = survey.local_today()
    return [respond([3] * 9, service=passport, survey_date=today) for _ in range(12)]


def public_figures(client, survey, passport, unit_a) -> list[tuple]:
    """(respondents, U1 average) from every public view of the survey's
    figures for its own period."""
    results = survey.url + survey.reverse_subpage("results_json")
    api = f"/api/surveys/{survey.pk}/results/"
    figures = []
    for url, query in (
        (results, {}),
        (results, {"service": passport.pk}),
        (api, {}),
        (api, {"service": passport.pk}),
    ):
        data = client.get(url, query).json()
        figures.append((data["respondents"], data["nrr"]["U1"]))
    unit = client.get(f"/api/units/{unit_a.pk}/").json()["latest_skm"]
    figures.append((unit["respondents"], unit["ikm"]))
    rows = json.loads(b"".join(client.get("/api/data/skm.json").streaming_content))
    own = next(r for r in rows if r["period"] == "survey")
    figures.append((own["respondents"], own["ikm"]))
    return figures


def test_one_more_answer_does_not_move_the_public_figures(
    client, survey, passport, unit_a, respond, twelve_answers
):
    before = public_figures(client, survey, passport, unit_a)
    assert {respondents for respondents, _score in before} == {10}
    respond([1] * 9, service=passport, survey_date=survey.local_today())
    assert public_figures(client, survey, passport, unit_a) == before


def test_the_figures_move_by_a_whole_group(
    client, survey, passport, unit_a, respond, twelve_answers
):
    for _ in range(8):
        respond([1] * 9, service=passport, survey_date=survey.local_today())
    figures = public_figures(client, survey, passport, unit_a)
    assert {respondents for respondents, _score in figures} == {20}
    # Twelve 3s and eight 1s: (12 x 3 + 8 x 1) / 20.
    assert figures[0] == (20, 2.2)


def test_the_results_page_says_what_it_counts_and_the_admin_counts_everything(
    client, survey, passport, twelve_answers, superuser
):
    page = client.get(survey.url + survey.reverse_subpage("results"))
    html = page.content.decode()
    # The survey is the Indonesian page: "These figures count 10 of the 12
    # answers received so far: answers count in groups of 10, …".
    assert "Angka ini menghitung 10 dari 12 jawaban yang diterima" in html
    assert "per kelompok 10" in html
    client.force_login(superuser)
    report = client.get(f"/admin/consultation/surveys/{survey.pk}/report/")
    assert report.context["results"].respondents == 12


def test_fewer_answers_than_a_group_show_no_figures_and_say_why(
    client, survey, passport, respond
):
    for _ in range(3):
        respond([4] * 9, service=passport, survey_date=survey.local_today())
    data = client.get(survey.url + survey.reverse_subpage("results_json")).json()
    assert (data["respondents"], data["ikm"]) == (0, None)
    html = client.get(survey.url + survey.reverse_subpage("results")).content
    # "No figures yet: they are shown once 10 answers have arrived, …".
    assert "Belum ada angka: angka ditampilkan setelah 10 jawaban" in html.decode()


def test_each_service_and_quarter_is_counted_in_groups_of_its_own(
    client, survey, passport, visa, respond
):
    """The per-service table and the quarterly trend: a group of eleven
    shows ten, a group of nine shows none."""
    day = datetime.date(2025, 2, 1)
    for _ in range(11):
        respond([3] * 9, service=passport, survey_date=day)
    for _ in range(9):
        respond([2] * 9, service=visa, survey_date=day)
    page = client.get(
        survey.url + survey.reverse_subpage("results"), {"period": "2025"}
    )
    per_service = {
        row["service"].pk: row["results"].respondents
        for row in page.context["per_service"]
    }
    assert per_service == {passport.pk: 10}
    assert page.context["results"].respondents == 20
    assert [p.results.respondents for p in page.context["trend"]] == [20]


def test_the_national_overview_counts_in_groups(
    client, home_page, survey, twelve_answers
):
    overview = SatisfactionOverviewPageFactory(parent=home_page)
    rows = client.get(overview.url).context["rows"]
    assert [row["results"].respondents for row in rows] == [10]
