"""`/api/innovations/`: the routes of `innovation.api`, found by
`cms.core.discovery`."""

from django.urls import path

from .api import InnovationDetailView, InnovationListView

urlpatterns = [
    path("innovations/", InnovationListView.as_view(), name="api_innovations"),
    path(
        "innovations/<str:id>/",
        InnovationDetailView.as_view(),
        name="api_innovation",
    ),
]
