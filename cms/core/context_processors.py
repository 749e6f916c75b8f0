"""Template context every page of the site chrome needs."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .menus import main_menu, site_contact


def site_chrome(request: HttpRequest) -> dict:
    """The main menu and the footer's contact: built when first rendered, once
    per response however often the templates name them."""
    return {
        "main_menu": SimpleLazyObject(lambda: main_menu(request)),
        "site_contact": SimpleLazyObject(lambda: site_contact(request)),
    }
