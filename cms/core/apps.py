from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site core: pages, units and access rules shared by the domain apps."""

    name = "cms.core"
    label = "core"
    verbose_name = _("Site core")
    # Every saved or deleted row may show on a public page (cms.core.signals).
    public_content = True

    def ready(self):
        from wagtail.models import ReferenceIndex

        # Connect the receivers once models load.
        from . import (  # noqa: F401
            move_sync,
            restriction_sync,
            signals,
            translation_sync,
            unpublish_sync,
        )
        from .models import SiteContact

        # The footer's setting links a page: Wagtail's reference index then
        # knows that every page shows it (cms.core.invalidation).
        ReferenceIndex.register_model(SiteContact)
