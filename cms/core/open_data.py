"""Open data: CSV and JSON files generated from the database on request.

Each installed app may declare datasets in its `open_data.py` (`DATASETS`),
found by `cms.core.discovery`; the core adds the units. A file is streamed row
by row from a queryset `iterator()`, never built in memory. `/api/data/` lists
the datasets (JSON), `/<lang>/data/` is the page for people, with the licence
and the time each dataset last changed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from wagtail.models import PageLogEntry

from cms.core.api.base import (
    LIVE_FIGURES_MAX_AGE,
    ErrorSerializer,
    PublicAPIView,
    absolute_url,
    is_private,
    private_paths,
    published,
)
from cms.core.discovery import app_modules
from cms.core.models import UnitPage
from cms.core.page_units import UnitsOfPages
from cms.core.spreadsheets import safe_mapping
from cms.core.translation_sync import lag_reasons

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
FORMATS = ("csv", "json")
CHUNK = 500


@dataclass(frozen=True)
class Dataset:
    """A downloadable table: its columns and how to stream its rows."""

    name: str
    title: Any
    description: Any
    columns: tuple[str, ...]
    rows: Callable[[Any], Iterable[dict[str, Any]]]
    last_modified: Callable[[], datetime | None]
    column_help: dict[str, str] = field(default_factory=dict)
    # Column name -> what it holds, for readers (the common ones: COLUMN_LABELS).
    column_labels: dict[str, Any] = field(default_factory=dict)

    def column_label(self, column: str) -> str:
        """What `column` holds, in the active language (its name if unknown)."""
        label = self.column_labels.get(column) or COLUMN_LABELS.get(column)
        return str(label) if label else column


# What the columns several datasets share hold, for readers.
COLUMN_LABELS: dict[str, Any] = {
    "id": _("Identifier"),
    "translation_key": _("Identifier shared by a page and its translations"),
    "locale": _("Language"),
    "title": _("Title"),
    "unit_id": _("Unit identifier"),
    "unit": _("Unit"),
    "url": _("Public page"),
    "last_published_at": _("Last published"),
    "translation_lag": _(
        "Why this translation lags its Indonesian page, as the page says: "
        "untranslated (changed parts shown in Indonesian) or unfollowed (no longer "
        "kept in step: facts such as fees may be out of date); empty when up to date"
    ),
}


def iso(value) -> str:
    """A date or datetime as ISO 8601 (datetimes with their time zone)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def cell(value: Any) -> Any:
    """A model field's value in a row: dates as ISO 8601, the rest as stored."""
    if isinstance(value, date):
        return iso(value)
    return value


def display_labels(obj, names: Iterable[str]) -> dict[str, str]:
    """`<name>_label`: the label of each choice field `name` of `obj` in its
    locale's language (files carry codes for machines, labels for people)."""
    with translation.override(obj.locale.language_code):
        return {
            f"{name}_label": str(getattr(obj, f"get_{name}_display")())
            for name in names
        }


def latest(stamps: Iterable[datetime | None]) -> datetime | None:
    """The latest of `stamps` that are known (a `last_modified` of several)."""
    return max((t for t in stamps if t is not None), default=None)


# Wagtail's log actions after which a page can leave or join a dataset without
# a publication: unpublished, deleted, moved, copied live or made an alias, or
# its subtree restricted or opened again (a unit's password hides its
# standards, so any page's counts).
VISIBILITY_ACTIONS = (
    "wagtail.unpublish",
    "wagtail.unpublish.scheduled",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.copy",
    "wagtail.create_alias",
    "wagtail.convert_alias",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
    "wagtail.view_restriction.delete",
)


def last_visibility_change() -> datetime | None:
    """When a page last changed who may see it (`VISIBILITY_ACTIONS`), or a
    unit page was last published, if later: every dataset names the units
    (a unit renamed left the files' validators as they were, and a copy
    holding the old name was answered 304)."""
    entries = PageLogEntry.objects.filter(action__in=VISIBILITY_ACTIONS)
    visibility = entries.aggregate(t=Max("timestamp"))["t"]
    units = published(UnitPage.objects.all()).aggregate(t=Max("last_published_at"))
    return latest([visibility, units["t"]])


def last_published(queryset) -> Callable[[], datetime | None]:
    """A `last_modified` callable: the latest publication in `queryset`, or
    the latest change of any page's visibility if later (a page restricted
    or unpublished leaves the file with no new publication: its validators
    kept answering 304 to a copy holding the row)."""

    def latest_change() -> datetime | None:
        publication = published(queryset).aggregate(t=Max("last_published_at"))["t"]
        return latest([publication, last_visibility_change()])

    return latest_change


# The columns every dataset of unit-owned pages starts and ends with
# (`page_columns`, `PageRows.row`), and the fields a row reads of its page.
# `translation_key` is the same in a page's rows in every language (each
# translation is a page of its own, with its own `id`): what joins them.
PAGE_COLUMNS = ("id", "translation_key", "locale", "title", "unit_id", "unit")
PUBLICATION_COLUMNS = ("url", "last_published_at", "translation_lag")
ROW_FIELDS = (
    "id",
    "translation_key",
    "path",
    "depth",
    "url_path",
    "title",
    "locale",
    "unit_id",
    "last_published_at",
)


def page_columns(*columns: str) -> tuple[str, ...]:
    """A dataset of unit-owned pages: the page and its unit, `columns`, then
    its public page and last publication."""
    return (*PAGE_COLUMNS, *columns, *PUBLICATION_COLUMNS)


def stored_cells(obj, names: Iterable[str]) -> dict[str, Any]:
    """The model fields `names` of `obj` as the row gives them (`cell`)."""
    return {name: cell(getattr(obj, name)) for name in names}


class PageRows:
    """Helpers to stream published pages with their unit and public URL."""

    def __init__(self, request):
        self.request = request
        self.restricted = private_paths()
        self._units: dict[str, Any] | None = None
        self._units_of_pages: UnitsOfPages | None = None

    def units(self) -> dict[str, Any]:
        if self._units is None:
            self._units = {
                u.path: u
                for u in published(UnitPage.objects.all()).only(
                    "id", "path", "title", "short_name", "currency"
                )
            }
        return self._units

    def unit_of(self, page):
        """The page's unit (`cms.core.page_units`), if it is published."""
        if self._units_of_pages is None:
            self._units_of_pages = UnitsOfPages(self.units().values())
        return self._units_of_pages.unit_of(page)

    def visible(self, page) -> bool:
        return not is_private(page.path, self.restricted)

    def url(self, page) -> str:
        return absolute_url(self.request, page) or ""

    def pages(self, queryset) -> Iterator[Any]:
        """The pages of `queryset` outside private subtrees, read in chunks,
        each translation told whether it lags its source (one query a chunk)."""
        chunk: list[Any] = []
        for page in queryset.iterator(chunk_size=CHUNK):
            if self.visible(page):
                chunk.append(page)
            if len(chunk) == CHUNK:
                yield from with_lags(chunk)
                chunk = []
        yield from with_lags(chunk)

    def row(
        self, page, cells: dict[str, Any], url: str | None = None
    ) -> dict[str, Any]:
        """`page`'s row (`page_columns`): `cells` between its own and its
        unit's columns and its public page (`url`, when already known)."""
        unit = self.unit_of(page)
        return {
            "id": page.pk,
            "translation_key": str(page.translation_key),
            "locale": page.locale.language_code,
            "title": page.title,
            "unit_id": unit.pk if unit else "",
            "unit": unit.title if unit else "",
            **cells,
            "url": self.url(page) if url is None else url,
            "last_published_at": iso(page.last_published_at),
            "translation_lag": getattr(page, "open_data_lag", ""),
        }


def with_lags(pages: list[Any]) -> list[Any]:
    """`pages`, each with `open_data_lag`: why it lags its source
    (`lag_reasons`), "" when it does not."""
    lagging = lag_reasons(pages)
    for page in pages:
        page.open_data_lag = lagging.get(page.pk, "")
    return pages


# Units (core) -----------------------------------------------------------------


def parents_in_row_language() -> Callable[[UnitPage], int | str]:
    """A unit's published parent in the unit's own language (its translation
    when there is one, else the parent itself), "" when none is published:
    the field is synchronised, so every translation holds the Indonesian
    parent and English rows pointed at Indonesian ids (one query)."""
    units = list(
        published(UnitPage.objects.all()).values_list(
            "pk", "translation_key", "locale_id"
        )
    )
    key_of = {pk: key for pk, key, _locale in units}
    by_language = {(key, locale): pk for pk, key, locale in units}

    def parent_of(unit: UnitPage) -> int | str:
        if unit.parent_unit_id not in key_of:
            return ""
        key = key_of[unit.parent_unit_id]
        return by_language.get((key, unit.locale_id), unit.parent_unit_id)

    return parent_of


def unit_rows(request) -> Iterator[dict[str, Any]]:
    helper = PageRows(request)
    parent_of = parents_in_row_language()
    queryset = (
        published(UnitPage.objects.all())
        .select_related("locale")
        .order_by("locale__language_code", "title", "pk")
    )
    for unit in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": unit.pk,
            "translation_key": str(unit.translation_key),
            "locale": unit.locale.language_code,
            "title": unit.title,
            "short_name": unit.short_name,
            "type": unit.unit_type,
            "type_label": display_labels(unit, ["unit_type"])["unit_type_label"],
            "parent_id": parent_of(unit),
            "city": unit.city,
            "country": unit.country.code,
            "time_zone": unit.time_zone,
            "currency": unit.currency,
            "address": unit.address,
            "phone": unit.phone,
            "email": unit.email,
            "website": unit.website,
            "url": helper.url(unit),
            "last_published_at": iso(unit.last_published_at),
        }


def _unit_dataset() -> Dataset:
    return Dataset(
        name="units",
        title=_("Units"),
        description=_(
            "Every published unit with its type, parent, location and contact "
            "details; one row per unit and language."
        ),
        columns=(
            "id",
            "translation_key",
            "locale",
            "title",
            "short_name",
            "type",
            "type_label",
            "parent_id",
            "city",
            "country",
            "time_zone",
            "currency",
            "address",
            "phone",
            "email",
            "website",
            "url",
            "last_published_at",
        ),
        rows=unit_rows,
        last_modified=last_published(UnitPage.objects.all()),
        column_labels={
            "title": _("Name"),
            "short_name": _("Short name"),
            "type": _("Type of unit"),
            "type_label": _("Type of unit (label)"),
            "parent_id": _("Identifier of the parent unit"),
            "city": _("City"),
            "country": _("Country"),
            "time_zone": _("Time zone"),
            "currency": _("Currency of fees"),
            "address": _("Address"),
            "phone": _("Telephone"),
            "email": _("E-mail"),
            "website": _("Website"),
        },
    )


def datasets() -> dict[str, Dataset]:
    """Every dataset: the core's and those of the installed apps' `open_data`."""
    found = [_unit_dataset()]
    for module in app_modules("open_data"):
        found += getattr(module, "DATASETS", [])
    return {d.name: d for d in found}


# Streaming ------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(dataset: Dataset, rows: Iterable[dict]) -> Iterator[str]:
    """The rows as CSV; a text a spreadsheet would run as a formula is quoted
    (`cms.core.spreadsheets`). JSON keeps every value as it is."""
    writer = csv.DictWriter(_Echo(), fieldnames=dataset.columns, extrasaction="ignore")
    yield "\ufeff" + writer.writeheader()
    for row in rows:
        yield writer.writerow(safe_mapping(row))


def json_stream(rows: Iterable[dict]) -> Iterator[str]:
    yield "["
    first = True
    for row in rows:
        yield ("\n" if first else ",\n") + json.dumps(
            row, cls=DjangoJSONEncoder, ensure_ascii=False
        )
        first = False
    yield "\n]\n"


class AnyContentNegotiation(BaseContentNegotiation):
    """Downloads are CSV or JSON by their extension, whatever `Accept` says."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def file_etag(dataset: Dataset, fmt: str, modified: datetime) -> str:
    """A weak validator of the file: the dataset's last change, to the
    microsecond, in its format and the request's language (the API's other
    answers all carry an ETag; a streamed file is not hashed)."""
    stamp = f"{modified.timestamp():.6f}"
    return f'W/"{dataset.name}-{fmt}-{translation.get_language()}-{stamp}"'


def stream_file(request, dataset: Dataset, fmt: str):
    modified = dataset.last_modified()
    etag = file_etag(dataset, fmt, modified) if modified is not None else None
    if modified is not None:
        # A 304 repeats the validators and Cache-Control a 200 would carry
        # (RFC 9110, 15.4.5); Django copies them from the response given.
        validators = HttpResponse()
        validators["Last-Modified"] = http_date(modified.timestamp())
        validators["ETag"] = etag
        patch_cache_control(validators, public=True, max_age=LIVE_FIGURES_MAX_AGE)
        patch_vary_headers(validators, ("Accept",))
        conditional = get_conditional_response(
            request,
            etag=etag,
            last_modified=int(modified.timestamp()),
            response=validators,
        )
        if conditional is not validators:  # 304 or 412; else the file follows
            return conditional
    rows = dataset.rows(request)
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_stream(dataset, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            json_stream(rows), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{dataset.name}.{fmt}"'
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
        response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=LIVE_FIGURES_MAX_AGE)
    return response


class DownloadView(PublicAPIView):
    """One dataset in one format, streamed."""

    content_negotiation_class = AnyContentNegotiation
    fmt = "csv"

    def get(self, request, name: str, *args, **kwargs):
        dataset = datasets().get(name)
        if dataset is None:
            return Response({"error": str(_("Unknown dataset."))}, status=404)
        return stream_file(request, dataset, self.fmt)


NAME_PARAMETER = OpenApiParameter(
    "name",
    str,
    OpenApiParameter.PATH,
    description="The dataset (see /api/data/).",
)


def _download_view(fmt: str, media_type: str):
    row_schema = {"type": "object", "additionalProperties": True}
    body = (
        {"type": "array", "items": row_schema}
        if fmt == "json"
        else {"type": "string", "description": "UTF-8 CSV with a header row."}
    )

    @extend_schema(
        operation_id=f"open_data_{fmt}",
        summary=f"Download a dataset as {fmt.upper()}",
        description="Generated from the database on request and streamed. "
        "Sends Last-Modified and ETag; If-Modified-Since or If-None-Match "
        "gets 304.",
        parameters=[NAME_PARAMETER],
        responses={
            (200, media_type): body,
            (304, media_type): None,
            (400, "application/json"): ErrorSerializer,
            (404, "application/json"): ErrorSerializer,
        },
        tags=["open data"],
    )
    class View(DownloadView):
        pass

    View.fmt = fmt
    View.__name__ = f"Download{fmt.upper()}View"
    return View


DownloadCSVView = _download_view("csv", "text/csv")
DownloadJSONView = _download_view("json", "application/json")


class DownloadLinkSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=FORMATS)
    url = serializers.URLField()


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class DatasetSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    columns_labels = serializers.ListField(
        child=serializers.CharField(),
        help_text="What each of `columns` holds, in the same order, in the "
        "request's language.",
    )
    last_modified = serializers.DateTimeField(
        allow_null=True, help_text="When its content last changed (ISO 8601)."
    )
    licence = LicenceSerializer()
    downloads = DownloadLinkSerializer(many=True)


def dataset_entries(request) -> list[dict[str, Any]]:
    entries = []
    for dataset in datasets().values():
        entries.append(
            {
                "name": dataset.name,
                "title": str(dataset.title),
                "description": str(dataset.description),
                "columns": list(dataset.columns),
                "columns_labels": [dataset.column_label(c) for c in dataset.columns],
                "fields": [
                    {"name": c, "label": dataset.column_label(c)}
                    for c in dataset.columns
                ],
                "last_modified": dataset.last_modified(),
                "licence": LICENCE,
                "downloads": [
                    {
                        "format": fmt,
                        "url": request.build_absolute_uri(
                            reverse(f"open_data_{fmt}", kwargs={"name": dataset.name})
                        ),
                    }
                    for fmt in FORMATS
                ],
            }
        )
    return entries


@extend_schema(
    operation_id="open_data_list",
    summary="List the open-data files",
    description="Every dataset with its columns, licence, last change and links.",
    responses={200: DatasetSerializer(many=True)},
    tags=["open data"],
)
class DatasetListView(PublicAPIView):
    def get(self, request, *args, **kwargs):
        return Response(DatasetSerializer(dataset_entries(request), many=True).data)


@require_GET
def data_page(request):
    """`/<lang>/data/`: the open-data files for people, with the licence."""
    return render(
        request,
        "core/open_data_page.html",
        {"datasets": dataset_entries(request), "licence": LICENCE},
    )
