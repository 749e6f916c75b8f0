"""Where the public's answers are posted: `/<language>/answers/<page id>/<route>`.

The forms of satisfaction surveys, consultations and polls post here instead of
to the page's own URL. Wagtail's serve view looks up the site, the locale and
the reader's home page and walks the URL down to the page, whose row it then
builds: four queries and about 7 ms of a worker per answer on PostgreSQL
(`tests/bench/submissions.py`: 161 answers/s through the page's URL). Here the
page is found by its id in the process memo (`cms.core.memo`, kept until the
page tree changes, so an unpublished or edited page is read afresh) and its
route is served through the same `before_serve_page` and `on_serve_page` hooks
as on the page itself, view restrictions included; an answer then costs the
insert. The page's own URL still accepts the same POST (a form opened before a
release, or a client that posts there).

A page type opts in by listing the routes that take answers in
`answer_routes` ("" for the page's own form).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from wagtail.models import Page

from cms.core.memo import remembered

from .serving import serve_route


def answerable_page(page_id: int) -> Page | None:
    """The live page `page_id` if its type takes answers, remembered per process."""

    def load() -> Page | None:
        page = Page.objects.live().filter(pk=page_id).specific().first()
        return page if getattr(page, "answer_routes", None) else None

    return remembered(("answerable-page", page_id), load)


def answer(request: HttpRequest, page_id: int, route: str = "") -> HttpResponse:
    """Serve `route` of the page, as posting to the page's URL would."""
    page = answerable_page(page_id)
    if page is None or route not in page.answer_routes:
        raise Http404
    if request.method in ("GET", "HEAD"):
        # The address bar shows this URL after a form was sent back with an
        # error: opening it again, or sharing it, leads to the form's page,
        # once the page's view restriction is passed (its password form or
        # the login): counting through ids told anyone where restricted
        # surveys and polls live.
        return serve_route(request, page, (), then=to_the_page)
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    return serve_route(request, page, page.resolve_subpage("/" + route))


def to_the_page(page: Page, request: HttpRequest, *args) -> HttpResponse:
    """The end of the serve chain for a GET of an answer address."""
    return HttpResponseRedirect(page.get_url(request=request))


def answer_url(page: Page, route_name: str | None = None) -> str:
    """Where a form of `page` posts its answers (`route_name`: a routable
    page's route; None for the page's own form)."""
    route = page.reverse_subpage(route_name).lstrip("/") if route_name else ""
    if route:
        return reverse("page_answer_route", args=[page.pk, route])
    return reverse("page_answer", args=[page.pk])
