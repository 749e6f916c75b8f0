"""Public URLs of the consultation app beside Wagtail's page URLs.

`<page url>results.json` for surveys and consultations: Wagtail's page URLs end
with a slash, so a route like `results.json` never reaches a page's
RoutablePageMixin; this pattern finds the page the way Wagtail's serve view
does and serves its `results.json` route through the same steps
(`serving.serve_route`).

`answers/<page id>/<route>`: where the public's answers are posted
(`consultation.answers`).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, re_path
from wagtail.models import Site

from cms.core import converters  # noqa: F401 (registers <id:...>)
from cms.core.locales import localized

from .answers import answer
from .serving import serve_route

RESULTS_JSON = "/results.json"


def page_results_json(request: HttpRequest, page_path: str) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    page, _args, _kwargs = localized(site.root_page).specific.route(request, components)
    if getattr(page, "results_json", None) is None or not page.live:
        raise Http404
    view, args, kwargs = page.resolve_subpage(RESULTS_JSON)
    return serve_route(request, page, (view, args, kwargs))


urlpatterns = [
    path("answers/<id:page_id>/", answer, name="page_answer"),
    path("answers/<id:page_id>/<path:route>", answer, name="page_answer_route"),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)results\.json$",
        page_results_json,
        name="consultation_results_json",
    ),
]
