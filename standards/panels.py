"""Admin panel showing editors how complete a standard is."""

from wagtail.admin.panels import Panel

from .components import components, label_for


class CompletenessPanel(Panel):
    """Shows n/14 and names the service-delivery components still empty."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "standards/admin/completeness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["filled"] = page.compute_completeness()
            context["total"] = len(components())
            context["missing"] = [
                label_for(key) for key in page.missing_delivery_components()
            ]
            return context
