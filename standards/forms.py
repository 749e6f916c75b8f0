"""Admin form of service standards: refuse to publish incomplete standards."""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.core.page_forms import UnitPageForm
from cms.core.translation import source_translation

from .components import label_for
from .decrees import DECREED, decree_errors
from .structure import component_value

# The form field that shows the error of each service-delivery component.
ERROR_FIELDS = {
    "persyaratan": "requirements",
    "prosedur": "procedure",
    "jangka_waktu": "completion_time_value",
    "biaya": "fees",
    "produk": "products",
    "pengaduan": "complaint_channels",
}


# The form fields a standard's decreed components are built from.
DECREED_FIELDS = (
    "requirements",
    "procedure",
    "completion_time_value",
    "completion_time_unit",
    "completion_time_note",
    "is_free",
    "fees",
    "fee_legal_basis",
    "products",
)


REQUIRED_TO_PUBLISH = _("Fill in this component before publishing.")
UNIT_REQUIRED = _("Choose the unit of the completion time (minutes, hours, days).")


class ServiceStandardPageForm(UnitPageForm):
    """Drafts and submissions may be incomplete; publishing or approving may not.

    Publishing also needs a new decree, or a correction reason, when a
    decreed component changed (`standards.decrees`).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = self.latest_version()
        # A reason belongs to one publication: the next edit starts without it.
        if latest is not None and self.initial.get("correction_reason") == (
            latest.correction_reason
        ):
            self.initial["correction_reason"] = ""

    def latest_version(self):
        """The latest published version of the standard, if any; None for a
        translation, whose facts are its source's (checked there)."""
        if self.instance.pk is None:
            return None
        if source_translation(self.instance).pk != self.instance.pk:
            return None
        return self.instance.versions.order_by("-number").first()

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
        self.check_decree(cleaned_data)
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
                field, message = ERROR_FIELDS[key], REQUIRED_TO_PUBLISH
                if key == "jangka_waktu" and probe.completion_time_value:
                    # The number is there: the unit is what is missing.
                    field, message = "completion_time_unit", UNIT_REQUIRED
                if field in self.fields and not self.has_error(field):
                    self.add_error(
                        field, ValidationError(message, code="required_to_publish")
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

    def check_decree(self, cleaned_data: dict) -> None:
        """Errors beside the decree fields when decreed components changed
        without a new decree or a correction reason."""
        latest = self.latest_version()
        if latest is None:
            return
        probe = copy.copy(self.instance)
        for name in DECREED_FIELDS:
            if name in cleaned_data:
                setattr(probe, name, cleaned_data[name])
        currency = probe.unit.currency if probe.unit_id else ""
        errors = decree_errors(
            latest,
            {key: component_value(probe, key, currency) for key in DECREED},
            cleaned_data.get("decree_number", ""),
            cleaned_data.get("effective_date"),
            cleaned_data.get("correction_reason", ""),
        )
        for field, error in errors.items():
            if field in self.fields and not self.has_error(field):
                self.add_error(field, error)
