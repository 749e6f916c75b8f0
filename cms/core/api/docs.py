"""`/api/schema/` (OpenAPI 3.1) and `/api/docs/` (the reference, server-rendered).

The reference page is plain HTML rendered from the same schema the API
serves: no JavaScript, no external assets, so it works under the site's CSP.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView

from .base import cache_headers

METHODS = ("get", "head", "post", "put", "patch", "delete")
MAX_DEPTH = 4


class SchemaView(SpectacularAPIView):
    """The OpenAPI document; cached like every other API response."""

    authentication_classes: list = []
    urlconf = "cms.core.api_urlconf"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return cache_headers(request, response)


@lru_cache(maxsize=4)
def openapi_document(url_prefix: str = "") -> dict[str, Any]:
    """The schema as a dict (generated once per process)."""
    generator = SchemaGenerator(urlconf="cms.core.api_urlconf")
    schema = generator.get_schema(request=None, public=True)
    return json.loads(json.dumps(schema, default=str))


def _resolve(schema: dict, components: dict) -> dict:
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 10:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = components.get(name, {})
        seen += 1
    return schema or {}


def type_label(schema: dict, components: dict) -> str:
    """A short human description of a schema's type."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema:
            return " | ".join(type_label(s, components) for s in schema[key])
    kind = schema.get("type", "object" if "properties" in schema else "any")
    if isinstance(kind, list):
        kind = " | ".join(kind)
    if kind == "array" or (isinstance(kind, str) and "array" in kind):
        return f"array of {type_label(schema.get('items', {}), components)}"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    return kind


def field_rows(
    schema: dict, components: dict, prefix: str = "", depth: int = 0
) -> list[dict[str, Any]]:
    """Every field of a response schema, nested names joined with dots."""
    schema = _resolve(schema, components)
    if schema.get("type") == "array" or "items" in schema:
        return field_rows(schema.get("items", {}), components, prefix + "[]", depth)
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            if options:
                return field_rows(options[0], components, prefix, depth)
    rows: list[dict[str, Any]] = []
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        full = f"{prefix}.{name}" if prefix else name
        target = _resolve(prop, components)
        rows.append(
            {
                "name": full,
                "type": type_label(prop, components),
                "required": name in required,
                "description": prop.get("description") or target.get("description", ""),
                "enum": target.get("enum") or prop.get("enum") or [],
            }
        )
        if depth < MAX_DEPTH:
            rows.extend(field_rows(prop, components, full, depth + 1))
    return rows


def operations(document: dict) -> list[dict[str, Any]]:
    components = document.get("components", {}).get("schemas", {})
    result = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            responses = []
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                media, body = next(iter(content.items()), ("", {}))
                schema = body.get("schema", {})
                responses.append(
                    {
                        "status": status,
                        "description": response.get("description", ""),
                        "media_type": media,
                        "fields": field_rows(schema, components) if schema else [],
                    }
                )
            parameters = [
                {
                    "name": p.get("name"),
                    "in": p.get("in"),
                    "required": p.get("required", False),
                    "type": type_label(p.get("schema", {}), components),
                    "enum": _resolve(p.get("schema", {}), components).get("enum", []),
                    "description": p.get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            result.append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or ["other"])[0],
                    "parameters": parameters,
                    "responses": responses,
                }
            )
    return result


@require_GET
def docs_page(request):
    """The API reference as HTML, rendered on the server from the schema."""
    document = openapi_document()
    ops = operations(document)
    tags: dict[str, list] = {}
    for op in ops:
        tags.setdefault(op["tag"], []).append(op)
    response = render(
        request,
        "core/api_docs.html",
        {
            "info": document.get("info", {}),
            "openapi": document.get("openapi", ""),
            "tags": list(tags.items()),
        },
    )
    return cache_headers(request, response)
