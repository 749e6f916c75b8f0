"""`/api/standards/`: the routes of `standards.api`, found by `cms.core.discovery`."""

from django.urls import path

from .api import StandardDetailView, StandardListView

urlpatterns = [
    path("standards/", StandardListView.as_view(), name="api_standards"),
    path("standards/<str:id>/", StandardDetailView.as_view(), name="api_standard"),
]
