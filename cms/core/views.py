"""Site-wide views: health check and error pages."""

import re
import sys

from django.conf import settings
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from cms.core.middleware import database_unavailable_response, is_database_unavailable
from cms.core.not_found import nearest_page


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def ping(request: HttpRequest) -> HttpResponse:
    """The cheapest Django response: the ceiling `make bench` compares pages to."""
    return HttpResponse("ok", content_type="text/plain")


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public site, not the admin, and find the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {settings.PUBLIC_BASE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask `/favicon.ico` where a page names no icon (a JSON
    answer, a file): the site's icon, instead of a 404 in their console."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


API_PREFIX = "/api/"


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """The 404 page; under /api/ the API's own JSON error, which its
    documentation promises for every 4xx (an unknown route was HTML)."""
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"error": gettext("Not found.")}, status=404)
        patch_cache_control(response, no_cache=True)  # as the API's other errors
        return response
    context = {
        "not_found": True,
        "nearest_page": nearest_page(request),
        "search_words": words_of_address(request.path),
    }
    return render(request, "404.html", context, status=404)


def words_of_address(path: str) -> str:
    """The words of an address's last part ("/en/unit/x/paspor-baruu/" ->
    "paspor baruu"): what the reader was looking for, offered as a search
    (which corrects a mistyped word); "" when there are none."""
    parts = [p for p in path.split("/") if p]
    last = parts[-1] if len(parts) > 1 else ""
    words = re.sub(r"[\W_]+", " ", last).strip()
    return words[:80] if re.search(r"[^\W\d_]", words) else ""


def server_error(request: HttpRequest) -> HttpResponse:
    """Render without a request context: the error may come from context code.

    A database that is unavailable is answered with the 503 page even when the
    error came from a middleware (a session saved, a redirect looked up), not
    from the view `DatabaseUnavailableMiddleware` watches. Django calls this
    view while it handles the exception, so `sys.exception()` is that error.
    """
    if is_database_unavailable(sys.exception()):
        return database_unavailable_response(request)
    return HttpResponse(loader.get_template("500.html").render(), status=500)
