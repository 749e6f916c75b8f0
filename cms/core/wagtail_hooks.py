"""Admin hooks of the site core."""

from wagtail import hooks

from .page_chooser import visible_pages


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_visible_pages(pages, request):
    """A unit's staff choose among their own pages and live, public ones."""
    return visible_pages(pages, request.user)
