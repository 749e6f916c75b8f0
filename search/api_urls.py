"""The search JSON API (`/api/search/`, `/api/search/suggest/`).

The views are in `search.views`; here they are documented for the OpenAPI
document and given the API's caching headers (Cache-Control and an ETag
with 304 on `If-None-Match`).
"""

from functools import wraps

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from cms.core.api.base import cache_headers

from .query import MAX_PAGE, MAX_QUERY_LENGTH
from .views import search_api, suggest_api


class SearchErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="What was wrong, to show to the user.")


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(help_text="The public page's absolute address.")
    kind = serializers.CharField(help_text="Kind of content, e.g. standard.")
    kind_label = serializers.CharField(
        help_text="Label of `kind` in the hit's language."
    )
    unit = serializers.CharField(help_text="Name of the unit.")
    locale = serializers.CharField(help_text="id or en.")
    highlight = serializers.CharField(
        help_text="Fragment with the matches in <mark>…</mark> (escaped HTML)."
    )
    id = serializers.IntegerField(help_text="The page's id, as the API gives it.")
    api_url = serializers.CharField(
        allow_null=True,
        help_text="The hit in the API (/api/standards/{id}/, /api/units/{id}/…); "
        "null for a kind the API has no endpoint for (a content page).",
    )


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    value_label = serializers.CharField(
        help_text="Label of `value` (a kind's label; a unit or year as it is)."
    )
    count = serializers.IntegerField()


class SearchFacetsSerializer(serializers.Serializer):
    kind = FacetValueSerializer(many=True)
    unit = FacetValueSerializer(many=True)
    category = FacetValueSerializer(
        many=True,
        help_text="A standard's category or a consultation's audience, in the "
        "page's language.",
    )
    year = FacetValueSerializer(many=True)
    state = FacetValueSerializer(
        many=True,
        help_text="A consultation's, survey's or innovation's state, in the "
        "page's language.",
    )


class PromotedSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(help_text="The page in the search's language.")
    description = serializers.CharField(help_text="The editors' note, or empty.")
    locale = serializers.CharField(help_text="id or en.")
    label = serializers.CharField(help_text="'Recommended' in the search's language.")


class SearchResultSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Number of matches.")
    page = serializers.IntegerField()
    promoted = PromotedSerializer(
        many=True,
        help_text="Best bets: pages editors recommend for this query (first page "
        "of a search without filters).",
    )
    results = SearchHitSerializer(many=True)
    facets = SearchFacetsSerializer()
    engine = serializers.CharField(help_text="elasticsearch or database.")


class SuggestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    url = serializers.CharField()


class SuggestionsSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


LOCALE = OpenApiParameter(
    "locale", str, enum=["id", "en"], description="Only content in this language."
)

documented_search = extend_schema(
    operation_id="search",
    summary="Search",
    description="Full-text search of standards, pledges, consultations, surveys, "
    "innovations, units and the sites' other pages; every word must match (or "
    "any word, when none matches all). 10 results per page. Filters: any of "
    "the values given for one filter, and every filter given; a facet with "
    "chosen values is counted "
    "as if none of its values were chosen.",
    parameters=[
        OpenApiParameter(
            "q",
            {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_QUERY_LENGTH,
                "pattern": r"\S",
            },
            required=True,
            description=f"What to look for (at most {MAX_QUERY_LENGTH} characters; "
            '"quotes" for a phrase).',
        ),
        OpenApiParameter(
            "kind",
            {"type": "array", "items": {"type": "string"}},
            explode=True,
            description="Only these kinds of content (repeat for several: any).",
        ),
        OpenApiParameter(
            "unit",
            {"type": "array", "items": {"type": "string"}},
            explode=True,
            description="Only content of these units (repeat for several: any): "
            "a unit's id from /api/units/, its name as in `facets.unit`, or its "
            "slug. A unit that is none of these is a 400.",
        ),
        OpenApiParameter(
            "category",
            {"type": "array", "items": {"type": "string"}},
            explode=True,
            description="Only content of these categories (a standard's "
            "category, a consultation's audience, an innovation's group; repeat "
            "for several: any), each as its code (`paspor`, as /api/standards/ "
            "takes it) or as in `facets.category`; any other value is a 400 "
            "listing the codes.",
        ),
        OpenApiParameter(
            "year",
            {"type": "array", "items": {"type": "integer"}},
            explode=True,
            description="Only content of these years (repeat for several: any).",
        ),
        OpenApiParameter(
            "state",
            {"type": "array", "items": {"type": "string"}},
            explode=True,
            description="Only content in these states (a consultation's state, an "
            "innovation's stage; repeat for several: any), each as its code "
            "(`open`, as /api/consultations/ takes it) or as in `facets.state`; "
            "any other value is a 400 listing the codes.",
        ),
        LOCALE,
        OpenApiParameter(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            description=f"Page number (1–{MAX_PAGE}).",
        ),
    ],
    responses={200: SearchResultSerializer, 400: SearchErrorSerializer},
    tags=["search"],
)(search_api)
documented_suggest = extend_schema(
    operation_id="search_suggest",
    summary="Search suggestions",
    description="Titles that complete what was typed (from two characters).",
    parameters=[
        OpenApiParameter(
            "q", str, description=f"What was typed (at most {MAX_QUERY_LENGTH})."
        ),
        LOCALE,
    ],
    responses={200: SuggestionsSerializer, 400: SearchErrorSerializer},
    tags=["search"],
)(suggest_api)


def cached(view):
    """The API's caching (`cms.core.api.base.cache_headers`): a result is
    public for five minutes with an ETag (304 when it matches); an error is
    not kept by shared caches (it was, for five minutes, as a result)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        return cache_headers(request, view(request, *args, **kwargs), max_age=300)

    return cached_view


urlpatterns = [
    path("search/", cached(documented_search), name="search_api"),
    path("search/suggest/", cached(documented_suggest), name="search_suggest"),
]
