"""Serving a page's route outside Wagtail's URL walk, with Wagtail's steps."""

from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.models import Page
from wagtail.views import serve_chain


def serve_route(
    request: HttpRequest, page: Page, route_args: tuple, then=serve_chain
) -> HttpResponse:
    """What `wagtail.views.serve` does once it has found the page and route:
    the `before_serve_page` hooks, then the `on_serve_page` chain (among them
    the view-restriction check: password or login, as on the page itself)
    ending in `then` (Wagtail's: the page's route served)."""
    chain = then
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, route_args, {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, route_args, {})
