"""What every open-API endpoint shares.

- Read-only and anonymous: no authentication, no CSRF, GET/HEAD/OPTIONS only.
- Caching: `Cache-Control: public, max-age=…` and a strong `ETag` on every
  successful GET; a matching `If-None-Match` gets `304 Not Modified`.
- Errors are JSON: `{"error": "<message>", "fields": {…}}` with a 4xx status.
- Only live pages outside private subtrees are ever queried (`published`).
- Codes keep their value and carry their label: a field holding a vocabulary
  code (`unit: "hari_kerja"`) has a sibling `<field>_label` with the label in
  the object's language (`unit_label: "working days"`), a list of codes a
  sibling `<field>_labels` in the same order (`choice_label`, `choice_labels`).
  Older parts that already give `{key, label}` objects (a unit's `type`, an
  entry's `stage`) keep them.

Lists are DRF's `ListAPIView` with django-filter (`PublicListView` and a
`FilterSet` per list, its parameters validated and documented by the same
filters); details are `RetrieveAPIView` (`PublicDetailView`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, generics, serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler
from wagtail.models import Page, PageViewRestriction

from cms.core.models import UnitPage
from cms.core.page_units import units_for
from cms.core.queries import first_row, is_integer
from cms.core.translation_sync import UNFOLLOWED, UNTRANSLATED, lag_reasons
from cms.core.visibility import public_pages

MAX_AGE = 300
# Answers with figures that move as answers arrive (results, a unit's latest
# index, the open-data files): kept as long as the pages showing them are,
# a minute at most.
LIVE_FIGURES_MAX_AGE = 60
# Ids and offsets above this cannot exist (and overflow SQLite's integers).
MAX_ID = 2**31 - 1
# Language codes of the content (`?locale=`).
LOCALES = tuple(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
LOCALE_HELP = "Only objects in this language (id: Indonesian, en: English)."
UNIT_HELP = "Only objects of this unit (its id in /api/units/)."


def cache_headers(request, response, max_age: int = MAX_AGE):
    """Add Cache-Control and, once rendered, an ETag (304 when it matches)."""
    if response.status_code == 404:
        keep_not_found(request)
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        if response.status_code >= 400:
            patch_cache_control(response, no_cache=True)
        return response
    patch_cache_control(response, public=True, max_age=max_age)
    response.setdefault("Vary", "Accept")

    def add_etag(rendered):
        digest = hashlib.sha256(rendered.content).hexdigest()[:32]
        rendered["ETag"] = quote_etag(digest)
        return get_conditional_response(
            request, etag=rendered["ETag"], response=rendered
        )

    if hasattr(response, "add_post_render_callback") and not getattr(
        response, "is_rendered", True
    ):
        response.add_post_render_callback(add_etag)
        return response
    if not getattr(response, "streaming", False):
        return add_etag(response)
    return response


def keep_not_found(request) -> None:
    """Stop LocaleMiddleware from redirecting an API 404 to `/id/api/…`."""
    getattr(request, "_request", request).urlconf = "cms.core.api_urlconf"


def error_handler(exc, context):
    """DRF errors as `{"error": message, "fields": {...}}` (4xx only), for
    the public API; the admin's DRF views (Wagtail's admin API,
    wagtail-localize's editor) keep the shapes their scripts read."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    if request is not None and not request.path.startswith("/api/"):
        return response
    data: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        data["error"] = _("Some parameters are not valid.")
        data["fields"] = {
            key: [str(m) for m in (value if isinstance(value, list) else [value])]
            for key, value in exc.detail.items()
        }
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        if isinstance(detail, list):
            detail = " ".join(str(d) for d in detail)
        data["error"] = str(detail)
    else:
        data["error"] = _("Not found.")
    response.data = data
    return response


class ErrorSerializer(serializers.Serializer):
    """Every 4xx answer of the API."""

    error = serializers.CharField(help_text="What was wrong, in the reader's language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages per invalid parameter.",
    )


class StandardRefSerializer(serializers.Serializer):
    """A link to a service standard, as consultations and innovations give it."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    api_url = serializers.CharField()


class PublicAPIView(APIView):
    """Base of every open-API view: anonymous, read-only, JSON, cached."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head", "options"]
    max_age = MAX_AGE
    #: The query parameters the endpoint reads, besides `format` (a list adds
    #: its filters and paging: `PublicListView`).
    query_parameters: tuple[str, ...] = ()

    def known_parameters(self) -> set[str]:
        return {*self.query_parameters, "format"}

    def initial(self, request, *args, **kwargs):
        """A parameter the endpoint does not read is a 400 naming it: a
        misspelt one (`?unt=3`, `?perod=2025-Q3`) was answered as if it had
        not been given."""
        super().initial(request, *args, **kwargs)
        known = self.known_parameters()
        name = unknown_parameter(request.query_params, known)
        if name is not None:
            raise exceptions.ValidationError({name: [unknown_parameter_message(known)]})
        name = repeated_parameter(request.query_params)
        if name is not None:
            raise exceptions.ValidationError({name: [REPEATED_PARAMETER]})

    def get_exception_handler(self):
        return error_handler

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return cache_headers(request, response, self.max_age)


class Pagination(LimitOffsetPagination):
    """`?limit=` (1–100, default 50) and `?offset=` (0 or more).

    A value outside those is a 400 naming the parameter, as the documentation
    says of every invalid parameter: DRF's pagination read `limit=abc`, `-1`
    or `100000` as the default or the maximum, and an integrator asking for
    100,000 items got 100 without a word."""

    default_limit = 50
    max_limit = 100

    def get_paginated_response_schema(self, schema):
        """DRF's schema with `next` and `previous` nullable the way OpenAPI
        3.1 says it (a type list): DRF writes 3.0's `nullable`, which a 3.1
        validator ignores, so the last page's `"next": null` failed it."""
        described = super().get_paginated_response_schema(schema)
        for name in ("next", "previous"):
            link = described["properties"][name]
            link.pop("nullable", None)
            link["type"] = ["string", "null"]
        return described

    def get_schema_operation_parameters(self, view):
        """DRF's parameters with the bounds this class enforces."""
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters

    def get_limit(self, request):
        raw = request.query_params.get(self.limit_query_param, "")
        if raw == "":
            return self.default_limit
        if not is_integer(raw) or not 1 <= int(raw) <= self.max_limit:
            raise exceptions.ValidationError(
                {
                    "limit": [
                        _("Give a whole number from 1 to %(max)s.")
                        % {"max": self.max_limit}
                    ]
                }
            )
        return int(raw)

    def get_offset(self, request):
        raw = request.query_params.get(self.offset_query_param, "")
        if raw == "":
            return 0
        if not (raw.isascii() and raw.isdigit()):
            raise exceptions.ValidationError(
                {"offset": [_("Give a whole number, 0 or more.")]}
            )
        if not is_integer(raw) or int(raw) > MAX_ID:
            raise exceptions.ValidationError(
                {"offset": [_("The offset is too large.")]}
            )
        return int(raw)


def unknown_parameter(names: Iterable[str], known: Iterable[str]) -> str | None:
    """The first of `names` not in `known`, if any."""
    allowed = set(known)
    return next((name for name in names if name not in allowed), None)


REPEATED_PARAMETER = gettext_lazy(
    "Give this parameter once: this endpoint does not combine several values of it."
)


def repeated_parameter(query: QueryDict) -> str | None:
    """The first parameter given more than once, if any: `?unit=13&unit=15`
    was answered for unit 15 alone, as if the first had not been given."""
    return next((name for name in query if len(query.getlist(name)) > 1), None)


def unknown_parameter_message(known: Iterable[str]) -> str:
    """What an integrator reads about a parameter the endpoint does not take:
    a misspelt filter (`?unt=3`) used to return every object without a word."""
    return _("Unknown parameter. This endpoint takes: %(known)s.") % {
        "known": ", ".join(sorted(known))
    }


def parse_id(value) -> int:
    """An object id from the URL; 404 (JSON) when it cannot be one."""
    text = str(value)
    if not is_integer(text) or not 0 < int(text) <= MAX_ID:
        raise exceptions.NotFound(_("Not found."))
    return int(text)


# Codes and their labels ------------------------------------------------------


def label_field(code_field: str) -> serializers.CharField:
    """The schema of `<code_field>_label`."""
    return serializers.CharField(
        allow_blank=True,
        help_text=f"Label of `{code_field}` in the object's language.",
    )


def labels_field(code_field: str) -> serializers.ListField:
    """The schema of `<code_field>_labels`."""
    return serializers.ListField(
        child=serializers.CharField(),
        help_text=f"Labels of `{code_field}`, in the same order, in the "
        "object's language.",
    )


# Published pages -------------------------------------------------------------


def published(queryset):
    """Live pages that are not in a private subtree (as the site serves them)."""
    return public_pages(queryset)


def public_related(model, relation: str) -> Prefetch:
    """Prefetch the pages `model.relation` points to, keeping the public ones."""
    related = model._meta.get_field(relation).related_model
    return Prefetch(relation, queryset=published(related.objects.all()))


def private_paths() -> list[str]:
    """Paths of pages with a view restriction (their subtrees are private)."""
    return list(
        PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
    )


def is_private(path: str, restricted: Iterable[str]) -> bool:
    return any(path.startswith(p) for p in restricted)


def absolute_url(request: HttpRequest | None, page: Page) -> str | None:
    """The absolute address of a page's public page."""
    url = page.get_url(request)
    if not url:
        return None
    if url.startswith("/") and request is not None:
        return request.build_absolute_uri(url)
    return url


def api_url(request: HttpRequest | None, name: str, **kwargs) -> str:
    path = reverse(name, kwargs=kwargs)
    return request.build_absolute_uri(path) if request is not None else path


def localize_references(
    owners: list[Page],
    attribute: str,
    references: Callable[[Page], Iterable[Page]],
) -> None:
    """Set `attribute` on each of `owners` to the pages `references(owner)`
    in the owner's language: each one's published translation in the owner's
    locale when it has one, else the page itself (shown in its own language,
    as the site lists an untranslated page). Synchronised relations (a unit's
    parent, a survey's services, a consultation's standards) hold the default
    language's pages in every translation, and an English object pointed at
    Indonesian ids and titles. One query, none when every owner is in the
    references' language."""
    pairs = {owner.pk: list(references(owner)) for owner in owners}
    wanted = {
        (ref.translation_key, owner.locale_id)
        for owner in owners
        for ref in pairs[owner.pk]
        if ref.locale_id != owner.locale_id
    }
    found: dict[tuple, Page] = {}
    if wanted:
        model = type(next(ref for refs in pairs.values() for ref in refs))
        translations = published(
            model.objects.filter(
                translation_key__in={key for key, _ in wanted},
                locale_id__in={locale for _, locale in wanted},
            )
        )
        found = {(page.translation_key, page.locale_id): page for page in translations}
    for owner in owners:
        shown = [
            found.get((ref.translation_key, owner.locale_id), ref)
            for ref in pairs[owner.pk]
        ]
        setattr(owner, attribute, shown)


def attach_units(pages: list[Page]) -> None:
    """Set `api_unit` on each page to its unit (`cms.core.page_units`) when
    that unit is live and public, else None (one query)."""
    units = units_for(pages, UnitPage.objects.live().select_related("locale"))
    restricted = private_paths() if pages else []
    for page in pages:
        unit = units.unit_of(page)
        public = unit is not None and not is_private(unit.path, restricted)
        page.api_unit = unit if public else None


# Fields published as stored ----------------------------------------------------


class StoredField(serializers.Field):
    """Stands for the model field of the same name in a `StoredFieldsMixin`
    serializer, which puts the field built by `stored_field` in its place."""

    def __init__(self, **kwargs):
        self.extra = kwargs
        super().__init__(read_only=True)


def stored(**kwargs) -> StoredField:
    """A field the API gives as the model stores it: the type, whether it may
    be empty and the codes of its choices come from the model field;
    `kwargs` (a `help_text`) are added."""
    return StoredField(**kwargs)


def stored_field(model: type[models.Model], name: str, **kwargs) -> serializers.Field:
    """The serializer field of `model`'s field `name`, one of the
    `public_fields` its outputs share (`ImproperlyConfigured` otherwise)."""
    if name not in getattr(model, "public_fields", ()):
        raise ImproperlyConfigured(f"{model.__name__}.public_fields has no {name!r}.")
    field = model._meta.get_field(name)
    if field.choices:
        codes = [code for code, _label in field.flatchoices]
        return serializers.ChoiceField(choices=codes, **kwargs)
    if isinstance(field, models.DateTimeField):
        kwargs.setdefault("help_text", "ISO 8601 with time zone.")
        return serializers.DateTimeField(allow_null=field.null, **kwargs)
    if isinstance(field, models.DateField):
        return serializers.DateField(allow_null=field.null, **kwargs)
    if isinstance(field, models.BooleanField):
        return serializers.BooleanField(**kwargs)
    if isinstance(field, models.IntegerField):
        return serializers.IntegerField(**kwargs)
    if field.blank:
        kwargs["allow_blank"] = True
    return serializers.CharField(**kwargs)


# Builds each `stored()` field of the serializer from `model`, in its place. No
# docstring: drf-spectacular would publish it as the description of every
# serializer without one.
class StoredFieldsMixin(serializers.Serializer):
    model: type[models.Model] | None = None

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name, field in fields.items():
            if isinstance(field, StoredField):
                fields[name] = stored_field(self.model, name, **field.extra)
        return fields


# Shared serializer parts ----------------------------------------------------


class UnitRefSerializer(serializers.Serializer):
    """A short reference to a unit."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    short_name = serializers.CharField()
    api_url = serializers.SerializerMethodField(
        help_text="This unit in the API (/api/units/{id}/)."
    )
    url = serializers.SerializerMethodField(help_text="The unit's public page.")

    def get_api_url(self, unit) -> str:
        return api_url(self.context.get("request"), "api_unit", id=unit.pk)

    def get_url(self, unit) -> str | None:
        return absolute_url(self.context.get("request"), unit)


class TranslationLagSerializer(serializers.Serializer):
    """How a translation lags its source (Indonesian) page."""

    reason = serializers.ChoiceField(
        choices=[UNTRANSLATED, UNFOLLOWED],
        help_text=(
            "`untranslated`: parts changed in the source are not translated yet "
            "and are given in the source's language; `unfollowed`: this "
            "translation is no longer kept in step with its source, which was "
            "published after it, so facts such as fees may be out of date."
        ),
    )
    source_id = serializers.IntegerField(help_text="The source page's id.")
    source_url = serializers.CharField(help_text="The source's public page.")
    source_published_at = serializers.DateTimeField(
        allow_null=True, help_text="When the source was last published."
    )


class PageSerializer(StoredFieldsMixin, serializers.Serializer):
    """Fields every published page has in the API; a subclass names the page
    type (`model`) whose `public_fields` its `stored()` fields are."""

    id = serializers.IntegerField(help_text="Page id (stable; one per language).")
    title = serializers.CharField()
    locale = serializers.SerializerMethodField(help_text="Language of the object.")
    url = serializers.SerializerMethodField(
        help_text="Absolute URL of the public page."
    )
    api_url = serializers.SerializerMethodField(help_text="This object in the API.")
    translation_key = serializers.UUIDField(
        help_text="The same for every translation of the object."
    )
    last_published_at = serializers.DateTimeField(
        allow_null=True, help_text="ISO 8601 with time zone."
    )
    translation_lag = serializers.SerializerMethodField(
        help_text=(
            "Set when this object is a translation that lags its source, as its "
            "page then says; null when it is the source or up to date."
        )
    )

    api_url_name = ""

    def to_representation(self, instance):
        """Labels (type, category, weekday…) in the object's own language."""
        with translation.override(instance.locale.language_code):
            return super().to_representation(instance)

    def get_locale(self, page) -> str:
        return page.locale.language_code

    def get_url(self, page) -> str | None:
        return absolute_url(self.context.get("request"), page)

    def get_api_url(self, page) -> str:
        return api_url(self.context.get("request"), self.api_url_name, id=page.pk)

    @extend_schema_field(TranslationLagSerializer(allow_null=True))
    def get_translation_lag(self, page) -> dict | None:
        lag = getattr(page, "api_translation_lag", None)
        if lag is None:
            return None
        reason, source = lag
        return {
            "reason": reason,
            "source_id": source.pk,
            "source_url": absolute_url(self.context.get("request"), source),
            # In the API's time zone, as `last_published_at` (it was UTC).
            "source_published_at": serializers.DateTimeField().to_representation(
                source.last_published_at
            ),
        }


class UnitOfPageMixin(serializers.Serializer):
    unit = serializers.SerializerMethodField(
        help_text="The unit the object belongs to."
    )

    @extend_schema_field(UnitRefSerializer(allow_null=True))
    def get_unit(self, page):
        unit = getattr(page, "api_unit", None)
        if unit is None:
            return None
        return UnitRefSerializer(unit, context=self.context).data


def children_of_unit(queryset: QuerySet, unit_id: int) -> QuerySet:
    """The pages of `queryset` right under the unit `unit_id` (none when unknown)."""
    unit = UnitPage.objects.filter(pk=unit_id).only("path", "depth").first()
    if unit is None:
        return queryset.none()
    return queryset.child_of(unit)


# Generic views and django-filter ------------------------------------------------


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (django-filter's NumberFilter takes decimals)."""

    field_class = forms.IntegerField


class RegexFilter(django_filters.CharFilter):
    """Text matching `regex`."""

    field_class = forms.RegexField


def documented(filter_: django_filters.Filter, schema: dict[str, Any]):
    """`filter_`, described in the OpenAPI document by `schema`.

    drf-spectacular guesses a filter's type from the model and knows neither
    bounds nor patterns; the helpers below state them from the arguments that
    validate the parameter, so the document and the validation cannot differ.
    """
    return extend_schema_field(schema)(filter_)


def choice_filter(choices, help_text: str, **kwargs) -> django_filters.Filter:
    """One of the values `choices`."""
    return documented(
        django_filters.ChoiceFilter(
            choices=[(value, value) for value in choices], help_text=help_text, **kwargs
        ),
        {"type": "string", "enum": list(choices), "description": help_text},
    )


def integer_filter(
    help_text: str, min_value: int, max_value: int, **kwargs
) -> django_filters.Filter:
    """A whole number between `min_value` and `max_value`."""
    return documented(
        IntegerFilter(
            help_text=help_text, min_value=min_value, max_value=max_value, **kwargs
        ),
        {
            "type": "integer",
            "minimum": min_value,
            "maximum": max_value,
            "description": help_text,
        },
    )


def regex_filter(regex: str, help_text: str, **kwargs) -> django_filters.Filter:
    """Text matching `regex`."""
    return documented(
        RegexFilter(regex=regex, help_text=help_text, **kwargs),
        {"type": "string", "pattern": regex, "description": help_text},
    )


class LocaleFilterSet(django_filters.FilterSet):
    """`?locale=`: objects in one of the content languages."""

    locale = choice_filter(LOCALES, LOCALE_HELP, field_name="locale__language_code")


class PageFilterSet(LocaleFilterSet):
    """`?locale=` and `?unit=`, which every list of a unit's pages takes."""

    unit = integer_filter(UNIT_HELP, 1, MAX_ID, method="filter_unit")

    def filter_unit(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return children_of_unit(queryset, value)


def attach_translation_lags(items: list) -> None:
    """`api_translation_lag` (why, source page) on each of `items` that is a
    translation lagging its source (`lag_reasons`), with the sources read in
    one more query."""
    lagging = lag_reasons(item for item in items if isinstance(item, Page))
    if not lagging:
        return
    keys = [item.translation_key for item in items if item.pk in lagging]
    sources = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=keys, locale__language_code=settings.LANGUAGE_CODE
        ).only("pk", "url_path", "translation_key", "locale_id", "last_published_at")
    }
    for item in items:
        source = sources.get(item.translation_key) if item.pk in lagging else None
        if source is not None:
            item.api_translation_lag = (lagging[item.pk], source)


class PublicListView(PublicAPIView, generics.ListAPIView):
    """A list endpoint: its `filterset_class` validates the query (JSON 400),
    `Pagination` pages the result and `prepare` fetches, in bulk, what the
    serializer needs for the page."""

    filter_backends = [DjangoFilterBackend]
    pagination_class = Pagination

    def prepare(self, items: list) -> None:
        """Fetch what the serializer needs for a page of items, in bulk."""

    def known_parameters(self) -> set[str]:
        """The filters and the pagination's `limit` and `offset` as well."""
        filters = self.filterset_class.base_filters if self.filterset_class else {}
        return {*super().known_parameters(), *filters, "limit", "offset"}

    def list(self, request, *args, **kwargs) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        items = list(self.paginate_queryset(queryset) or [])
        self.prepare(items)
        attach_translation_lags(items)
        return self.get_paginated_response(self.get_serializer(items, many=True).data)


class PublicDetailView(PublicAPIView, generics.RetrieveAPIView):
    """One object by id; 404 unless live and public."""

    def prepare(self, items: list) -> None:
        """Fetch what the serializer needs, in bulk."""

    def get_object(self):
        obj = first_row(self.get_queryset().filter(pk=parse_id(self.kwargs["id"])))
        if obj is None:
            raise exceptions.NotFound(_("Not found."))
        self.prepare([obj])
        attach_translation_lags([obj])
        return obj


def list_schema(
    tag: str,
    summary: str,
    serializer: type[serializers.Serializer],
    description: str | None = None,
):
    """The OpenAPI description of the list `/api/<tag>/` (operation `<tag>_list`)."""
    return extend_schema(
        operation_id=f"{tag}_list",
        summary=summary,
        description=description,
        responses={200: serializer(many=True), 400: ErrorSerializer},
        tags=[tag],
    )


def detail_schema(
    tag: str,
    summary: str,
    serializer: type[serializers.Serializer],
    description: str | None = None,
):
    """The OpenAPI description of `/api/<tag>/{id}/` (operation `<tag>_retrieve`)."""
    return extend_schema(
        operation_id=f"{tag}_retrieve",
        summary=summary,
        description=description,
        responses={200: serializer, 400: ErrorSerializer, 404: ErrorSerializer},
        tags=[tag],
    )


class UnitOwnedPagesMixin:
    """For a list or detail endpoint of unit-owned pages: the unit each page
    shows (`api_unit`) is fetched for the whole page of results at once."""

    def prepare(self, items: list) -> None:
        attach_units(items)
