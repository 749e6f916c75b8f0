"""Security headers on public and admin responses."""

import pytest

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(
        part.strip().split(" ", 1) for part in header.split(";") if part.strip()
    )


def test_public_pages_forbid_inline_scripts(client, home_page):
    response = client.get("/id/")
    assert policy(response)["script-src"] == "'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_allows_wagtails_inline_widget_scripts(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert "'unsafe-inline'" in policy(response)["script-src"]


def test_admin_login_is_locked_after_repeated_failures(client, superuser):
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "password"}
    )
    assert response.status_code == 429 or "_auth_user_id" not in client.session
