"""`/api/standards/` and `/api/pledges/`: the routes of `standards.api`, found
by `cms.core.discovery`."""

from django.urls import path

from .api import (
    PledgeDetailView,
    PledgeListView,
    StandardDetailView,
    StandardListView,
)

urlpatterns = [
    path("standards/", StandardListView.as_view(), name="api_standards"),
    path("standards/<str:id>/", StandardDetailView.as_view(), name="api_standard"),
    path("pledges/", PledgeListView.as_view(), name="api_pledges"),
    path("pledges/<str:id>/", PledgeDetailView.as_view(), name="api_pledge"),
]
