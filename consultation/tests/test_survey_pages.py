"""The unit page's index, the national overview, the poster."""

import pytest

from consultation.surveys.factories import (
    SatisfactionOverviewPageFactory,
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)

pytestmark = pytest.mark.django_db


def test_unit_page_shows_latest_index_and_grade(client, survey, respond, unit_a):
    respond([4] * 9)
    html = client.get(unit_a.url).content.decode()
    assert "100,00" in html
    assert "Sangat baik" in html


def test_unit_without_survey_shows_no_index_section(client, unit_a):
    assert "unit-skm-heading" not in client.get(unit_a.url).content.decode()


@pytest.fixture
def overview(home_page, make_unit):
    page = SatisfactionOverviewPageFactory(parent=home_page)
    for name, answer in (("KBRI Alpha", 4), ("KBRI Beta", 2), ("KBRI Gamma", 3)):
        unit = make_unit(name)
        survey = SatisfactionSurveyPageFactory(parent=unit, slug="skm")
        SurveyResponseFactory.create_batch(
            2, survey=survey, **{f"u{i}": answer for i in range(1, 10)}
        )
    return page


def test_overview_lists_every_unit_highest_first(client, overview):
    html = client.get(overview.url).content.decode()
    assert html.index("KBRI Alpha") < html.index("KBRI Gamma") < html.index("KBRI Beta")


def test_overview_sorts_by_get_link(client, overview):
    html = client.get(overview.url, {"sort": "ikm"}).content.decode()
    assert html.index("KBRI Beta") < html.index("KBRI Gamma") < html.index("KBRI Alpha")
    html = client.get(overview.url, {"sort": "name"}).content.decode()
    assert html.index("KBRI Alpha") < html.index("KBRI Beta")


def test_overview_says_which_index_rests_on_a_small_sample(client, overview):
    """Two answers against the minimum sample of each survey's population."""
    html = client.get(overview.url).content.decode()
    assert (
        html.count("di bawah sampel minimum")
        + html.count("sampel minimum tidak diketahui")
        == 3
    )


def test_overview_ignores_unknown_sort(client, overview):
    assert client.get(overview.url, {"sort": "'; drop"}).status_code == 200


def test_poster_has_a_qr_code_linking_to_the_survey(client, survey):
    response = client.get(survey.url + survey.reverse_subpage("poster"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "poster__qr" in html
    assert survey.full_url in html


def test_unit_page_warns_when_the_sample_is_too_small(client, survey, respond, unit_a):
    respond([4] * 9)
    html = client.get(unit_a.url).content.decode()
    assert "sample-warning" in html
    assert "278" in html  # Krejcie and Morgan's minimum for 1,000 users


def test_unit_page_has_no_warning_once_the_sample_is_reached(
    client, survey, respond, unit_a
):
    survey.population = 1
    survey.save_revision().publish()
    respond([4] * 9)
    assert "sample-warning" not in client.get(unit_a.url).content.decode()


def test_unit_page_says_when_sample_adequacy_is_unknown(
    client, survey, respond, unit_a
):
    survey.population = 0
    survey.save_revision().publish()
    respond([4] * 9)
    assert "sample-warning" in client.get(unit_a.url).content.decode()


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_skm_question_names_both_ends_of_its_scale(client, survey, language):
    import re

    from cms.core.translation import translate_page

    page = survey
    if language == "en":
        translate_page(survey.get_parent(), "en", {})
        page = translate_page(survey, "en", {})
    html = client.get(page.url).content.decode()
    for question in range(1, 10):
        labels = re.findall(
            rf'name="u{question}" value="(\d)"[^>]*><label[^>]*>([^<]+)<', html
        )
        assert [value for value, _label in labels] == ["1", "2", "3", "4"]
        assert all(not label.strip().isdigit() for _value, label in labels)
    if language == "id":
        assert "Tidak sesuai" in html and "Sangat sesuai" in html
