"""`/api/consultations/`, `/api/surveys/`: the routes of `consultation.api`,
found by `cms.core.discovery`."""

from django.urls import path

from .api import (
    ConsultationDetailView,
    ConsultationListView,
    ConsultationResultsView,
    SurveyDetailView,
    SurveyListView,
    SurveyResultsView,
)

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
    path("surveys/", SurveyListView.as_view(), name="api_surveys"),
    path("surveys/<str:id>/", SurveyDetailView.as_view(), name="api_survey"),
    path(
        "surveys/<str:id>/results/",
        SurveyResultsView.as_view(),
        name="api_survey_results",
    ),
]
