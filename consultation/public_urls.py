"""`<page url>results.json` for surveys and consultations.

Wagtail's page URLs end with a slash, so a route like `results.json` never
reaches a page's RoutablePageMixin; this pattern finds the page the way
Wagtail's serve view does and calls its `results_json` route.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import re_path
from wagtail.models import Site


def page_results_json(request: HttpRequest, page_path: str) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    handler = getattr(page, "results_json", None)
    if handler is None or not page.live:
        raise Http404
    return handler(request)


urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)results\.json$",
        page_results_json,
        name="consultation_results_json",
    ),
]
