"""The competition's admin screens, one `CompetitionViewSet` under
/admin/innovation/: the entries of a year (Wagtail's generic listing with its
filters and `list_export`), an entry with its stage moves and scores, the
ranking and its exports (Wagtail's spreadsheet export).

Every screen asks `CompetitionPermissionPolicy` (see `competition`): the
committee and the panel within their roles, superusers for everything; units'
editors and moderators get 403 (the public the admin login), a draft is not
found (404).
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import django_filters
from django.contrib import messages
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import floatformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from cms.core import converters  # noqa: F401 (registers <id:...>)
from cms.core.spreadsheets import SafeSpreadsheetExportMixin

from . import kipp, scoring
from .competition import (
    MOVE_STAGE,
    SCORE,
    VIEW,
    VIEW_RANKING,
    VIEW_SCORES,
    CompetitionPermissionPolicy,
    competition_entries,
)
from .forms import ScoreSheetForm, StageMoveForm
from .models import FIRST_YEAR, LAST_YEAR, InnovationEntryPage, ScoreSheet
from .stages import StageError, allowed_moves, move_stage

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def requested_year(request: HttpRequest) -> int:
    """The requested competition year, else the latest year with entries."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        latest = competition_entries().aggregate(year=Max("competition_year"))
        return latest["year"] or 0
    return year


def competition_years() -> list[int]:
    """The years with submitted entries, latest first."""
    years = competition_entries().values_list("competition_year", flat=True)
    return sorted(set(years), reverse=True)


#: The headings of the exported columns, in the entries' and the ranking's exports.
EXPORT_HEADINGS = {
    "title": gettext_lazy("Entry"),
    "unit_name": gettext_lazy("Unit"),
    "get_group_display": gettext_lazy("Group"),
    "get_stage_display": gettext_lazy("Stage"),
    "members": gettext_lazy("Panel members"),
    "mean_score": gettext_lazy("Mean score"),
}


def year_choices() -> list[tuple[int, str]]:
    return [(year, str(year)) for year in competition_years()]


class EntryFilterSet(WagtailFilterSet):
    """The year, and the group and stage of `list_filter`. The screens show
    the source-language entries only, so no locale filter."""

    year = django_filters.ChoiceFilter(
        label=gettext_lazy("Competition year"),
        field_name="competition_year",
        choices=year_choices,
        empty_label=None,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters.pop("locale", None)


def score_cell(score: float | Decimal | None) -> Decimal | str:
    """A mean score as the ranking page prints it (`floatformat:2`, half up):
    Python's `round` gave 85.12 for 85.125 where the page showed 85.13."""
    if score is None:
        return ""
    return Decimal(str(score)).quantize(Decimal("0.01"), ROUND_HALF_UP)


#: Mean scores in the exports, as the pages print them.
SCORE_PREPROCESS = {
    "mean_score": {
        SpreadsheetExportMixin.FORMAT_CSV: score_cell,
        SpreadsheetExportMixin.FORMAT_XLSX: score_cell,
    }
}


class CompetitionMenuItem(MenuItem):
    """Shown to whoever may open the competition's screens."""

    permission_policy = CompetitionPermissionPolicy()

    def is_shown(self, request: HttpRequest) -> bool:
        return self.permission_policy.user_has_permission(request.user, VIEW)


class EntryIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """All submitted entries of a year across units, for committee and panel;
    the panel and the committee see the scores, the panel whether they scored."""

    model = InnovationEntryPage
    any_permission_required = [VIEW]
    i18n_enabled = False
    base_filterset_class = EntryFilterSet
    list_filter = ["group", "stage"]
    # The title, by the database: the search index knows nothing of the scores.
    search_fields = ["title"]
    search_backend_name = None
    page_title = gettext_lazy("KIPP competition")
    header_icon = "tasks"
    paginate_by = 100
    entry_url_name = None
    ranking_url_name = None

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.year = requested_year(request)

    def user_may(self, action: str) -> bool:
        return self.permission_policy.user_has_permission(self.request.user, action)

    def get_page_subtitle(self) -> str:
        return _("Submitted entries of %(year)s across units") % {"year": self.year}

    def get_filterset_kwargs(self) -> dict[str, Any]:
        """The latest year with entries when none (or a bad one) is asked for."""
        kwargs = super().get_filterset_kwargs()
        data = kwargs["data"].copy()
        data["year"] = str(self.year)
        kwargs["data"] = data
        return kwargs

    def get_base_queryset(self) -> QuerySet[InnovationEntryPage]:
        if self.user_may(VIEW_SCORES):
            entries = scoring.ranking(self.year)
        else:
            entries = competition_entries().filter(competition_year=self.year)
        if self.user_may(SCORE):
            entries = entries.annotate(
                scored_by_me=Exists(
                    ScoreSheet.objects.filter(
                        entry=OuterRef("pk"), member=self.request.user
                    )
                )
            )
        return entries.select_related("unit")

    @cached_property
    def default_ordering(self) -> tuple[str, ...]:
        if self.user_may(VIEW_SCORES):
            return ("-stage_rank", "title")
        return ("title",)

    @cached_property
    def columns(self) -> list[Column]:
        columns = [
            TitleColumn(
                "title",
                label=_("Entry"),
                sort_key="title",
                get_url=lambda entry: reverse(self.entry_url_name, args=[entry.pk]),
            ),
            Column("unit", label=_("Unit"), accessor=unit_name),
            Column("group", label=_("Group"), accessor="get_group_display"),
            Column("stage", label=_("Stage"), accessor="get_stage_display"),
        ]
        if self.user_may(VIEW_SCORES):
            columns += [
                Column("members", label=_("Panel members")),
                Column("mean_score", label=_("Mean score"), accessor=mean_score),
            ]
        if self.user_may(SCORE):
            columns.append(
                Column("scored_by_me", label=_("Your scores"), accessor=scored_label)
            )
        return columns

    @cached_property
    def list_export(self) -> list[str]:
        fields = ["title", "unit_name", "get_group_display", "get_stage_display"]
        if self.user_may(VIEW_SCORES):
            fields += ["members", "mean_score"]
        return fields

    export_headings = EXPORT_HEADINGS
    custom_field_preprocess = SCORE_PREPROCESS

    def get_filename(self) -> str:
        return f"kipp-{self.year}-entries"

    def as_spreadsheet(self, queryset, spreadsheet_format: str) -> HttpResponse:
        entries = list(queryset)
        for entry in entries:
            entry.unit_name = unit_name(entry)
        return super().as_spreadsheet(entries, spreadsheet_format)

    @cached_property
    def header_buttons(self) -> list[HeaderButton]:
        buttons = list(super().header_buttons)
        if self.user_may(VIEW_RANKING):
            buttons.append(
                HeaderButton(
                    _("Ranking"),
                    url=f"{reverse(self.ranking_url_name)}?year={self.year}",
                    icon_name="list-ol",
                )
            )
        return buttons


def unit_name(entry: InnovationEntryPage) -> str:
    """The entry's unit by its short name, as the listings print it."""
    return (entry.unit.short_name or entry.unit.title) if entry.unit else ""


def mean_score(entry: InnovationEntryPage) -> str:
    score = getattr(entry, "mean_score", None)
    return "–" if score is None else floatformat(score, 2)


def scored_label(entry: InnovationEntryPage) -> str:
    return _("Scored") if entry.scored_by_me else _("Not scored yet")


class EntryMixin(PermissionCheckedMixin):
    """One entry of the competition, for a user the policy lets act on it."""

    permission_policy = None
    entry_url_name = None

    def get_entry(self, pk: int) -> InnovationEntryPage:
        """The source-language entry; a draft (or an entry out of the user's
        reach) is not found."""
        entry = get_object_or_404(InnovationEntryPage, pk=pk)
        if not self.user_has_permission_for_instance(self.permission_required, entry):
            raise Http404
        return entry.source_entry()

    def entry_context(self, entry: InnovationEntryPage, **kwargs: Any) -> dict:
        user = self.request.user
        context = {
            "entry": entry,
            "unit": entry.unit,
            "history": entry.stage_history(),
            "can_move": self.user_has_permission_for_instance(MOVE_STAGE, entry),
            "can_score": self.user_has_permission_for_instance(SCORE, entry),
            "can_view_scores": self.user_has_permission_for_instance(
                VIEW_SCORES, entry
            ),
        }
        if context["can_move"]:
            context["stage_form"] = StageMoveForm(allowed=allowed_moves(entry.stage))
        if context["can_score"]:
            mine = entry.score_sheets.filter(member=user).first()
            initial = {}
            if mine:
                initial = dict(mine.scores.values_list("criterion", "value"))
            context["score_form"] = ScoreSheetForm(initial_scores=initial)
        if context["can_view_scores"]:
            context.update(score_context(entry))
        context.update(kwargs)
        return context

    def redirect_to_entry(self, entry: InnovationEntryPage) -> HttpResponse:
        return redirect(self.entry_url_name, pk=entry.pk)


class EntryDetailView(EntryMixin, TemplateView):
    """One entry: its proposal, history, stage move (committee) and scores."""

    permission_required = VIEW
    template_name = "innovation/admin/entry_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = self.get_entry(pk)
        return self.render_to_response(self.entry_context(entry))


def score_context(entry: InnovationEntryPage) -> dict:
    """The panel's score sheets of `entry`, their totals and the mean."""
    sheets = list(scoring.sheets_with_totals(entry).prefetch_related("scores"))
    criteria = kipp.criteria()
    rows = []
    for sheet in sheets:
        values = {score.criterion: score.value for score in sheet.scores.all()}
        rows.append(
            {
                "member": sheet.member,
                "values": [values.get(c.key) for c in criteria],
                "total": sheet.total,
            }
        )
    ranked = scoring.ranking(entry.competition_year).filter(pk=entry.pk).first()
    return {
        "criteria": criteria,
        "sheet_rows": rows,
        "mean_score": ranked.mean_score if ranked else None,
    }


class EntryMoveStageView(EntryMixin, View):
    """Move an entry to its next stage (or not selected): committee only."""

    permission_required = MOVE_STAGE
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = self.get_entry(pk)
        form = StageMoveForm(request.POST, allowed=allowed_moves(entry.stage))
        if not form.is_valid():
            messages.error(request, _("That stage change is not allowed."))
            return self.redirect_to_entry(entry)
        to_stage = form.cleaned_data["to_stage"]
        try:
            move_stage(entry, to_stage, request.user, form.cleaned_data["note"])
        except StageError:
            messages.error(request, _("That stage change is not allowed."))
        else:
            messages.success(
                request,
                _("'%(title)s' moved to %(stage)s.")
                % {"title": entry.title, "stage": dict(kipp.stage_choices())[to_stage]},
            )
        return self.redirect_to_entry(entry)


class EntryScoreView(EntryMixin, TemplateView):
    """Save the panel member's scores of an entry."""

    permission_required = SCORE
    http_method_names = ["post"]
    template_name = "innovation/admin/entry_detail.html"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = self.get_entry(pk)
        form = ScoreSheetForm(request.POST)
        if form.is_valid():
            scoring.save_scores(entry, request.user, form.cleaned_data)
            messages.success(request, _("Your scores were saved."))
            return self.redirect_to_entry(entry)
        messages.error(
            request, _("The scores could not be saved; see the errors below.")
        )
        context = self.entry_context(entry, score_form=form)
        return self.render_to_response(context, status=400)


def ranking_rows(year: int) -> list[InnovationEntryPage]:
    return list(scoring.ranking(year).select_related("unit"))


class RankingView(PermissionCheckedMixin, View):
    """The committee's ranking of a year's entries by mean panel score."""

    permission_policy = None
    permission_required = VIEW_RANKING

    def get(self, request: HttpRequest) -> HttpResponse:
        year = requested_year(request)
        return TemplateResponse(
            request,
            "innovation/admin/ranking.html",
            {
                "entries": ranking_rows(year),
                "year": year,
                "years": competition_years(),
            },
        )


class RankingExportView(
    PermissionCheckedMixin, SafeSpreadsheetExportMixin, SpreadsheetExportMixin, View
):
    """The committee's ranking of a year as a spreadsheet, written by Wagtail's
    spreadsheet export (`list_export`), formulas neutralised, the mean score
    rounded as the ranking page shows it. `export_format` is set per URL."""

    permission_policy = None
    permission_required = VIEW_RANKING
    export_format = SpreadsheetExportMixin.FORMAT_CSV
    list_export = [
        "rank",
        "title",
        "unit_name",
        "get_group_display",
        "get_stage_display",
        "members",
        "mean_score",
    ]
    export_headings = {"rank": gettext_lazy("Rank"), **EXPORT_HEADINGS}
    custom_field_preprocess = SCORE_PREPROCESS

    def get(self, request: HttpRequest) -> HttpResponse:
        self.year = requested_year(request)
        return self.as_spreadsheet(ranked_entries(self.year), self.export_format)

    def get_filename(self) -> str:
        return f"kipp-{self.year}-ranking"

    def write_csv_response(self, queryset) -> HttpResponse:
        """Wagtail's rows in one body (a year has a few hundred entries at most),
        with its charset, rather than streamed."""
        response = HttpResponse(
            b"".join(self.stream_csv(queryset)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_filename()}.csv"'
        )
        return response

    def write_xlsx_response(self, queryset) -> HttpResponse:
        """Wagtail's workbook in one body rather than streamed."""
        output = io.BytesIO()
        self.write_xlsx(queryset, output)
        response = HttpResponse(output.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_filename()}.xlsx"'
        )
        return response


def ranked_entries(year: int) -> list[InnovationEntryPage]:
    """The ranking of `year` with each entry's `rank` and `unit_name`."""
    entries = ranking_rows(year)
    for position, entry in enumerate(entries, start=1):
        entry.rank = position
        entry.unit_name = unit_name(entry)
    return entries


class CompetitionViewSet(ViewSet):
    """The competition's screens under /admin/innovation/, each asking one
    `CompetitionPermissionPolicy` (not registered for the page type, whose
    page permissions stay Wagtail's)."""

    name = "innovation_admin"
    url_prefix = "innovation"
    icon = "tasks"
    menu_label = gettext_lazy("KIPP competition")
    menu_order = 450
    add_to_admin_menu = True
    menu_item_class = CompetitionMenuItem
    permission_policy = CompetitionPermissionPolicy()

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_common_view_kwargs(
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("entries"),
            index_results_url_name=self.get_url_name("entries_results"),
            entry_url_name=self.get_url_name("entry"),
            ranking_url_name=self.get_url_name("ranking"),
            **kwargs,
        )

    def get_urlpatterns(self) -> list:
        index = self.construct_view(EntryIndexView)
        results = self.construct_view(EntryIndexView, results_only=True)
        export = SpreadsheetExportMixin
        return [
            path("", index, name="entries"),
            path("results/", results, name="entries_results"),
            path(
                "entries/<id:pk>/",
                self.construct_view(EntryDetailView),
                name="entry",
            ),
            path(
                "entries/<id:pk>/stage/",
                self.construct_view(EntryMoveStageView),
                name="move_stage",
            ),
            path(
                "entries/<id:pk>/score/",
                self.construct_view(EntryScoreView),
                name="score",
            ),
            path("ranking/", self.construct_view(RankingView), name="ranking"),
            path(
                "ranking.csv",
                self.construct_view(RankingExportView, export_format=export.FORMAT_CSV),
                name="ranking_csv",
            ),
            path(
                "ranking.xlsx",
                self.construct_view(
                    RankingExportView, export_format=export.FORMAT_XLSX
                ),
                name="ranking_xlsx",
            ),
        ]
