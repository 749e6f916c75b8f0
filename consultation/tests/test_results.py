"""Results: the JSON shape, periods, services, bad input and query bounds."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultation.models import SurveyFollowUpAction
from consultation.moderation import ModerationStatus
from consultation.surveys import skm

pytestmark = pytest.mark.django_db

JSON_KEYS = {
    "respondents",
    "nrr",
    "ikm",
    "ikm_konversi",
    "grade",
    "label_id",
    "label_en",
    "sample_min",
    "sample_enough",
    "whole_survey",
}


def json_url(survey):
    return survey.url + survey.reverse_subpage("results_json")


def results_url(survey):
    return survey.url + survey.reverse_subpage("results")


@pytest.fixture
def answers(respond, passport, visa):
    """Three answers in 2025 (two passport, one visa) and one in 2024."""
    respond([4] * 9, survey_date=datetime.date(2025, 2, 1), service=passport)
    respond([3] * 9, survey_date=datetime.date(2025, 8, 1), service=passport)
    respond(
        [1, 2, 3, 4, 1, 2, 3, 4, 1],
        survey_date=datetime.date(2025, 11, 1),
        service=visa,
    )
    respond([2] * 9, survey_date=datetime.date(2024, 5, 1), service=visa)


def test_json_has_exactly_the_documented_shape(client, survey, answers):
    data = client.get(json_url(survey), {"period": "2025"}).json()
    assert set(data) == JSON_KEYS
    assert set(data["nrr"]) == {f"U{i}" for i in range(1, 10)}


def test_json_figures_match_the_hand_computation(client, survey, answers):
    data = client.get(json_url(survey), {"period": "2025"}).json()
    # totals 8,9,10,11,8,9,10,11,8 over 3 respondents; IKM = 84/27
    assert data == {
        "respondents": 3,
        "nrr": {
            "U1": 2.67,
            "U2": 3.0,
            "U3": 3.33,
            "U4": 3.67,
            "U5": 2.67,
            "U6": 3.0,
            "U7": 3.33,
            "U8": 3.67,
            "U9": 2.67,
        },
        "ikm": 3.1111,  # four places, as the page: 3.1111 × 25 reads 77.78
        "ikm_konversi": 77.78,
        "grade": "B",
        "label_id": "Baik",
        "label_en": "Good",
        "sample_min": 278,
        # 2025 is a part of the survey: the minimum is the whole survey's.
        "sample_enough": None,
        "whole_survey": False,
    }


@pytest.mark.parametrize(
    ("period", "respondents"),
    [
        ("2025", 3),
        ("2025-S1", 1),
        ("2025-S2", 2),
        ("2025-Q3", 1),
        ("2024", 1),
        ("2023", 0),
    ],
)
def test_json_filters_by_period(client, survey, answers, period, respondents):
    data = client.get(json_url(survey), {"period": period}).json()
    assert data["respondents"] == respondents


def test_json_without_period_uses_the_surveys_own_period(client, survey, answers):
    assert client.get(json_url(survey)).json()["respondents"] == 4


def test_json_filters_by_service(client, survey, answers, passport):
    data = client.get(
        json_url(survey), {"period": "2025", "service": passport.pk}
    ).json()
    assert data["respondents"] == 2
    assert data["ikm_konversi"] == 87.5
    assert data["grade"] == "B"


def test_empty_period_gives_nulls_not_errors(client, survey, answers):
    data = client.get(json_url(survey), {"period": "2023"}).json()
    assert data["ikm"] is None and data["grade"] is None


@pytest.mark.parametrize("period", ["2025-Q5", "20x5", "2025-S0", "1800", "'; drop"])
def test_bad_period_gives_400_json(client, survey, period):
    response = client.get(json_url(survey), {"period": period})
    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.parametrize("service", ["abc", "99999", "-3", "1.5"])
def test_bad_service_gives_400_json(client, survey, service):
    response = client.get(json_url(survey), {"period": "2025", "service": service})
    assert response.status_code == 400
    assert "error" in response.json()


def test_results_page_shows_the_figures_chart_and_table(client, survey, answers):
    response = client.get(results_url(survey), {"period": "2025"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "77,78" in html  # Indonesian decimal comma
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "<table" in html
    assert html.count("<h1") == 1


def test_results_page_in_english(client, survey, answers):
    from cms.core.translation import translate_page

    translate_page(survey.get_parent(), "en", {})
    english = translate_page(survey, "en", {})
    response = client.get(
        english.url + english.reverse_subpage("results"), {"period": "2025"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "77.78" in html
    assert "Good" in html
    assert "Requirements" in html


def test_results_page_bad_period_is_a_400_page(client, survey):
    response = client.get(results_url(survey), {"period": "2025-Q9"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_results_show_only_approved_suggestions(client, survey, respond):
    respond([3] * 9, suggestion="Antrean lebih cepat", suggestion_status="approved")
    respond([3] * 9, suggestion="Rahasia menunggu", suggestion_status="pending")
    respond(
        [3] * 9,
        suggestion="Kata kasar",
        suggestion_status=ModerationStatus.HIDDEN,
        moderation_reason="abusive",
    )
    html = client.get(results_url(survey)).content.decode()
    assert "Antrean lebih cepat" in html
    assert "Rahasia menunggu" not in html
    assert "Kata kasar" not in html


ENDED = datetime.date(2025, 2, 1)


def ten_respondents(respond, day, **fields):
    for occupation in ["migrant_worker"] * 9 + ["student"]:
        respond([3] * 9, occupation=occupation, survey_date=day, **fields)


def profile_shown(client, survey, period, service=None):
    query = f"?period={period}" + (f"&service={service.pk}" if service else "")
    html = client.get(results_url(survey) + query).content.decode()
    return "Pekerja migran" in html, "untuk satu tahun penuh" in html


def test_results_show_profile_breakdown_of_an_ended_year(client, survey, respond):
    ten_respondents(respond, ENDED)
    assert profile_shown(client, survey, "2025") == (True, False)


def test_each_profile_table_adds_up_to_every_respondent(client, survey, respond):
    """The "not given" row had no share, so a table added up to less than
    100 % (sex: 33,6 + 35,5)."""
    ten_respondents(respond, ENDED, sex="female")
    respond([3] * 9, occupation="student", sex="", survey_date=ENDED)
    respond([3] * 9, occupation="student", sex="", survey_date=ENDED)
    html = client.get(results_url(survey) + "?period=2025").content.decode()
    sex_table = html[html.index("Jenis kelamin</caption>") :]
    sex_table = sex_table[: sex_table.index("</table>")]
    cells = re.findall(
        r"<th scope=\"row\">([^<]+)</th><td>(\d+)</td><td>([\d,]*)</td>", sex_table
    )
    rows = {label: (int(count), share) for label, count, share in cells}
    assert rows["Perempuan"] == (10, "83,3")
    assert rows["Tidak diisi"] == (2, "16,7")


def test_the_profile_of_fewer_than_ten_respondents_is_withheld(client, survey, respond):
    for occupation in ("migrant_worker", "student"):
        respond([3] * 9, occupation=occupation, survey_date=ENDED)
    assert profile_shown(client, survey, "2025") == (False, True)


def test_the_profile_of_a_year_still_answered_is_withheld(client, survey, respond):
    """Compared before and after one answer, it would show that answer's."""
    today = survey.local_today()
    ten_respondents(respond, today)
    assert profile_shown(client, survey, str(today.year)) == (False, True)


@pytest.mark.parametrize("period", ["2025-S1", "2025-Q1", "survey"])
def test_no_profile_of_a_selection_that_overlaps_another(
    client, survey, respond, passport, period
):
    """A semester minus its second quarter would give the first quarter's
    profile, however few answered it; years do not overlap."""
    ten_respondents(respond, ENDED, service=passport)
    assert profile_shown(client, survey, period) == (False, True)
    assert profile_shown(client, survey, "2025", passport) == (False, True)


def results_with_action(client, survey, **action) -> str:
    """The 2025 results page after `survey` publishes one follow-up action."""
    fields = {
        "period": "2025",
        "element": "U9",
        "action": "Menambah kursi di ruang tunggu",
        "owner": "Kepala Subbagian Umum",
        "due_date": datetime.date(2026, 3, 31),
        **action,
    }
    survey.follow_up_actions.add(SurveyFollowUpAction(**fields))
    survey.save_revision().publish()
    return client.get(results_url(survey), {"period": "2025"}).content.decode()


def test_results_show_follow_up_actions(client, survey, answers):
    html = results_with_action(client, survey)
    assert "Menambah kursi di ruang tunggu" in html


def test_a_follow_up_action_past_its_due_date_is_flagged(client, survey, answers):
    """ "In progress" months after the due date read as on track."""
    late = datetime.date.today() - datetime.timedelta(days=150)
    html = results_with_action(client, survey, due_date=late, state="in_progress")
    assert (
        'Sedang berjalan</span> <span class="badge badge--warn">Terlambat</span>'
        in html
    )


def _count_queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_results_queries_do_not_grow_with_responses(client, survey, respond, passport):
    respond([3] * 9, service=passport)
    _count_queries(client, results_url(survey), {"period": "survey"})  # warm caches
    few = _count_queries(client, results_url(survey), {"period": "survey"})
    for _ in range(30):
        respond(
            [4] * 9,
            service=passport,
            occupation="student",
            suggestion="ok",
            suggestion_status="approved",
        )
    many = _count_queries(client, results_url(survey), {"period": "survey"})
    assert many == few
    assert many < 40


def test_json_uses_a_bounded_number_of_queries(client, survey, respond):
    for _ in range(20):
        respond([3] * 9)
    assert _count_queries(client, json_url(survey), {"period": "survey"}) < 15


def test_a_survey_without_population_says_adequacy_is_unknown(client, survey, answers):
    survey.population = 0
    survey.save_revision().publish()
    html = client.get(results_url(survey), {"period": "2025"}).content.decode()
    assert "tercapai" not in html.split("Sampel minimum")[1][:300]
    assert "kecukupan sampel tidak diketahui" in html
    assert (
        client.get(json_url(survey), {"period": "2025"}).json()["sample_enough"] is None
    )


def test_results_page_groups_thousands_and_dates_the_period_as_the_site(
    client, survey, answers
):
    """12000 service users read 12.000 (id) and 12,000 (en); the survey's own
    period is headed in the site's date format (j M Y), not 01.01.2024."""
    from cms.core.translation import translate_page

    survey.population = 12000
    survey.period_end = datetime.date(2025, 12, 31)
    survey.save_revision().publish()
    translate_page(survey.get_parent(), "en", {})
    english = translate_page(survey, "en", {})
    indonesian = client.get(results_url(survey)).content.decode()
    assert "12.000 " in indonesian
    assert "12000" not in indonesian
    assert "01.01.2024" not in indonesian
    assert "1 Jan 2024–31 Des 2025" in indonesian
    html = client.get(english.url + english.reverse_subpage("results")).content.decode()
    assert "12,000 service users" in html
    assert "Index for 1 Jan 2024–31 Dec 2025" in html


def test_the_figures_moment_is_in_the_units_time_zone_and_named(client, survey):
    """ "Figures as of 02:46" was the site's Jakarta clock without a name."""
    html = client.get(results_url(survey)).content.decode()
    zone = survey.unit.time_zone
    named = {"America/Toronto": "Waktu Timur, Kanada"}.get(zone, zone)
    moment = re.search(r"Angka per (.*?)\. Jawaban baru", html).group(1)
    assert moment.endswith(f"({named})")
    local = timezone.localtime(timezone.now(), ZoneInfo(zone))
    assert f"{local:%H}.{local:%M}" in moment or f"{local:%H}." in moment


def test_the_index_is_written_to_four_places_beside_its_conversion(
    client, survey, answers
):
    """IKM = 84/27 = 3.1111 and 77.78 = 84/27 × 25: "3.11" × 25 read 77.75."""
    html = client.get(results_url(survey), {"period": "2025"}).content.decode()
    assert "<dd>3,1111</dd>" in html
    assert "77,78" in html


def test_periods_are_grouped_and_a_running_one_is_marked(client, survey, answers):
    """ "2026, Juli–Desember 2026, Januari–Juni 2026, Oktober–Desember 2026 …"
    in one list, and the running quarter counted like a finished one."""
    html = client.get(results_url(survey)).content.decode()
    assert "Seluruh periode survei (berjalan)</option>" in html  # ends next year
    assert '<optgroup label="Tahun">' in html
    assert '<optgroup label="Triwulan">' in html
    today = datetime.date.today()
    running = skm.parse_period(f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    assert running.in_progress and running.shown_label.endswith("(berjalan)")
    ended = skm.parse_period(str(today.year - 1))
    assert not ended.in_progress and ended.shown_label == ended.label


def test_the_results_api_refuses_a_parameter_it_does_not_read(client, survey, answers):
    """`?perod=2025-Q3` answered the whole survey period as if unfiltered."""
    url = f"/api/surveys/{survey.pk}/results/"
    assert client.get(url, {"period": "2025", "service": ""}).status_code == 200
    response = client.get(url, {"perod": "2025-Q3"})
    assert response.status_code == 400
    assert "period, service" in response.json()["fields"]["perod"][0]


def test_a_part_of_the_survey_is_not_judged_against_the_whole_surveys_sample(
    client, survey, answers, passport
):
    """The minimum sample is set for every service over the survey's dates:
    the whole survey below it says "not reached"; one service or one year is
    a part, shown with the minimum "for the whole survey" and no verdict."""
    assert survey.population > 0
    whole = client.get(results_url(survey)).content.decode()
    assert "belum tercapai" in whole.split("Sampel minimum")[1][:300]
    for params in ({"period": "2025"}, {"service": passport.pk}):
        html = client.get(results_url(survey), params).content.decode()
        sample = html.split("Sampel minimum")[1][:300]
        assert "tercapai" not in sample, params
        assert "untuk seluruh survei" in sample, params
        assert "Tampilan ini memuat sebagian survei" in html, params
        for url in (json_url(survey), f"/api/surveys/{survey.pk}/results/"):
            data = client.get(url, params).json()
            assert data["sample_min"] == 278, (url, params)
            assert data["sample_enough"] is None, (url, params)
            assert data["whole_survey"] is False, (url, params)
    for url in (json_url(survey), f"/api/surveys/{survey.pk}/results/"):
        data = client.get(url).json()
        assert (data["sample_enough"], data["whole_survey"]) == (False, True), url


def test_the_one_service_of_a_survey_is_the_whole_survey(
    client, survey, answers, passport
):
    survey.services.set([passport])
    survey.save_revision().publish()
    html = client.get(results_url(survey), {"service": passport.pk}).content.decode()
    assert "belum tercapai" in html.split("Sampel minimum")[1][:300]
    data = client.get(json_url(survey), {"service": passport.pk}).json()
    assert (data["sample_enough"], data["whole_survey"]) == (False, True)


def test_the_results_of_an_open_survey_lead_to_its_questionnaire(client, survey):
    """A citizen who found the results in search had only the breadcrumb to
    reach the form; once the survey closes the link goes."""
    link = f'<a href="{survey.url}">Isi survei kepuasan masyarakat</a>'
    assert survey.is_open()
    assert link in client.get(results_url(survey)).content.decode()
    survey.period_end = survey.local_today() - datetime.timedelta(days=1)
    survey.save_revision().publish()
    assert link not in client.get(results_url(survey)).content.decode()


def test_a_period_that_has_ended_says_its_figures_are_final(client, survey):
    """A closed period takes no more answers: "new answers appear here within a minute"
    told the reader otherwise."""
    ended = client.get(results_url(survey), {"period": "2024"}).content.decode()
    assert "Angka akhir: jawaban tidak lagi diterima." in ended
    assert "Angka diperbarui" not in ended
    current = client.get(results_url(survey)).content.decode()
    assert "Angka per " in current and "Angka akhir" not in current


def test_a_closed_consultations_results_are_final(client, unit_a):
    from consultation.forums.factories import ConsultationPageFactory

    today = datetime.date.today()
    closed = ConsultationPageFactory(
        parent=unit_a,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=2),
    )
    url = closed.url + closed.reverse_subpage("results")
    assert "Angka akhir" in client.get(url).content.decode()
    open_one = ConsultationPageFactory(parent=unit_a)
    url = open_one.url + open_one.reverse_subpage("results")
    html = client.get(url).content.decode()
    assert "Angka per " in html and "Angka akhir" not in html


def test_a_profile_table_whose_shares_are_rounded_says_so(client, survey, respond):
    """Twelve respondents in three equal groups: 33,3 each, 99,9 in all."""
    for occupation in ["asn", "private", "student"] * 4:
        respond([3] * 9, occupation=occupation, sex="female", survey_date=ENDED)
    html = client.get(results_url(survey) + "?period=2025").content.decode()
    occupation_table = html[html.index("Pekerjaan</caption>") :]
    occupation_table = occupation_table[: occupation_table.index("</div>")]
    assert "33,3" in occupation_table
    assert "Persentase dibulatkan" in occupation_table
    sex_table = html[html.index("Jenis kelamin</caption>") :]
    assert "Persentase dibulatkan" not in sex_table[: sex_table.index("</div>")]


# From the outside probe: a survey period typed as 0001..9999 was accepted,
# and its public results page and admin report were then a 500.


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        (
            datetime.date(1, 1, 1),
            datetime.date(9999, 12, 31),
            {"period_start", "period_end"},
        ),
        (datetime.date(2025, 1, 1), datetime.date(2205, 12, 31), {"period_end"}),
    ],
)
def test_a_period_outside_the_years_results_are_kept_for_is_refused(
    survey, start, end, refused
):
    from django.core.exceptions import ValidationError

    survey.period_start, survey.period_end = start, end
    with pytest.raises(ValidationError) as raised:
        survey.clean()
    assert set(raised.value.message_dict) == refused
    assert "2000" in raised.value.message_dict[refused.pop()][0]


def test_a_survey_saved_with_such_a_period_still_shows_its_results(
    client, survey, answers, superuser
):
    type(survey).objects.filter(pk=survey.pk).update(
        period_start=datetime.date(1, 1, 1), period_end=datetime.date(9999, 12, 31)
    )
    survey.refresh_from_db()
    for query in ({}, {"period": "2025"}):
        assert client.get(results_url(survey), query).status_code == 200
        assert client.get(json_url(survey), query).status_code == 200
    client.force_login(superuser)
    report = f"/admin/consultation/surveys/{survey.pk}/report/"
    assert client.get(report).status_code == 200
    assert client.get(report, {"period": "2025"}).status_code == 200
