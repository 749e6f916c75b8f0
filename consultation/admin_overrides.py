"""Admin screens of installed apps replaced by stricter versions (see cms/urls.py)."""

from django.urls import path

from .response_deletion import ModeratedDeleteSubmissionsView

urlpatterns = [
    path(
        "forms/submissions/<int:page_id>/delete/",
        ModeratedDeleteSubmissionsView.as_view(),
        name="consultation_delete_responses",
    ),
]
