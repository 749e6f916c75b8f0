"""Middleware of the site core."""

import logging
import traceback
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader
from django.utils import translation
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

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


def raised_reading_form_data(exception: Exception) -> bool:
    """Whether `exception` comes from submitted data a form could not read.

    A key missing from the POST (`MultiValueDictKeyError`), or any error of
    a widget's `value_from_datadict`: a StreamField or list block without its
    `-count` or `-type` fields, a count that is not a number, a rich text
    value that is not JSON. A browser never sends such data; a script or a
    tampered request does.
    """
    if isinstance(exception, MultiValueDictKeyError):
        return True
    return any(
        frame.f_code.co_name == "value_from_datadict"
        for frame, _line in traceback.walk_tb(exception.__traceback__)
    )


class MalformedAdminPostMiddleware:
    """Answer 400, not 500, to an admin form POST whose data is malformed.

    Wagtail's widgets read their management fields (`body-count`, ...) with
    `data[...]`, so a POST without them raised deep inside form validation.
    Incomplete data of ordinary fields is not affected: those are form errors,
    shown next to the fields. Inline formsets without their management form
    are invalid forms too (Django shows "ManagementForm data is missing").
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if request.method != "POST" or not request.path.startswith(ADMIN_PREFIX):
            return None
        if not raised_reading_form_data(exception):
            return None
        logger.warning(
            "Malformed admin POST to %s: %s: %s",
            request.path,
            type(exception).__name__,
            exception,
        )
        with translation.override(admin_language(request)):
            message = _(
                "The form data was incomplete or damaged. Reload the page and "
                "try again."
            )
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def admin_language(request: HttpRequest) -> str:
    """The language of the user's admin (the view's is gone with its exception)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return translation.get_language()
    return UserProfile.get_for_user(user).get_preferred_language()
