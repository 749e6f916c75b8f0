"""Template context every page of the site chrome needs."""

from django.http import HttpRequest

from .menus import main_menu, site_contact


def site_chrome(request: HttpRequest) -> dict:
    """The main menu and the footer's contact (lazy: only built when rendered)."""
    return {
        "main_menu": lambda: main_menu(request),
        "site_contact": lambda: site_contact(request),
    }
