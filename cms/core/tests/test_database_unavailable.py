"""A database outage answers 503 with a friendly page, then service resumes."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from cms.core.middleware import DatabaseUnavailableMiddleware
from cms.core.views import server_error

pytestmark = pytest.mark.django_db


def middleware() -> DatabaseUnavailableMiddleware:
    return DatabaseUnavailableMiddleware(lambda request: HttpResponse("ok"))


def test_refused_connection_answers_503_with_retry_after():
    error = OperationalError("connection refused")
    response = middleware().process_exception(RequestFactory().get("/id/"), error)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Layanan sedang tidak tersedia" in response.content.decode()


def test_other_errors_are_left_to_django():
    response = middleware().process_exception(RequestFactory().get("/"), ValueError())
    assert response is None


def test_the_api_gets_a_json_503_with_retry_after():
    error = OperationalError("connection timeout expired")
    request = RequestFactory().get("/api/units/")
    with translation.override("en"):
        response = middleware().process_exception(request, error)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert "temporarily unavailable" in json.loads(response.content)["error"]


def test_a_database_error_outside_the_view_answers_503_not_500():
    """A middleware's error (a session saved) reaches handler500, not the view's
    middleware: Django calls handler500 while it handles that error."""
    try:
        raise OperationalError("canceling statement due to statement timeout")
    except OperationalError:
        response = server_error(RequestFactory().get("/id/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_other_server_errors_stay_500():
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/id/"))
    assert response.status_code == 500


def postgresql_options(**env: str) -> dict:
    """The default database's OPTIONS under the settings, with `env`."""
    script = (
        "import json; from django.conf import settings; "
        "db = settings.DATABASES['default']; "
        "print(json.dumps([db['ENGINE'], db['OPTIONS']]))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="cms.settings.test",
            DATABASE_URL="postgres://terpadu@db.example:5432/terpadu",
            **env,
        ),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_postgresql_gets_connect_and_statement_timeouts_from_the_environment():
    engine, options = postgresql_options(
        DATABASE_CONNECT_TIMEOUT="3", DATABASE_STATEMENT_TIMEOUT="15000"
    )
    assert engine == "cms.core.postgresql"
    assert options["connect_timeout"] == 3
    assert options["options"] == "-c statement_timeout=15000"


def test_a_statement_timeout_of_zero_sends_none():
    _engine, options = postgresql_options(DATABASE_STATEMENT_TIMEOUT="0")
    assert options["connect_timeout"] == 5
    assert "options" not in options
