"""`/api/surveys/`: the routes of `consultation.surveys.api`."""

from django.urls import path

from .api import SurveyDetailView, SurveyListView, SurveyResultsView

urlpatterns = [
    path("surveys/", SurveyListView.as_view(), name="api_surveys"),
    path("surveys/<str:id>/", SurveyDetailView.as_view(), name="api_survey"),
    path(
        "surveys/<str:id>/results/",
        SurveyResultsView.as_view(),
        name="api_survey_results",
    ),
]
