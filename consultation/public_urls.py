"""`<page url>results.json` for surveys and consultations.

Wagtail's page URLs end with a slash, so a route like `results.json` never
reaches a page's RoutablePageMixin; this pattern finds the page the way
Wagtail's serve view does and serves its `results.json` route through the
same steps: Wagtail's `before_serve_page` and `on_serve_page` hooks, among
them the view-restriction check (password or login, as on the page itself).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import re_path
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.views import serve_chain

RESULTS_JSON = "/results.json"


def serve_route(request: HttpRequest, page: Page, route_args: tuple) -> HttpResponse:
    """What `wagtail.views.serve` does once it has found the page and route."""
    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, route_args, {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, route_args, {})


def page_results_json(request: HttpRequest, page_path: str) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    if getattr(page, "results_json", None) is None or not page.live:
        raise Http404
    view, args, kwargs = page.resolve_subpage(RESULTS_JSON)
    return serve_route(request, page, (view, args, kwargs))


urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)results\.json$",
        page_results_json,
        name="consultation_results_json",
    ),
]
