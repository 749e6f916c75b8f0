"""Middleware of the site core."""

import logging
import traceback
from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from .queries import is_integer

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"
# The parts of the site outside the language prefixes (`cms/urls.py`).
UNPREFIXED_PATHS = (ADMIN_PREFIX, "/api/", "/django-admin/", "/documents/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with the Wagtail admin's inline widget scripts.

    Wagtail's date, time and inline-panel widgets initialise themselves with
    inline `<script>` elements, which the site-wide policy (script-src 'self')
    blocks. Only admin responses, which need a login, get 'unsafe-inline';
    public pages keep the strict policy. `get_policy_parts` is django-csp's
    documented point for a policy per request.
    """

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponse,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), "script-src": ["'unsafe-inline'"]}
        return parts


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without its redirect of a 404 outside the
    language prefixes.

    Django sends a 404 to `/<language>/<path>` when that path resolves; the
    site's catch-all page route resolves every path, so a 404 of the admin,
    the API or the documents became a redirect to an HTML "not found" page
    under `/id/`. Those parts have no language prefix: their 404 stays a 404.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse):
        if response.status_code == 404 and request.path_info.startswith(
            UNPREFIXED_PATHS
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


API_PREFIX = "/api/"
ADMIN_API_PREFIX = "/admin/api/"
RETRY_AFTER_SECONDS = 30


def is_database_unavailable(exception: BaseException | None) -> bool:
    """True for the errors of a database that refuses, drops or ignores us.

    Django wraps every driver error; a connect timeout, a lost connection and
    a statement the server cancelled after `statement_timeout` all arrive as
    OperationalError (or InterfaceError for a connection already closed).
    """
    return isinstance(
        exception, OperationalError | InterfaceError
    ) and not is_unreadable_search(exception)


# What SQLite's full-text engine says of a search with an odd number of
# quotation marks, which Wagtail's SQLite backend passes on (`?search="` on
# the API, a quote typed into an admin search): an OperationalError like an
# outage, but bad input.
SQLITE_UNREADABLE_SEARCH = "unterminated string"


def is_unreadable_search(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError) and (
        str(exception) == SQLITE_UNREADABLE_SEARCH
    )


def unreadable_search_response(request: HttpRequest) -> HttpResponse:
    """400: JSON from the APIs (the public one and the admin's), plain text
    elsewhere (the admin's search screens)."""
    message = gettext(
        "The search words could not be read. Remove the quotation marks and "
        "search again."
    )
    if request.path.startswith((API_PREFIX, ADMIN_API_PREFIX)):
        return JsonResponse({"error": message}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """503 with `Retry-After`: JSON under /api/, else the static bilingual page.

    Rendered without touching the database; the connections that failed are
    closed, so the next request opens a new one and service resumes by itself.
    """
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(
            {
                "error": gettext(
                    "The service is temporarily unavailable. "
                    "Please try again in a few moments."
                )
            },
            status=503,
        )
    else:
        body = loader.get_template("503.html").render()
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 while the database refuses connections or does not answer.

    Errors raised by a view (pages, the API, the admin) are answered here;
    those raised by middleware around the view reach `handler500`
    (`cms.core.views.server_error`), which answers them the same way.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if is_unreadable_search(exception):
            logger.warning("Unreadable search to %s: %s", request.path, exception)
            return unreadable_search_response(request)
        if not is_database_unavailable(exception):
            return None
        logger.warning("Database unavailable: %s", exception)
        return database_unavailable_response(request)


class MalformedFormData(ValueError):
    """Submitted data a form could not read, found by the project's own forms
    (an inline row whose posted id is not an id)."""


def raised_reading_form_data(exception: Exception) -> bool:
    """Whether `exception` comes from submitted data a form could not read.

    A key missing from the POST (`MultiValueDictKeyError`), or any error of
    a widget's `value_from_datadict`: a StreamField or list block without its
    `-count` or `-type` fields, a count that is not a number, a rich text
    value that is not JSON. A browser never sends such data; a script or a
    tampered request does.
    """
    if isinstance(exception, MultiValueDictKeyError | MalformedFormData):
        return True
    return any(
        frame.f_code.co_name == "value_from_datadict"
        for frame, _line in traceback.walk_tb(exception.__traceback__)
    )


# Methods whose body carries form data: POST, and PUT and PATCH of the admin's
# JSON endpoints (wagtail-localize's string editor reads its `value` field).
DATA_METHODS = frozenset({"POST", "PUT", "PATCH"})

# Query parameters that Wagtail's views use as ids unchecked, by admin route
# (whichever view answers there: the forms' one is the consultations'): a value
# that is not a number raised ValueError in the database lookup.
INTEGER_QUERY_PARAMETERS: dict[str, tuple[str, ...]] = {
    "admin/forms/submissions/<int:page_id>/delete/": ("selected-submissions",),
    "admin/documents/chooser/chosen-multiple/": ("id",),
    "admin/images/chooser/chosen-multiple/": ("id",),
    # The selected objects (or "all") and the parent page of a "select all".
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": ("id", "childOf"),
    # A position among the siblings: a number beyond SQLite's overflowed.
    "admin/pages/<int:page_to_move_id>/set_position/": ("position",),
}
# Fields of ids that a browser sends from a list of checkboxes: 30 digits
# overflowed SQLite's integers in the form's lookup.
INTEGER_POST_PARAMETERS: dict[str, tuple[str, ...]] = {
    "admin/pages/<int:page_id>/privacy/": ("groups",),
    "admin/collections/<int:collection_id>/privacy/": ("groups",),
}
# Path segments that Wagtail's route takes as text and looks up as an id (every
# model with editing sessions here has an integer primary key).
INTEGER_PATH_PARAMETERS: dict[str, tuple[str, ...]] = {
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/"
    "<int:session_id>/": ("object_id",),
}
# Words some of those parameters take instead of an id.
ID_WORDS = {"id": {"all"}}


# Where Wagtail's views send the user back to after an action. Wagtail
# writes a path; a bare word ("x") made `redirect()` look it up as a URL name
# and raise NoReverseMatch after the action was done.
NEXT_PARAMETER = "next"
NEXT_PREFIXES = ("/", "http://", "https://")


def malformed_next(request: HttpRequest) -> bool:
    """Whether an admin request's `next` (query or form data) is neither a
    path nor an absolute URL."""
    if not request.path.startswith(ADMIN_PREFIX):
        return False
    values = request.GET.getlist(NEXT_PARAMETER)
    if request.method == "POST":
        values += request.POST.getlist(NEXT_PARAMETER)
    return any(value and not value.startswith(NEXT_PREFIXES) for value in values)


def malformed_query(request: HttpRequest) -> bool:
    """Whether the resolved admin route's id parameters (query, form data or
    path) hold something else, or its `next` is not an address."""
    match = request.resolver_match
    if match is None:
        return False
    if malformed_next(request):
        return True
    values = [
        (name, value)
        for name in INTEGER_QUERY_PARAMETERS.get(match.route, ())
        for value in request.GET.getlist(name)
    ]
    if request.method == "POST":
        values += [
            (name, value)
            for name in INTEGER_POST_PARAMETERS.get(match.route, ())
            for value in request.POST.getlist(name)
        ]
    values += [
        (name, str(match.kwargs.get(name, "")))
        for name in INTEGER_PATH_PARAMETERS.get(match.route, ())
    ]
    return not all(
        is_integer(value) or value in ID_WORDS.get(name, ()) for name, value in values
    )


class MalformedAdminPostMiddleware:
    """Answer 400, not 500, to an admin request whose data is malformed.

    Wagtail's widgets read their management fields (`body-count`, ...) with
    `data[...]`, so a POST without them raised deep inside form validation.
    Incomplete data of ordinary fields is not affected: those are form errors,
    shown next to the fields. Inline formsets without their management form
    are invalid forms too (Django shows "ManagementForm data is missing").
    The ids some views take from the query string (`INTEGER_QUERY_PARAMETERS`)
    are checked before the view, for logged-in users (others are sent to the
    login by the view).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args, view_kwargs
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not malformed_query(request):
            return None
        logger.warning("Malformed admin query to %s", request.path)
        return malformed_post_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not request.path.startswith(ADMIN_PREFIX):
            return None
        if isinstance(exception, OverflowError):
            # An id beyond SQLite's integers, in any filter or choice of the
            # admin (`?owner=`, `?content_type=`, a form's chosen object):
            # PostgreSQL finds nothing for it, SQLite cannot bind it.
            logger.warning("Id out of range in admin request to %s", request.path)
            return malformed_post_response(request)
        if request.method not in DATA_METHODS:
            return None
        if not raised_reading_form_data(exception):
            return None
        logger.warning(
            "Malformed admin %s to %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            exception,
        )
        return malformed_post_response(request)


def malformed_post_response(request: HttpRequest) -> HttpResponseBadRequest:
    """400 with a short message in the user's admin language."""
    with translation.override(admin_language(request)):
        message = gettext(
            "The form data was incomplete or damaged. Reload the page and try again."
        )
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def admin_language(request: HttpRequest) -> str:
    """The language of the user's admin (the view's is gone with its exception)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return translation.get_language()
    return UserProfile.get_for_user(user).get_preferred_language()


class HeadWithoutBodyMiddleware:
    """A HEAD request is answered with the headers the GET would have,
    `Content-Length` included, and no body.

    Django renders the whole page for a HEAD, as for the GET (so the page
    cache below keeps it for both); the WSGI server must then drop the body,
    and gunicorn logs a warning for each one ("WSGI app sent body bytes on a
    no-body response"), which every uptime monitor's HEAD filled the log with.
    First in `MIDDLEWARE`, so everything below sees the full response.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if response.streaming:
            response.streaming_content = []
        else:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
