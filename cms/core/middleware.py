"""Middleware of the site core."""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"


class AdminScriptPolicyMiddleware:
    """Let the Wagtail admin run its inline widget scripts.

    Wagtail's date, time and inline-panel widgets initialise themselves with
    inline `<script>` elements, which the site-wide policy (script-src 'self')
    blocks. Only admin responses, which need a login, get 'unsafe-inline';
    public pages keep the strict policy. Must come after CSPMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page while the database refuses connections.

    A request that fails because the database is unreachable gets a static page
    (rendered without touching the database) and `Retry-After`; the next request
    opens a new connection, so service resumes by itself when the database is back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        logger.warning("Database unavailable: %s", exception)
        body = loader.get_template("503.html").render()
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        return response
