"""Admin form of service standards: refuse to publish incomplete standards."""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .components import label_for

# The form field that shows the error of each service-delivery component.
ERROR_FIELDS = {
    "persyaratan": "requirements",
    "prosedur": "procedure",
    "jangka_waktu": "completion_time_value",
    "biaya": "fees",
    "produk": "products",
    "pengaduan": "complaint_channels",
}


class ServiceStandardPageForm(WagtailAdminPageForm):
    """Drafts and submissions may be incomplete; publishing or approving may not."""

    def wants_to_publish(self) -> bool:
        data = self.data
        if data.get("action-publish"):
            return True
        return bool(
            data.get("action-workflow-action")
            and data.get("workflow-action-name") == "approve"
        )

    def clean(self):
        cleaned_data = super().clean()
        if not self.wants_to_publish():
            return cleaned_data
        probe = copy.copy(self.instance)
        for name, value in cleaned_data.items():
            if name in ERROR_FIELDS.values() or name in (
                "completion_time_unit",
                "is_free",
            ):
                setattr(probe, name, value)
        missing = probe.missing_delivery_components()
        if missing:
            labels = [label_for(key) for key in missing]
            for key in missing:
                field = ERROR_FIELDS[key]
                if field in self.fields and field not in self._errors:
                    self.add_error(
                        field,
                        ValidationError(
                            _("Fill in this component before publishing."),
                            code="required_to_publish",
                        ),
                    )
            raise ValidationError(
                _(
                    "This service standard cannot be published: these "
                    "service-delivery components are empty: %(components)s."
                ),
                code="incomplete_standard",
                params={"components": ", ".join(labels)},
            )
        return cleaned_data
