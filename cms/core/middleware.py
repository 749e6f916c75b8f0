"""Middleware of the site core."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
