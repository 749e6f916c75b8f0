"""The public history of a standard: its published versions, and what changed
between two of them (the `history/` and `compare/` sub-pages)."""

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.core.public_text import PublicForm
from cms.core.translation import default_language

from .diff import compare_components, fee_changed


class CompareForm(PublicForm):
    """Choose two published versions to compare (GET, works without JS)."""

    from_version = forms.TypedChoiceField(label=_("From version"), coerce=int)
    to_version = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (
                v.number,
                _("Version %(number)s (%(date)s)")
                % {
                    "number": v.number,
                    "date": date_format(localtime(v.published_at), "DATE_FORMAT"),
                },
            )
            for v in versions
        ]
        for name in ("from_version", "to_version"):
            self.fields[name].choices = choices
        if len(versions) >= 2:
            self.fields["from_version"].initial = versions[1].number
            self.fields["to_version"].initial = versions[0].number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from_version") is not None and cleaned.get(
            "from_version"
        ) == cleaned.get("to_version"):
            raise forms.ValidationError(_("Choose two different versions."))
        return cleaned


def history_context(page: Page) -> dict[str, Any]:
    """Every published version of `page`, newest first, with its fee change
    and the names of the components it changed (a time that went from 3 to 5
    working days showed no sign beside a fee change)."""
    versions = list(page.versions.order_by("-number"))
    rows = []
    for index, version in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        changes = compare_components(previous.data, version.data) if previous else []
        rows.append(
            {
                "version": version,
                "previous": previous,
                "fee_changed": bool(previous)
                and fee_changed(previous.data, version.data),
                "changed_labels": [c.label for c in changes if c.has_changes],
            }
        )
    return {"rows": rows, "compare_form": CompareForm(versions=versions)}


def compare_context(page: Page, params: QueryDict) -> tuple[dict[str, Any], int]:
    """The changes between the versions chosen in `params` (by default the last
    two), and the response status: 400 when the choice is invalid."""
    versions = list(page.versions.order_by("-number"))
    by_number = {v.number: v for v in versions}
    status = 200
    before = after = None
    if "from" in params or "to" in params:
        form = CompareForm(
            {"from_version": params.get("from"), "to_version": params.get("to")},
            versions=versions,
        )
        if form.is_valid():
            before = by_number[form.cleaned_data["from_version"]]
            after = by_number[form.cleaned_data["to_version"]]
        else:
            status = 400
    else:
        form = CompareForm(versions=versions)
        if len(versions) >= 2:
            before, after = versions[1], versions[0]
    changes = compare_components(before.data, after.data) if before and after else []
    context = {
        "compare_form": form,
        "before": before,
        "after": after,
        "changes": changes,
        "changed": [c for c in changes if c.has_changes],
        "fee_change": next((c for c in changes if c.is_fee and c.has_changes), None),
        "meta_changes": meta_changes(before, after) if before and after else [],
        "version_count": len(versions),
    }
    return context, status


def meta_changes(before, after) -> list[tuple[str, str, str, str]]:
    """(label, old, new, lang) of the decree fields and title that changed;
    `lang` is the language of a decree number, kept only in the default
    language, when the page is read in another ("" otherwise)."""
    source = default_language()
    decree_lang = "" if get_language() == source else source
    rows = []
    for field, label in (
        ("title", _("Service name")),
        ("decree_number", _("Decree number")),
        ("decree_date", _("Decree date")),
        ("effective_date", _("Effective date")),
    ):
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            lang = decree_lang if field == "decree_number" else ""
            rows.append((label, old or "—", new or "—", lang))
    return rows
