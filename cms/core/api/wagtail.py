"""The Wagtail API v2 (`/api/v2/`) documented in the OpenAPI document.

Wagtail's own viewsets answer; these subclasses only describe their
parameters and responses (items carry `id`, `meta` and the fields asked for
with `?fields=`), add the caching headers and leave out `find/`. Pages are the
live ones outside every private subtree (Wagtail's own list lets through a
restriction the request satisfies, such as a page password held in the
session, into an answer cached publicly); images and documents are listed only
when their collection has no view restriction and a live public page uses
them (`cms.core.visibility.public_media`), the same for every visitor, since
the answers are cached publicly.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, get_page_models

from cms.core.queries import is_integer
from cms.core.visibility import public_media

from .base import LOCALES, MAX_ID, cache_headers

ERROR = {
    "type": "object",
    "properties": {"message": {"type": "string"}},
    "required": ["message"],
}
ITEM = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "meta": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "description": "app_label.ModelName"},
                "detail_url": {"type": "string", "format": "uri"},
            },
            "additionalProperties": True,
        },
        "title": {"type": "string"},
    },
    "required": ["id", "meta"],
    "additionalProperties": True,
    "description": "The object with the fields asked for with `fields`.",
}
LISTING = {
    "type": "object",
    "properties": {
        "meta": {
            "type": "object",
            "properties": {"total_count": {"type": "integer"}},
            "required": ["total_count"],
        },
        "items": {"type": "array", "items": ITEM},
    },
    "required": ["meta", "items"],
}


def page_types() -> list[str]:
    return sorted(
        f"{m._meta.app_label}.{m.__name__}" for m in get_page_models() if m is not Page
    )


def check_integers(request, pk) -> None:
    """Refuse ids and offsets no database row can have (SQLite overflows)."""
    for text in (pk, request.GET.get("id")):  # a detail's id, find/?id=
        if text is not None and not is_row_id(str(text)):
            raise Http404("not found")
    for name in INTEGER_PARAMETERS:
        value = request.GET.get(name, "").lstrip("-")
        if value.isascii() and value.isdigit() and not is_row_id(value):
            raise BadRequestError(f"{name} is too large")


# What Wagtail's search filter passes on to the backend, which raises
# ValueError for anything else.
SEARCH_OPERATORS = ("and", "or")


def check_search_operator(request) -> None:
    """The search parameters Wagtail's backends cannot take: another
    operator (ValueError), a null character (PostgreSQL refuses it)."""
    operator = request.GET.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    if "\x00" in request.GET.get("search", ""):
        raise BadRequestError("search must not contain null characters")


def check_limit_and_locale(request) -> None:
    """A `limit` below 1 (Wagtail answered `limit=0` with no item) and a
    `locale` of no site language (Wagtail's 404 "No Locale matches") are
    bad parameters, as the documentation says."""
    try:
        limit = int(request.GET.get("limit", "1"))
    except ValueError:  # not a number: Wagtail's own 400
        limit = 1
    if limit < 1:
        raise BadRequestError("limit must be at least 1")
    locale = request.GET.get("locale")
    if locale is not None and locale not in LOCALES:
        raise BadRequestError(f"locale must be one of: {', '.join(LOCALES)}")


def is_row_id(text: str) -> bool:
    """ASCII digits within the range of a database id (their number bounded
    before `int()`, which refuses more than 4,300 digits with ValueError)."""
    return is_integer(text) and int(text) <= MAX_ID


COMMON = [
    OpenApiParameter(
        "fields",
        str,
        description="Comma-separated fields to add (`*` for all, `-name` to remove).",
    ),
    OpenApiParameter("limit", int, description="Items per page (1–100, default 20)."),
    OpenApiParameter("offset", int, description="Items to skip."),
]


def pages_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            "type",
            str,
            enum=page_types(),
            description="Page type, e.g. standards.ServiceStandardPage; adds the "
            "type's fields to `fields=*`.",
        ),
        OpenApiParameter("locale", str, enum=list(LOCALES), description="Language."),
        OpenApiParameter("child_of", int, description="Children of this page id."),
        OpenApiParameter(
            "descendant_of", int, description="Descendants of this page id."
        ),
        *COMMON,
    ]


INTEGER_PARAMETERS = ("child_of", "descendant_of", "ancestor_of", "offset", "limit")


class CheckedParametersMixin:
    """Bad parameters answered 400 in JSON, never a 500: ids and offsets no
    row can have, a `search_operator` the backend refuses, a field filter
    whose value the field cannot read (`?first_published_at=xx`, which
    Wagtail's `FieldsFilter` passes on to the database). For the public API
    and the admin's."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_integers(request, kwargs.get("pk"))
        check_search_operator(request)
        check_limit_and_locale(request)

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except (ValidationError, ValueError) as error:
            raise BadRequestError(f"a filter's value cannot be read: {error}") from None


class CachedViewSetMixin(CheckedParametersMixin):
    authentication_classes: list = []  # public and anonymous, like our API
    # JSON only, like our API: Wagtail's browsable HTML (`?format=api`) is
    # not part of what the documentation promises on /api/ paths.
    renderer_classes = [JSONRenderer]

    @classmethod
    def get_urlpatterns(cls):
        """Wagtail's routes, with any id segment answered in JSON (404)."""
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("find/", cls.as_view({"get": "find_view"}), name="find"),
            path("<str:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return cache_headers(request, response)


V2_DESCRIPTIONS = {
    "pages": (
        "Wagtail's own API over the same published pages (none under a view "
        "restriction): any page type, its fields chosen with `fields`. The "
        "endpoints above give each kind's structured data."
    ),
    "images": "The images that published pages show.",
    "documents": "The documents that published pages link to.",
}


def listing_schema(tag: str, what: str, parameters):
    return extend_schema(
        operation_id=f"v2_{tag}_list",
        summary=f"List {what} (Wagtail API v2)",
        description=V2_DESCRIPTIONS[tag],
        parameters=parameters,
        responses={200: OpenApiResponse(LISTING), 400: OpenApiResponse(ERROR)},
        tags=["wagtail-v2"],
    )


def detail_schema(tag: str, what: str):
    return extend_schema(
        operation_id=f"v2_{tag}_retrieve",
        summary=f"One of the {what} (Wagtail API v2)",
        description=V2_DESCRIPTIONS[tag],
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH), COMMON[0]],
        responses={
            200: OpenApiResponse(ITEM),
            400: OpenApiResponse(ERROR),
            404: OpenApiResponse(ERROR),
        },
        tags=["wagtail-v2"],
    )


class PagesAPI(CachedViewSetMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        """Wagtail's live pages of the site, none under a view restriction,
        whatever the session holds (see the module)."""
        return super().get_base_queryset().public()

    @listing_schema("pages", "published pages", pages_parameters())
    def listing_view(self, request):
        return super().listing_view(request)

    @detail_schema("pages", "published pages")
    def detail_view(self, request, pk):
        return super().detail_view(request, pk)

    @extend_schema(exclude=True)
    def find_view(self, request):
        return super().find_view(request)


class PublicMediaMixin:
    def get_queryset(self):
        """Only what public pages show (404 for the others), whoever asks.

        By id, since Wagtail's search backends (`?search=`) filter on plain
        field lookups only.
        """
        ids = public_media(self.model.objects.all()).values_list("pk", flat=True)
        return self.model.objects.filter(pk__in=list(ids)).order_by("id")


class ImagesAPI(PublicMediaMixin, CachedViewSetMixin, ImagesAPIViewSet):
    @listing_schema("images", "images", COMMON)
    def listing_view(self, request):
        return super().listing_view(request)

    @detail_schema("images", "images")
    def detail_view(self, request, pk):
        return super().detail_view(request, pk)

    @extend_schema(exclude=True)
    def find_view(self, request):
        return super().find_view(request)


class DocumentsAPI(PublicMediaMixin, CachedViewSetMixin, DocumentsAPIViewSet):
    @listing_schema("documents", "documents", COMMON)
    def listing_view(self, request):
        return super().listing_view(request)

    @detail_schema("documents", "documents")
    def detail_view(self, request, pk):
        return super().detail_view(request, pk)

    @extend_schema(exclude=True)
    def find_view(self, request):
        return super().find_view(request)
