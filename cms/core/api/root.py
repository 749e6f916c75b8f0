"""`/api/`: the API root, linking to every endpoint."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from .base import PublicAPIView
from .endpoints import Endpoint, app_endpoints

# The core's own endpoints, around those the apps add (`terpadu_api_endpoints`).
FIRST = (
    Endpoint("units", "api_units", "Units with contact details and opening hours."),
)
LAST = (
    Endpoint("open_data", "api_open_data", "Downloadable CSV and JSON files."),
    Endpoint("pages", "wagtailapi:pages:listing", "Wagtail API v2: published pages."),
    Endpoint("images", "wagtailapi:images:listing", "Wagtail API v2: images."),
    Endpoint("documents", "wagtailapi:documents:listing", "Wagtail API v2: documents."),
    Endpoint("schema", "api_schema", "The OpenAPI 3.1 document of this API."),
    Endpoint("docs", "api_docs", "The API reference (HTML)."),
)


class LinkSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()
    description = serializers.CharField()


class RootSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="Version of this API.")
    endpoints = LinkSerializer(many=True)


def endpoint_links(request) -> list[dict[str, str]]:
    """The core's endpoints and every installed app's, with absolute URLs."""
    links = []
    for endpoint in (*FIRST, *app_endpoints(), *LAST):
        url = endpoint.url(request)
        if url is not None:
            links.append(
                {"name": endpoint.name, "url": url, "description": endpoint.description}
            )
    return links


@extend_schema(
    operation_id="api_root",
    summary="API root",
    description="Links to every endpoint of the API.",
    responses={200: RootSerializer},
    tags=["root"],
)
class APIRootView(PublicAPIView):
    def get(self, request, *args, **kwargs):
        version = settings.SPECTACULAR_SETTINGS.get("VERSION", "1")
        return Response({"version": version, "endpoints": endpoint_links(request)})
