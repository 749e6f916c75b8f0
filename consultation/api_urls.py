"""`/api/consultations/`, `/api/surveys/`: the routes of both features, found
by `cms.core.discovery` (which looks only at an app's top-level modules)."""

from django.urls import include, path

urlpatterns = [
    path("", include("consultation.forums.api_urls")),
    path("", include("consultation.surveys.api_urls")),
]
