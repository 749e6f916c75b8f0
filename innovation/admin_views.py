"""The competition's admin views: entries of a year, stage moves, scores, ranking
and its exports (Wagtail's spreadsheet export).

Open to the committee and the panel only (see `permissions`); units' editors
and moderators, and the public, get 403 (or the admin login).
"""

import io
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from cms.core.spreadsheets import SafeSpreadsheetExportMixin

from . import kipp, permissions, scoring
from .forms import ScoreSheetForm, StageMoveForm
from .models import FIRST_YEAR, LAST_YEAR, InnovationEntryPage
from .stages import StageError, allowed_moves, move_stage

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _source_entries():
    return InnovationEntryPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).exclude(stage=kipp.DRAFT)


def _year(request) -> int:
    """The requested competition year, else the latest year with entries."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        latest = _source_entries().aggregate(year=Max("competition_year"))["year"]
        return latest or 0
    return year


def _years() -> list[int]:
    years = _source_entries().values_list("competition_year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def _get_entry(pk: int) -> InnovationEntryPage:
    entry = get_object_or_404(InnovationEntryPage, pk=pk)
    if entry.stage == kipp.DRAFT:
        # Drafts are the unit's business, not the competition's.
        raise Http404
    return entry.source_entry()


def entry_list(request):
    """All submitted entries of a year across units, for committee and panel."""
    user = request.user
    if not permissions.can_open_competition(user):
        raise PermissionDenied
    year = _year(request)
    if permissions.can_view_scores(user):
        entries = scoring.ranking(year).order_by("-stage_rank", "title")
    else:
        entries = _source_entries().filter(competition_year=year).order_by("title")
    entries = list(entries.select_related("unit"))
    scored = set()
    if permissions.can_score(user):
        scored = set(
            user.kipp_score_sheets.filter(entry__in=entries).values_list(
                "entry_id", flat=True
            )
        )
    for entry in entries:
        entry.scored_by_me = entry.pk in scored
    return TemplateResponse(
        request,
        "innovation/admin/entry_list.html",
        {
            "entries": entries,
            "year": year,
            "years": _years(),
            "can_view_scores": permissions.can_view_scores(user),
            "can_view_ranking": permissions.can_view_ranking(user),
            "can_score": permissions.can_score(user),
        },
    )


def entry_detail(request, pk: int):
    """One entry: its proposal, history, stage move (committee) and scores."""
    user = request.user
    if not permissions.can_open_competition(user):
        raise PermissionDenied
    entry = _get_entry(pk)
    context = {
        "entry": entry,
        "unit": entry.unit,
        "history": entry.stage_history(),
        "can_move": permissions.can_move_stages(user),
        "can_score": permissions.can_score(user),
        "can_view_scores": permissions.can_view_scores(user),
    }
    if context["can_move"]:
        context["stage_form"] = StageMoveForm(allowed=allowed_moves(entry.stage))
    if context["can_score"]:
        mine = entry.score_sheets.filter(member=user).first()
        initial = dict(mine.scores.values_list("criterion", "value")) if mine else {}
        context["score_form"] = ScoreSheetForm(initial_scores=initial)
    if context["can_view_scores"]:
        context.update(_score_context(entry))
    return TemplateResponse(request, "innovation/admin/entry_detail.html", context)


def _score_context(entry: InnovationEntryPage) -> dict:
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


@require_POST
def entry_move_stage(request, pk: int):
    """Move an entry to its next stage (or not selected): committee only."""
    if not permissions.can_move_stages(request.user):
        raise PermissionDenied
    entry = _get_entry(pk)
    form = StageMoveForm(request.POST, allowed=allowed_moves(entry.stage))
    if form.is_valid():
        try:
            move_stage(
                entry,
                form.cleaned_data["to_stage"],
                request.user,
                form.cleaned_data["note"],
            )
        except StageError:
            messages.error(request, _("That stage change is not allowed."))
        else:
            messages.success(
                request,
                _("'%(title)s' moved to %(stage)s.")
                % {
                    "title": entry.title,
                    "stage": dict(kipp.stage_choices())[form.cleaned_data["to_stage"]],
                },
            )
    else:
        messages.error(request, _("That stage change is not allowed."))
    return redirect("innovation_admin:entry", pk=entry.pk)


@require_POST
def entry_score(request, pk: int):
    """Save the panel member's scores of an entry."""
    if not permissions.can_score(request.user):
        raise PermissionDenied
    entry = _get_entry(pk)
    form = ScoreSheetForm(request.POST)
    if form.is_valid():
        scoring.save_scores(entry, request.user, form.cleaned_data)
        messages.success(request, _("Your scores were saved."))
        return redirect("innovation_admin:entry", pk=entry.pk)
    messages.error(request, _("The scores could not be saved; see the errors below."))
    context = {
        "entry": entry,
        "unit": entry.unit,
        "history": entry.stage_history(),
        "can_move": permissions.can_move_stages(request.user),
        "can_score": True,
        "can_view_scores": permissions.can_view_scores(request.user),
        "score_form": form,
    }
    if context["can_move"]:
        context["stage_form"] = StageMoveForm(allowed=allowed_moves(entry.stage))
    if context["can_view_scores"]:
        context.update(_score_context(entry))
    return TemplateResponse(
        request, "innovation/admin/entry_detail.html", context, status=400
    )


def _ranking_rows(year: int) -> list[InnovationEntryPage]:
    return list(scoring.ranking(year).select_related("unit"))


def _check_ranking(request) -> None:
    if not permissions.can_view_ranking(request.user):
        raise PermissionDenied


def ranking(request):
    """The committee's ranking of a year's entries by mean panel score."""
    _check_ranking(request)
    year = _year(request)
    return TemplateResponse(
        request,
        "innovation/admin/ranking.html",
        {"entries": _ranking_rows(year), "year": year, "years": _years()},
    )


def score_cell(score: float | Decimal | None) -> Decimal | str:
    """A mean score as the ranking page prints it (`floatformat:2`, half up):
    Python's `round` gave 85.12 for 85.125 where the page showed 85.13."""
    if score is None:
        return ""
    return Decimal(str(score)).quantize(Decimal("0.01"), ROUND_HALF_UP)


class RankingExportView(SafeSpreadsheetExportMixin, SpreadsheetExportMixin, View):
    """The committee's ranking of a year as a spreadsheet, written by Wagtail's
    spreadsheet export (`list_export`), formulas neutralised, the mean score
    rounded as the ranking page shows it. `export_format` is set per URL."""

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
    export_headings = {
        "rank": gettext_lazy("Rank"),
        "title": gettext_lazy("Entry"),
        "unit_name": gettext_lazy("Unit"),
        "get_group_display": gettext_lazy("Group"),
        "get_stage_display": gettext_lazy("Stage"),
        "members": gettext_lazy("Panel members"),
        "mean_score": gettext_lazy("Mean score"),
    }
    custom_field_preprocess = {
        "mean_score": {
            SpreadsheetExportMixin.FORMAT_CSV: score_cell,
            SpreadsheetExportMixin.FORMAT_XLSX: score_cell,
        }
    }

    def get(self, request: HttpRequest) -> HttpResponse:
        _check_ranking(request)
        self.year = _year(request)
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
    entries = _ranking_rows(year)
    for position, entry in enumerate(entries, start=1):
        entry.rank = position
        entry.unit_name = (
            (entry.unit.short_name or entry.unit.title) if entry.unit else ""
        )
    return entries


ranking_csv = RankingExportView.as_view(export_format=SpreadsheetExportMixin.FORMAT_CSV)
ranking_xlsx = RankingExportView.as_view(
    export_format=SpreadsheetExportMixin.FORMAT_XLSX
)
