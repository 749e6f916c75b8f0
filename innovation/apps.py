from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    """Public-service innovation entries (KIPP) and their showcase."""

    name = "innovation"
    verbose_name = _("Innovation")
    # Every saved or deleted row may show on a public page (cms.core.signals).
    public_content = True
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers once models load
