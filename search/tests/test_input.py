"""Bad input gets a clear answer, never a 500."""

import pytest
from django.urls import reverse

from search.query import SearchInputError, parse_params, split_query

pytestmark = pytest.mark.django_db

BAD_API_QUERIES = [
    {"q": ""},
    {"q": "   "},
    {"q": "x" * 501},
    {"q": '"""'},
    {"q": "*&^%$"},
    {"q": "paspor", "page": "abc"},
    {"q": "paspor", "page": "0"},
    {"q": "paspor", "page": "99999999999999999999"},
    {"q": "paspor", "year": "twenty"},
    {"q": "paspor", "kind": "spaceship"},
    {"q": "paspor", "locale": "fr"},
    {"q": "paspor", "unit": "u" * 300},
    {"q": "paspor", "year": "1800"},
]


@pytest.mark.parametrize("params", BAD_API_QUERIES)
def test_api_answers_bad_input_with_400_and_message(client, params):
    response = client.get(reverse("search_api"), params)
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.parametrize(
    ("endpoint", "params"),
    [
        ("search_api", {"q": ["paspor", "visa"]}),
        ("search_api", {"q": "paspor", "page": ["1", "3"]}),
        ("search_api", {"q": "paspor", "locale": ["id", "en"]}),
        ("search_suggest", {"q": ["pas", "vis"]}),
    ],
)
def test_the_api_refuses_a_single_valued_parameter_given_twice(
    client, endpoint, params
):
    """From the outside probe: the last value won, the others were dropped."""
    response = client.get(reverse(endpoint), params)
    assert response.status_code == 400
    (name,) = response.json()["fields"]
    assert len(params[name]) == 2


def test_the_api_combines_a_filter_given_twice(client, locales):
    response = client.get(
        reverse("search_api"), {"q": "paspor", "kind": ["page", "standard"]}
    )
    assert response.status_code == 200


def test_a_year_out_of_range_is_told_the_range(client):
    response = client.get(reverse("search_api"), {"q": "paspor", "year": "1800"})
    assert "1900" in response.json()["error"]


@pytest.mark.parametrize("params", BAD_API_QUERIES)
def test_search_page_shows_a_message_for_bad_input(client, locales, params):
    response = client.get("/id/search/", params)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_search_page_without_query_invites_a_search(client, locales):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert 'for="search-q"' in response.content.decode()


def test_suggest_rejects_too_long_query(client):
    response = client.get(reverse("search_suggest"), {"q": "x" * 501})
    assert response.status_code == 400


def test_suggest_with_one_letter_returns_nothing(client):
    response = client.get(reverse("search_suggest"), {"q": "p"})
    assert response.json() == {"suggestions": []}


@pytest.mark.parametrize("unit", ["Nowhere", "KBRI Singapur", "999999", "kbri-sing"])
def test_the_api_refuses_a_unit_it_does_not_know_and_names_it(
    client, locales, unit_b, unit
):
    response = client.get(reverse("search_api"), {"q": "paspor", "unit": unit})
    assert response.status_code == 400
    assert f": {unit}." in response.json()["error"]


@pytest.mark.parametrize(
    "unit", ["KBRI Singapura", "kbri singapura", "kbri-singapura", "0{pk}", "{pk}"]
)
def test_the_api_takes_a_unit_by_id_name_or_slug(site, client, unit_b, unit):
    given = unit.format(pk=unit_b.pk)
    data = client.get(reverse("search_api"), {"q": "paspor", "unit": given}).json()
    assert data["total"] >= 1
    assert {hit["unit"] for hit in data["results"]} == {"KBRI Singapura"}


def test_the_search_page_finds_nothing_in_an_unknown_unit(client, locales):
    response = client.get("/id/search/", {"q": "paspor", "unit": "Nowhere"})
    assert response.status_code == 200


def test_control_characters_are_ignored():
    assert parse_params({"q": "pas\x00por\u200b biasa"}).words == (
        "pas",
        "por",
        "biasa",
    )


def test_unclosed_quote_searches_the_words():
    assert split_query('"paspor biasa') == (["paspor", "biasa"], [])


def test_exactly_500_characters_is_accepted():
    assert parse_params({"q": "a" * 500}).q == "a" * 500


def test_error_message_is_translatable():
    with pytest.raises(SearchInputError) as error:
        parse_params({"q": ""})
    assert error.value.message


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("search_api", {"q": "paspor", "unt": "3"}),
        ("search_suggest", {"q": "paspor", "lang": "en"}),
    ],
)
def test_a_parameter_the_api_does_not_take_is_a_400_naming_it(client, name, params):
    """A misspelt filter used to answer as if it had not been given."""
    response = client.get(reverse(name), params)
    assert response.status_code == 400
    wrong = next(key for key in params if key != "q")
    message = response.json()["fields"][wrong][0]
    assert "q" in message and "locale" in message
