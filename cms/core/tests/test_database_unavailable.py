"""A database outage answers 503 with a friendly page, then service resumes."""

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from cms.core.middleware import DatabaseUnavailableMiddleware

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
