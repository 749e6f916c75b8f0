"""The main navigation: the home page's children that editors put in menus."""

from django.http import HttpRequest
from wagtail.models import Page, Site


def localized_home(request: HttpRequest) -> Page | None:
    """The site's root page in the language of the request, if it exists."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


def main_menu(request: HttpRequest) -> list[dict]:
    home = localized_home(request)
    if home is None:
        return []
    path = request.path
    items = []
    for page in home.get_children().live().in_menu().public():
        url = page.get_url(request)
        items.append({"title": page.title, "url": url, "active": path.startswith(url)})
    return items
