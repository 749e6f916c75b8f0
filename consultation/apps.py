from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Public consultations (FKP), polls and satisfaction surveys (SKM)."""

    name = "consultation"
    verbose_name = _("Consultations and surveys")

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
