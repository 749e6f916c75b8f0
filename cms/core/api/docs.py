"""`/api/schema/` (OpenAPI 3.1) and `/api/docs/` (the reference).

The reference is drf-spectacular's Redoc view, with Redoc from
drf-spectacular-sidecar (no external asset). drf-spectacular's own template
starts Redoc with an inline script, which the site's Content-Security-Policy
(`script-src 'self'`) refuses: `core/api_docs.html` loads a static script,
`core/api_docs.js`, that reads the schema URL and `REDOC_UI_SETTINGS` from
data attributes instead.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.permissions import AllowAny

from .base import cache_headers


class SchemaView(SpectacularAPIView):
    """The OpenAPI document; cached like every other API response."""

    authentication_classes: list = []
    urlconf = "cms.core.api_urlconf"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return cache_headers(request, response)


class DocsView(SpectacularRedocView):
    """The API reference (Redoc), rendered in the browser from `/api/schema/`."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    http_method_names = ["get", "head"]
    template_name = "core/api_docs.html"
    url_name = "api_schema"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return cache_headers(request, response)
