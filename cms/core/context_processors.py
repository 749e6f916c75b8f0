"""Template context every page of the site chrome needs."""

from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from .menus import main_menu, site_contact


def site_chrome(request: HttpRequest) -> dict:
    """The main menu and the footer's contact: built when first rendered, once
    per response however often the templates name them, in the reader's
    language even when first named inside the content of a page shown in
    another (an untranslated page's privacy-notice link set the footer's
    language for the whole response)."""
    language = translation.get_language()

    def in_reader_language(build):
        def built():
            with translation.override(language):
                return build(request)

        return SimpleLazyObject(built)

    return {
        "main_menu": in_reader_language(main_menu),
        "site_contact": in_reader_language(site_contact),
    }
