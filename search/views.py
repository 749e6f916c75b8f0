"""The search page (HTML, no JavaScript needed) and the JSON API."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import service
from .engines.base import SearchResult
from .query import MAX_QUERY_LENGTH, SearchInputError, clean_text, parse_params
from .registry import registry

API_FACETS = ("kind", "unit", "year")
PAGE_FACETS = ("kind", "unit", "category", "year", "state")


def facet_titles() -> dict[str, str]:
    return {
        "kind": _("Type of content"),
        "unit": _("Unit"),
        "category": _("Category"),
        "year": _("Year"),
        "state": _("Status"),
    }


def _link(params: dict[str, str], **changes: str | None) -> str:
    merged = {**params, **changes}
    if "page" not in changes:
        merged.pop("page", None)
    return "?" + urlencode({k: v for k, v in merged.items() if v})


def _facet_groups(result: SearchResult, base: dict[str, str]) -> list[dict]:
    kinds = registry.kinds()
    groups = []
    for name in PAGE_FACETS:
        values = result.facets.get(name, [])
        active = base.get(name, "")
        if not values and not active:
            continue
        items = []
        for facet in values:
            label = (
                capfirst(kinds.get(facet.value, facet.value))
                if name == "kind"
                else facet.value
            )
            items.append(
                {
                    "label": label,
                    "count": facet.count,
                    "active": facet.value == active,
                    "url": _link(base, **{name: facet.value}),
                }
            )
        groups.append(
            {
                "name": name,
                "title": facet_titles()[name],
                "items": items,
                "active": active,
                "clear_url": _link(base, **{name: None}) if active else "",
            }
        )
    return groups


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """`/<lang>/search/?q=…`: results, facets as links, pagination as links."""
    language = (get_language() or "id")[:2]
    raw = request.GET.get("q", "")
    context: dict = {
        "search_query": clean_text(raw[:MAX_QUERY_LENGTH]),
        "max_length": MAX_QUERY_LENGTH,
        "result": None,
        "error": "",
    }
    if "q" not in request.GET:
        return render(request, "search/search_page.html", context)
    try:
        params = parse_params(request.GET)
    except SearchInputError as error:
        context["error"] = error.message
        return render(request, "search/search_page.html", context, status=200)
    if params.locale is None:
        params = replace(params, locale=language)
    result = service.search(params)
    base = {"q": params.q, **params.filters}
    if params.locale != language:
        base["locale"] = params.locale
    kinds = registry.kinds()
    hits = [
        {"hit": hit, "kind_label": capfirst(kinds.get(hit.kind, hit.kind))}
        for hit in result.hits
    ]
    context.update(
        {
            "result": result,
            "hits": hits,
            "facet_groups": _facet_groups(result, base),
            "start_index": params.offset + 1,
            "previous_url": _link(base, page=str(result.page - 1))
            if result.page > 1
            else "",
            "next_url": _link(base, page=str(result.page + 1))
            if result.page < result.num_pages
            else "",
            "corrected": " ".join(result.corrected_words),
            "languages": [
                {
                    "code": code,
                    "name": name,
                    "active": code == params.locale,
                    "url": _link(base, locale=code),
                }
                for code, name in settings.LANGUAGES
            ],
        }
    )
    return render(request, "search/search_page.html", context)


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    """`/api/search/?q=…&kind=…&unit=…&year=…&locale=…&page=…`."""
    try:
        params = parse_params(request.GET)
    except SearchInputError as error:
        return _error(error.message)
    result = service.search(params)
    return JsonResponse(
        {
            "total": result.total,
            "page": result.page,
            "results": [hit.as_json() for hit in result.hits],
            "facets": {
                name: [
                    {"value": f.value, "count": f.count}
                    for f in result.facets.get(name, [])
                ]
                for name in API_FACETS
            },
            "engine": result.engine,
        }
    )


@require_GET
def suggest_api(request: HttpRequest) -> JsonResponse:
    """`/api/search/suggest/?q=…` -> `{"suggestions": [{"text", "url"}]}`."""
    raw = request.GET.get("q", "")
    if len(raw) > MAX_QUERY_LENGTH:
        return _error(
            _("Your search is too long: use at most %(max)d characters.")
            % {"max": MAX_QUERY_LENGTH}
        )
    text = clean_text(raw)
    locale = request.GET.get("locale") or None
    if locale is not None and locale not in {"id", "en"}:
        return _error(_("Unknown language: use 'id' or 'en'."))
    if len(text) < 2:
        return JsonResponse({"suggestions": []})
    suggestions, _engine = service.suggest(text, locale)
    return JsonResponse(
        {"suggestions": [{"text": s.text, "url": s.url} for s in suggestions]}
    )
