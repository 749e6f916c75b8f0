"""Template context every page of the site chrome needs."""

from django.http import HttpRequest

from .menus import main_menu


def site_chrome(request: HttpRequest) -> dict:
    """The main menu for the current language (lazy: only built when rendered)."""
    return {"main_menu": lambda: main_menu(request)}
