"""The client's address behind trusted proxies (rate limits, admin lockouts)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from cms.core.client_address import client_address

PROXY = "10.0.0.1"


def request(forwarded_for: str | None = None, remote_addr: str = PROXY):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_forwarded_for_is_ignored():
    assert client_address(request("203.0.113.7")) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_trusted_proxy_gives_the_address_it_appended():
    assert client_address(request("203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_entries_a_client_wrote_left_of_the_proxys_are_ignored():
    assert client_address(request("198.51.100.66, 203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_chain_with_more_hops_than_trusted_takes_the_entry_of_the_outer_proxy():
    """Client forges one hop; the CDN appends the client; the proxy the CDN."""
    chain = "198.51.100.66, 203.0.113.7, 192.0.2.10"
    assert client_address(request(chain)) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_chain_shorter_than_the_trusted_proxies_is_not_believed():
    assert client_address(request("203.0.113.7")) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_request_without_forwarded_for_is_keyed_on_its_connection():
    assert client_address(request()) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_garbled_forwarded_for_is_keyed_on_its_connection():
    assert client_address(request("not-an-address")) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXY_IPS=["10.0.0.0/8"])
def test_forwarded_for_is_believed_from_the_trusted_proxy_networks_only():
    assert client_address(request("203.0.113.7")) == "203.0.113.7"
    bypass = request("203.0.113.8", remote_addr="198.51.100.9")
    assert client_address(bypass) == "198.51.100.9"


def test_a_bad_trusted_proxy_entry_stops_the_start_up():
    env = dict(os.environ, TRUSTED_PROXY_IPS="10.0.0.0/8,proxy.example")
    result = subprocess.run(
        [sys.executable, "-c", "import cms.settings.test"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "proxy.example" in result.stderr


def admin_login(client, password: str, forwarded_for: str):
    return client.post(
        "/admin/login/",
        {"username": "admin", "password": password},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": forwarded_for},
    )


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_an_admin_lockout_behind_the_proxy_locks_out_one_client_only(client, superuser):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, "wrong", "203.0.113.7")
    assert admin_login(client, "password", "203.0.113.7").status_code == 429
    assert admin_login(client, "password", "198.51.100.2").status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=0)
def test_a_forged_forwarded_for_does_not_escape_an_admin_lockout(client, superuser):
    """Public addresses, which django-ipware's default header order believes."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, "wrong", "93.184.216.34")
    assert admin_login(client, "password", "151.101.1.69").status_code == 429
