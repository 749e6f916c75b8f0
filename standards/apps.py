from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    """Service standards (Standar Pelayanan) and service pledges (Maklumat)."""

    name = "standards"
    verbose_name = _("Service standards")
    # Every saved or deleted row may show on a public page (cms.core.signals).
    public_content = True

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
