"""The search page (HTML, no JavaScript needed) and the JSON API."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    renderer_classes,
)
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cms.core.api.base import (
    REPEATED_PARAMETER,
    api_url,
    unknown_parameter,
    unknown_parameter_message,
)
from cms.core.models import UnitPage
from cms.core.queries import is_integer
from cms.core.tracking_parameters import content_query
from cms.core.visibility import public_pages

from . import service, stats
from .engines.base import Hit, SearchResult
from .promotions import BestBet, best_bets
from .query import (
    MAX_QUERY_LENGTH,
    SearchInputError,
    SearchParams,
    clean_text,
    parse_params,
)
from .registry import registry
from .untranslated import untranslated_hits

API_FACETS = ("kind", "unit", "category", "year", "state")
# What `/api/search/` and its suggestions read (`search.query.parse_params`).
SEARCH_PARAMETERS = ("q", "kind", "unit", "category", "year", "state", "locale", "page")
SUGGEST_PARAMETERS = ("q", "locale")
# Parameters of one value: the filters combine theirs ("any of"), but a second
# `q`, `page` or `locale` was dropped without a word (the last one won).
SINGLE_PARAMETERS = ("q", "page", "locale")
PAGE_FACETS = ("kind", "unit", "category", "year", "state")
# Facets whose values mean something only within one kind of content: a
# respondent category of surveys and an innovation group, or a consultation's
# "Open" and an innovation's "Top 99", side by side under one title read as
# nonsense. The results page offers them once the results are of one kind.
KIND_SPECIFIC_FACETS = frozenset({"category", "state"})


def facet_titles() -> dict[str, str]:
    return {
        "kind": _("Type of content"),
        "unit": _("Unit"),
        "category": _("Category"),
        "year": _("Year"),
        "state": _("Status"),
    }


def _link(params: dict[str, Any], **changes: Any) -> str:
    """A link to the search with `changes`; a list value repeats its parameter
    (`kind=standard&kind=innovation`)."""
    merged = {**params, **changes}
    if "page" not in changes:
        merged.pop("page", None)
    return "?" + urlencode({k: v for k, v in merged.items() if v}, doseq=True)


def _toggled(chosen: list[str], value: str) -> list[str]:
    """`chosen` with `value` added, or taken out when it is there (OR within)."""
    return [v for v in chosen if v != value] if value in chosen else [*chosen, value]


def facet_groups(result: SearchResult, base: dict[str, Any]) -> list[dict]:
    kinds = registry.kinds()
    one_kind = (
        len(base.get("kind") or []) == 1 or len(result.facets.get("kind", [])) == 1
    )
    groups = []
    for name in PAGE_FACETS:
        values = result.facets.get(name, [])
        chosen = list(base.get(name) or [])
        if not values and not chosen:
            continue
        if name in KIND_SPECIFIC_FACETS and not one_kind and not chosen:
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
                    "active": facet.value in chosen,
                    "url": _link(base, **{name: _toggled(chosen, facet.value)}),
                }
            )
        groups.append(
            {
                "name": name,
                "title": facet_titles()[name],
                "items": items,
                "active": chosen,
                "clear_url": _link(base, **{name: None}) if chosen else "",
            }
        )
    return groups


def first_look(
    params: SearchParams, result: SearchResult, language: str
) -> list[BestBet]:
    """A new search (first page, no filter): counted for the search report
    (`search.stats`, in the cache only) and given its best bets."""
    if params.page != 1 or params.filters:
        return []
    stats.record(params.q, result.total)
    return best_bets(params.q, language)


def result_items(*groups: list[Hit]) -> list[list[dict[str, Any]]]:
    """Each group of hits as the results page lists them: with the label of
    their kind and their facts (a standard's fee), read in one go."""
    kinds = registry.kinds()
    facts = registry.facts([hit for group in groups for hit in group])
    return [
        [
            {
                "hit": hit,
                "kind_label": capfirst(kinds.get(hit.kind, hit.kind)),
                "facts": facts.get(hit.page_id, ""),
            }
            for hit in group
        ]
        for group in groups
    ]


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
    context["language_query"] = language_switch_query(request.GET)
    # A results page is not a page of its own for search engines (each query
    # and page of it would be indexed): they follow its links to the pages,
    # and it names no other-language version (the other language's results
    # for the same words are other pages, from the first).
    context["not_indexed"] = True
    try:
        params = parse_params(request.GET)
    except SearchInputError as error:
        context["error"] = error.message
        return render(request, "search/search_page.html", context, status=200)
    if params.locale is None:
        params = replace(params, locale=language)
    result = service.search(params)
    if result.total and params.page > result.num_pages:
        # Past the end (an old link, a hand-typed page): the last page.
        params = replace(params, page=result.num_pages)
        result = service.search(params)
    promoted = first_look(params, result, params.locale or language)
    base: dict[str, Any] = {"q": params.q, **params.filters}
    if params.locale != language:
        base["locale"] = params.locale
    hits, untranslated = result_items(result.hits, untranslated_hits(params, language))
    context.update(
        {
            "result": result,
            "filtered": bool(params.filters),
            "elsewhere": [] if result.total else found_elsewhere(params, base),
            "hits": hits,
            "untranslated_hits": untranslated,
            "promoted": promoted,
            "facet_groups": facet_groups(result, base),
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


#: Filters whose values are words of the results' language (a standard's
#: category, a consultation's state): the other language has other words.
LANGUAGE_BOUND_FILTERS = ("category", "state")


def language_switch_query(query: QueryDict) -> str:
    """The search's query string for the other language: the same words and
    the filters that mean the same there (kind, unit, year), from the first
    page; a category or state in this language's words found nothing in the
    other (0 results while the facet offered the same filter, translated).
    A campaign's tracking parameters are left out, as on every page."""
    kept = query.copy()
    for name in (*LANGUAGE_BOUND_FILTERS, "page"):
        kept.pop(name, None)
    return content_query(kept.urlencode())


def found_elsewhere(params: SearchParams, base: dict[str, Any]) -> list[dict]:
    """For a search that found nothing: how many results the same words have
    in each other language, with the link to them ("birth certificate" typed
    on the Indonesian site found nothing, and 9 pages in English)."""
    found = []
    for code, _name in settings.LANGUAGES:
        if code == params.locale:
            continue
        total = service.search(replace(params, locale=code, page=1)).total
        if total:
            found.append(
                {"code": code, "total": total, "url": _link(base, locale=code)}
            )
    return found


def unit_ids_as_names(query: QueryDict) -> QueryDict:
    """`query` with each `unit` read as the unit's name, which the facet
    holds: a unit is given by its id (as the other endpoints take it, from
    `/api/units/`), its short name or its slug (as in its pages' addresses).
    A unit that is none of these is refused: a typo found nothing, without a
    word, and an integrator took it for a unit with nothing published."""
    values = query.getlist("unit")
    if not values:
        return query
    units = public_pages(UnitPage.objects.live()).values_list(
        "pk", "short_name", "slug"
    )
    names: dict[str, str] = {}
    for pk, short_name, slug in units:
        names.update({str(pk): short_name, short_name.casefold(): short_name})
        names.setdefault(slug.casefold(), short_name)

    def key(value: str) -> str:
        return str(int(value)) if is_integer(value) else value.strip().casefold()

    unknown = [value for value in values if key(value) not in names]
    if unknown:
        raise SearchInputError(
            _(
                "Unknown unit: %(unit)s. Give a unit's id from /api/units/, "
                "its short name or its slug."
            )
            % {"unit": unknown[0][:100]}
        )
    query = query.copy()
    query.setlist("unit", [names[key(value)] for value in values])
    return query


CODED_FACETS = ("category", "state")


def facet_codes_as_labels(query: QueryDict) -> QueryDict:
    """`query` with each `category` and `state` given by its code (as the
    other endpoints take them: `?category=paspor`, `?state=open`) read as its
    labels in every language, which the facets hold. A value that is neither
    a code nor a label is refused, naming the codes: `?category=paspor`
    found nothing, without a word."""
    query = query.copy()
    for name in CODED_FACETS:
        values = query.getlist(name)
        if not values:
            continue
        labels = registry.facet_labels(name)
        known = set().union(*labels.values()) if labels else set()
        chosen: list[str] = []
        for value in values:
            if value in labels:
                chosen += sorted(labels[value])
            elif value in known:
                chosen.append(value)
            else:
                raise SearchInputError(
                    _("Unknown %(name)s: %(value)s. Use one of: %(codes)s.")
                    % {"name": name, "value": value[:100], "codes": ", ".join(labels)}
                )
        query.setlist(name, list(dict.fromkeys(chosen)))
    return query


def input_problem(query: QueryDict, known: tuple[str, ...]) -> Response | None:
    """400 for a parameter the endpoint does not take or one of
    `SINGLE_PARAMETERS` given twice; None for a query it can read."""
    name = unknown_parameter(query, known)
    if name is not None:
        return unknown_parameter_response(name, known)
    repeated = next((n for n in SINGLE_PARAMETERS if len(query.getlist(n)) > 1), None)
    if repeated is not None:
        return Response(
            {
                "error": _("Some parameters are not valid."),
                "fields": {repeated: [str(REPEATED_PARAMETER)]},
            },
            status=400,
        )
    return None


def unknown_parameter_response(name: str, known: tuple[str, ...]) -> Response:
    """400 as every list of the API answers a parameter it does not take."""
    message = unknown_parameter_message(known)
    return Response(
        {"error": _("Some parameters are not valid."), "fields": {name: [message]}},
        status=400,
    )


@api_view(["GET", "HEAD"])
@authentication_classes([])
@permission_classes([AllowAny])
@renderer_classes([JSONRenderer])
def search_api(request: HttpRequest) -> HttpResponse:
    """`/api/search/?q=…&kind=…&unit=…&year=…&locale=…&page=…`."""
    problem = input_problem(request.GET, SEARCH_PARAMETERS)
    if problem is not None:
        return problem
    try:
        params = parse_params(facet_codes_as_labels(unit_ids_as_names(request.GET)))
    except SearchInputError as error:
        return Response({"error": error.message}, status=400)
    result = service.search(params)
    kinds = registry.kinds()
    language = params.locale or (get_language() or "id")[:2]
    with translation.override(language):
        promoted = [
            {**bet.as_json(), "url": request.build_absolute_uri(bet.url)}
            for bet in first_look(params, result, language)
        ]

    def kind_label(kind: str, language: str | None) -> str:
        with translation.override(language):
            return str(kinds.get(kind, kind))

    details = registry.api_url_names()

    def hit_api_url(hit: Hit) -> str | None:
        name = details.get(hit.kind)
        if name is None or hit.page_id is None:
            return None
        return api_url(request, name, id=hit.page_id)

    return Response(
        {
            "total": result.total,
            "page": result.page,
            "promoted": promoted,
            "results": [
                {
                    **hit.as_json(),
                    "url": request.build_absolute_uri(hit.url),
                    "kind_label": kind_label(hit.kind, hit.locale),
                    "id": hit.page_id,
                    "api_url": hit_api_url(hit),
                }
                for hit in result.hits
            ],
            "facets": {
                name: [
                    {
                        "value": f.value,
                        "value_label": kind_label(f.value, language)
                        if name == "kind"
                        else f.value,
                        "count": f.count,
                    }
                    for f in result.facets.get(name, [])
                ]
                for name in API_FACETS
            },
            "engine": result.engine,
        }
    )


@api_view(["GET", "HEAD"])
@authentication_classes([])
@permission_classes([AllowAny])
@renderer_classes([JSONRenderer])
def suggest_api(request: HttpRequest) -> HttpResponse:
    """`/api/search/suggest/?q=…` -> `{"suggestions": [{"text", "url"}]}`."""
    problem = input_problem(request.GET, SUGGEST_PARAMETERS)
    if problem is not None:
        return problem
    raw = request.GET.get("q", "")
    if len(raw) > MAX_QUERY_LENGTH:
        return Response(
            {
                "error": _("Your search is too long: use at most %(max)d characters.")
                % {"max": MAX_QUERY_LENGTH}
            },
            status=400,
        )
    text = clean_text(raw)
    locale = request.GET.get("locale") or None
    if locale is not None and locale not in {"id", "en"}:
        return Response({"error": _("Unknown language: use 'id' or 'en'.")}, status=400)
    if len(text) < 2 or not any(ch.isalpha() for ch in text):
        return Response({"suggestions": []})
    suggestions, _engine = service.suggest(text, locale)
    return Response(
        {
            "suggestions": [
                {"text": s.text, "url": request.build_absolute_uri(s.url)}
                for s in suggestions
            ]
        }
    )
