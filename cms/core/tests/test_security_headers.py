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


def login(client, password: str, username: str = "admin"):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_admin_login_is_locked_after_repeated_failures(client, superuser):
    for _ in range(4):
        assert login(client, "wrong").status_code == 200  # the form, with an error
    assert login(client, "wrong").status_code == 429  # the fifth failure locks
    response = login(client, "password")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock_the_right_password_out(client, superuser):
    for _ in range(4):
        login(client, "wrong")
    response = login(client, "password")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_a_locked_account_does_not_lock_other_accounts(client, superuser):
    from cms.core.factories import UserFactory

    UserFactory(username="editor", is_staff=True, is_superuser=True)
    for _ in range(5):
        login(client, "wrong")
    assert login(client, "password", username="editor").status_code == 302


def test_the_admin_loads_no_picture_from_gravatar(client, make_staff, unit_a):
    """A user with an e-mail address got a gravatar.com picture: refused by the
    content security policy, and it told a third party who uses the admin."""
    client.force_login(make_staff(unit_a, email="editor@terpadu.example"))
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
