"""Admin screens replaced by stricter versions (see cms/urls.py), found by
`cms.core.discovery` (which looks only at an app's top-level modules): the
deletion of consultation responses."""

from django.urls import include, path

urlpatterns = [path("", include("consultation.forums.admin_overrides"))]
