from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search machinery: index, engines, query service, search page and API."""

    name = "search"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .registry import registry

        registry.discover()
