"""`/api/consultations/`: the routes of `consultation.forums.api`."""

from django.urls import path

from .api import ConsultationDetailView, ConsultationListView, ConsultationResultsView

urlpatterns = [
    path("consultations/", ConsultationListView.as_view(), name="api_consultations"),
    path(
        "consultations/<str:id>/",
        ConsultationDetailView.as_view(),
        name="api_consultation",
    ),
    path(
        "consultations/<str:id>/results/",
        ConsultationResultsView.as_view(),
        name="api_consultation_results",
    ),
]
