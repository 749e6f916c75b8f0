"""The standard page's cached body: shown fresh after each publication, and
not cached at all when fragments are off (`make bench` from scratch)."""

import pytest
from django.test import RequestFactory, override_settings

from standards.display import body_cache_key
from standards.tests.conftest import publish

pytestmark = pytest.mark.django_db


def test_a_republished_standard_shows_its_new_body_at_once(client, standard):
    assert "Penerbitan paspor baru" in client.get(standard.url).content.decode()
    standard.title = "Penerbitan paspor elektronik"
    standard = publish(standard)
    body = client.get(standard.url).content.decode()
    assert "Penerbitan paspor elektronik" in body.split("<article")[1]


def test_the_body_has_a_cache_key_only_with_fragments_on(standard):
    request = RequestFactory().get(standard.url)
    assert body_cache_key(standard, request, standard.unit)
    with override_settings(FRAGMENT_CACHE=False):
        assert body_cache_key(standard, request, standard.unit) is None
