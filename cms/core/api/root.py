"""`/api/`: the API root, linking to every endpoint."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from .base import PublicAPIView

ENDPOINTS = (
    ("units", "api_units", "Units with contact details and opening hours."),
    ("standards", "api_standards", "Service standards with their 14 components."),
    ("consultations", "api_consultations", "Public consultations (FKP)."),
    ("surveys", "api_surveys", "Satisfaction surveys (SKM) and their results."),
    ("innovations", "api_innovations", "Innovation entries (KIPP)."),
    ("search", "search_api", "Full-text search of every kind of content."),
    ("search_suggest", "search_suggest", "Search suggestions as you type."),
    ("open_data", "api_open_data", "Downloadable CSV and JSON files."),
    ("pages", "wagtailapi:pages:listing", "Wagtail API v2: published pages."),
    ("images", "wagtailapi:images:listing", "Wagtail API v2: images."),
    ("documents", "wagtailapi:documents:listing", "Wagtail API v2: documents."),
    ("schema", "api_schema", "The OpenAPI 3.1 document of this API."),
    ("docs", "api_docs", "The API reference (HTML)."),
)


class LinkSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()
    description = serializers.CharField()


class RootSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="Version of this API.")
    endpoints = LinkSerializer(many=True)


def endpoint_links(request) -> list[dict[str, str]]:
    links = []
    for name, url_name, description in ENDPOINTS:
        try:
            path = reverse(url_name)
        except NoReverseMatch:
            continue
        links.append(
            {
                "name": name,
                "url": request.build_absolute_uri(path),
                "description": description,
            }
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
        from django.conf import settings

        version = settings.SPECTACULAR_SETTINGS.get("VERSION", "1")
        return Response({"version": version, "endpoints": endpoint_links(request)})
