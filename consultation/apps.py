from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Public consultations (FKP), polls and satisfaction surveys (SKM)."""

    name = "consultation"
    verbose_name = _("Consultations and surveys")
    # Every saved or deleted row may show on a public page (cms.core.signals).
    public_content = True

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
