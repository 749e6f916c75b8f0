"""Throttles on the page-password form and the admin's password reset."""

import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.core.auth_throttles import (
    PAGE_PASSWORD_LIMIT,
    PASSWORD_RESET_CLIENT_LIMIT,
    PASSWORD_RESET_EMAIL_LIMIT,
)
from cms.core.factories import UserFactory

pytestmark = pytest.mark.django_db

ATTEMPTS, WINDOW = PAGE_PASSWORD_LIMIT


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def restriction(unit_a):
    return PageViewRestriction.objects.create(
        page=unit_a,
        restriction_type=PageViewRestriction.PASSWORD,
        password="rahasia",
    )


def try_password(client, restriction, password, language="id", address="10.0.0.1"):
    page = restriction.page
    return client.post(
        f"/{language}/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


def use_up_the_attempts(client, restriction, **kwargs):
    for _ in range(ATTEMPTS):
        assert try_password(client, restriction, "salah", **kwargs).status_code == 200


def test_the_eleventh_wrong_page_password_in_the_window_is_refused(client, restriction):
    use_up_the_attempts(client, restriction)
    response = try_password(client, restriction, "salah")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= WINDOW
    # The time to try again names its zone: the reader may be abroad.
    assert re.search(r"setelah pukul \d\d\.\d\d WIB", response.content.decode())


def test_the_right_page_password_is_refused_too_once_the_attempts_are_used_up(
    client, restriction
):
    use_up_the_attempts(client, restriction)
    assert try_password(client, restriction, "rahasia").status_code == 429
    assert client.get(restriction.page.url).status_code == 200  # still the form
    assert 'name="password"' in client.get(restriction.page.url).content.decode()


def test_the_right_page_password_opens_the_page_once_the_window_ends(
    client, restriction, monkeypatch
):
    use_up_the_attempts(client, restriction)
    later = time.time() + WINDOW
    monkeypatch.setattr(time, "time", lambda: later)
    assert try_password(client, restriction, "rahasia").status_code == 302


def test_another_client_may_still_try_the_page_password(client, restriction):
    use_up_the_attempts(client, restriction)
    response = try_password(client, restriction, "rahasia", address="10.0.0.2")
    assert response.status_code == 302


def test_the_refusal_is_in_the_visitors_language(client, restriction):
    use_up_the_attempts(client, restriction)
    english = try_password(client, restriction, "salah", language="en")
    assert "Too many attempts" in english.content.decode()
    indonesian = try_password(client, restriction, "salah", language="id")
    assert "Terlalu banyak percobaan" in indonesian.content.decode()


@pytest.fixture
def document_restriction(db):
    collection = Collection.get_first_root_node().add_child(name="Rahasia")
    return CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="rahasia",
    )


def try_document_password(client, restriction, password, address="10.0.0.1"):
    return client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": password, "return_url": "/documents/"},
        REMOTE_ADDR=address,
    )


def test_document_passwords_are_throttled_per_client_alike(
    client, document_restriction
):
    for _ in range(ATTEMPTS):
        response = try_document_password(client, document_restriction, "salah")
        assert response.status_code == 200
    assert (
        try_document_password(client, document_restriction, "rahasia").status_code
        == 429
    )
    other = try_document_password(
        client, document_restriction, "rahasia", address="10.0.0.2"
    )
    assert other.status_code == 302


def reset(client, email, address="10.0.0.1"):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_a_reset_beyond_the_limit_for_one_address_sends_no_email_but_answers_alike(
    client,
):
    UserFactory(username="editor")
    answers = [reset(client, "editor@example.org") for _ in range(4)]
    assert len(mail.outbox) == PASSWORD_RESET_EMAIL_LIMIT[0] == 3
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/admin/password_reset/done/")
    }


def test_the_reset_limit_of_an_address_ignores_letter_case(client):
    UserFactory(username="editor")
    for _ in range(3):
        reset(client, "editor@example.org")
    reset(client, "Editor@Example.ORG")
    assert len(mail.outbox) == 3


def test_other_addresses_still_get_their_reset_email(client):
    UserFactory(username="editor")
    UserFactory(username="moderator")
    for _ in range(4):
        reset(client, "editor@example.org")
    reset(client, "moderator@example.org")
    assert mail.outbox[-1].to == ["moderator@example.org"]
    assert len(mail.outbox) == 4


def test_a_client_flooding_the_reset_form_is_refused(client):
    requests, window = PASSWORD_RESET_CLIENT_LIMIT
    for n in range(requests):
        assert reset(client, f"nobody{n}@example.org").status_code == 302
    response = reset(client, "editor@example.org")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= window
    assert reset(client, "editor@example.org", address="10.0.0.2").status_code == 302
