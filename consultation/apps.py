from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Public consultations (FKP), polls and satisfaction surveys (SKM): two
    packages (`forums`, `surveys`) in one app, so the app label, tables and
    content types stay those of the single app it was."""

    name = "consultation"
    verbose_name = _("Consultations and surveys")
    # Every saved or deleted row may show on a public page (cms.core.signals).
    public_content = True

    def ready(self):
        # Django's documented place to connect signal receivers: the models
        # they import cannot be imported while this module is.
        from .forums import signals  # noqa: F401 (connects the receivers)
