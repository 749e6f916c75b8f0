"""The one submissions screen of a consultation, with its CSV and XLSX export:
Wagtail's form-builder `SubmissionsListView`.

It lists the responses of the default-language consultation (where answers
in every language are stored), with the response's own columns before the
questions; the respondent's name and e-mail address only for a user holding
the personal-data permission, on screen and in the export. The unit's editors
read the written answers on screen (they act on them); a file that leaves the
admin holds them, and the moment of each answer to the second, only for that
permission, as the satisfaction survey's export withholds its suggestions
(UU 27/2022: an answer may hold a telephone number, and the minute of an answer
can point at one person). Exports quote
formula text (`cms.core.spreadsheets`). Served by Wagtail's `?export=` the
columns are headed with their labels, as Wagtail does; by the consultation's
`responses.<fmt>` route (its header buttons, stable for scripts) with their
field names, as that export always did.

Kept apart from `admin_views` because the page type names this view
(`ConsultationPage.get_submissions_list_view_class`): this module imports no
page type.
"""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.forms.views import SubmissionsListView

from cms.core.local_time import local_date, local_second
from cms.core.spreadsheets import SafeSpreadsheetExportMixin

from .fkp import participants
from .forms import CHOICE_TYPES
from .records import (
    PERSONAL_DATA_FIELDS,
    PERSONAL_DATA_PERMISSION,
    ConsultationAnswer,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def without_positions(values: list, positions: set[int]) -> list:
    """`values` without the items at `positions`."""
    return [value for index, value in enumerate(values) if index not in positions]


def readable(name: str, value: Any) -> Any:
    """A response's own column as people read it: "Ya"/"Tidak" for counted,
    the respondent category's label for its key ("True", "pengguna" read as
    codes on the screen and in the labelled export)."""
    if name == "counted":
        return _("Yes") if value else _("No")
    if name == "respondent_category":
        labels = {p.key: p.label for p in participants()}
        return labels.get(value, value)
    return value


class ConsultationSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's submissions list of a consultation (`/admin/forms/submissions/
    <id>/`), also serving the `responses.<fmt>` export route (`fmt`)."""

    # When each response arrived, as ISO 8601 text to the second in the
    # admin's time zone with its offset ("2026-12-06T02:50:40+07:00"), in
    # both formats: it was UTC with microseconds, and a spreadsheet's date
    # cell cannot say its zone.
    custom_field_preprocess = {
        "submit_time": {
            SubmissionsListView.FORMAT_CSV: local_second,
            SubmissionsListView.FORMAT_XLSX: local_second,
        }
    }

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.headings_are_names = "fmt" in kwargs
        self.export_format = kwargs.get("fmt") or request.GET.get("export")
        self.is_export = self.export_format in self.FORMATS
        self.shows_personal_data = request.user.has_perm(PERSONAL_DATA_PERMISSION)
        if self.is_export and not self.shows_personal_data:
            self.custom_field_preprocess = {
                "submit_time": dict.fromkeys(self.FORMATS, local_date)
            }

    @cached_property
    def results_template_name(self) -> str:
        """Wagtail's list, with its boxes to select and delete responses, for
        those who may delete them (the unit's moderators); the same list
        without them for the others, who would be refused."""
        if self.form_page.permissions_for_user(self.request.user).can_publish():
            return SubmissionsListView.results_template_name
        return "consultation/admin/list_responses_read_only.html"

    def hidden_fields(self) -> tuple[str, ...]:
        """The columns this user may not see on screen."""
        return () if self.shows_personal_data else PERSONAL_DATA_FIELDS

    def withheld_from_export(self) -> tuple[str, ...]:
        """The columns this user may not export: the personal ones and the
        answers written in the respondent's own words (every question that is
        not a choice)."""
        if self.shows_personal_data:
            return ()
        written = tuple(
            field.clean_name
            for field in self.form_page.source.get_form_fields()
            if field.field_type not in CHOICE_TYPES
        )
        return PERSONAL_DATA_FIELDS + written

    def get_base_queryset(self):
        return self.form_page.source.get_submissions()

    def get_filename(self) -> str:
        return f"fkp-{slugify(self.form_page.title)}-{self.form_page.pk}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        hidden = {
            index
            for index, (name, _label) in enumerate(self.form_page.get_data_fields())
            if name in self.hidden_fields()
        }
        names = [name for name, _label in self.form_page.get_data_fields()]
        context["data_headings"] = without_positions(context["data_headings"], hidden)
        for row in context["data_rows"]:
            fields = [
                readable(n, v) for n, v in zip(names, row["fields"], strict=False)
            ]
            row["fields"] = without_positions(fields, hidden)
        return context

    def preprocess_field_value(self, field: str, value: Any, export_format: str):
        """Labels in the labelled export (`?export=`); the `responses.<fmt>`
        route keeps its codes for scripts."""
        if not self.headings_are_names:
            value = readable(field, value)
        return super().preprocess_field_value(field, value, export_format)

    def as_spreadsheet(self, queryset, spreadsheet_format: str) -> HttpResponse:
        withheld = self.withheld_from_export()
        self.list_export = [name for name in self.list_export if name not in withheld]
        if not self.shows_personal_data:
            self.given_as_choice = set(
                ConsultationAnswer.objects.filter(submission__in=queryset)
                .values_list("submission_id", "field")
                .distinct()
            )
        if self.headings_are_names:
            self.export_headings = {name: name for name in self.list_export}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item) -> dict[str, Any]:
        """Without the permission, a question's column holds only answers
        given as a choice (`ConsultationAnswer` rows, written for the
        questions that were choices when the respondent answered): a written
        question turned into a choice afterwards exported the words written."""
        row = super().to_row_dict(item)
        if self.shows_personal_data:
            return row
        for name in self.question_names & row.keys():
            if (item.pk, name) not in self.given_as_choice:
                row[name] = ""
        return row

    @cached_property
    def question_names(self) -> frozenset[str]:
        return frozenset(f.clean_name for f in self.form_page.source.get_form_fields())

    def write_xlsx_response(self, queryset) -> HttpResponse:
        """The workbook as one response (Wagtail streams it from memory
        anyway), like every XLSX of the site."""
        output = io.BytesIO()
        self.write_xlsx(queryset, output)
        response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
        filename = f"{self.get_filename()}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any):
        if self.is_export:
            return self.as_spreadsheet(context["submissions"], self.export_format)
        return super().render_to_response(context, **response_kwargs)
