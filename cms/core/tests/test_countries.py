"""Country names follow the reader's language (`cms.core.countries`)."""

import pytest

from cms.core.countries import city_name, country_name, place


def test_indonesian_readers_get_indonesian_country_names():
    assert country_name("US", "id") == "Amerika Serikat"
    assert country_name("SG", "id") == "Singapura"
    assert country_name("CA", "id") == "Kanada"


def test_english_readers_keep_the_english_names():
    assert country_name("US", "en") == "United States of America"
    assert country_name("", "en") == ""


def test_a_city_state_is_named_once():
    assert place("Singapore", "SG", "id") == "Singapura"
    assert place("Singapore", "SG", "en") == "Singapore"
    assert place("San Francisco", "US", "id") == "San Francisco, Amerika Serikat"
    assert place("Toronto", "CA", "en") == "Toronto, Canada"


@pytest.mark.parametrize(
    ("city", "code", "language", "named"),
    [
        ("Singapore", "SG", "id", "Singapura"),
        ("Singapore", "SG", "en", "Singapore"),
        ("Toronto", "CA", "id", "Toronto"),
        ("Kuala Lumpur", "MY", "id", "Kuala Lumpur"),
    ],
)
def test_a_city_state_is_named_in_the_readers_language(city, code, language, named):
    """The demo's Indonesian pages say 'di Singapura', and its Maklumat is
    signed 'Singapura, 2 Januari 2024'."""
    assert city_name(city, code, language) == named
