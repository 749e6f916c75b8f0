"""Wagtail's deletion of form submissions, replaced for consultations by a
moderated one (mounted through `consultation.admin_overrides`)."""

from django.urls import path

from cms.core import converters  # noqa: F401 (registers <int:...>)

from .response_deletion import ModeratedDeleteSubmissionsView

urlpatterns = [
    path(
        "forms/submissions/<int:page_id>/delete/",
        ModeratedDeleteSubmissionsView.as_view(),
        name="consultation_delete_responses",
    ),
]
