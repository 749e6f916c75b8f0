"""Forms: the entry's admin form, the showcase filters, stage moves and scores."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.models import UnitPage
from cms.core.page_forms import UnitPageForm
from cms.core.public_text import PublicForm
from cms.core.queries import first_row, is_integer
from cms.core.translation import in_locale_or_untranslated
from cms.core.visibility import LINK_FIELDS, public_pages

from . import kipp

SUBMITTING_ACTIONS = ("action-submit", "action-publish", "action-restart-workflow")


class InnovationEntryForm(UnitPageForm):
    """Refuses submission, publication or approval of an incomplete entry.

    A draft may be saved incomplete; once the editor submits it (or a moderator
    approves or publishes it, or it is in moderation) every proposal section
    must be filled in and within its word limit. The error names the sections.
    """

    def is_submitting(self) -> bool:
        data = self.data
        if any(data.get(action) for action in SUBMITTING_ACTIONS):
            return True
        if data.get("action-workflow-action") and (
            data.get("workflow-action-name") == "approve"
        ):
            return True
        instance = self.instance
        return bool(instance.pk and instance.workflow_in_progress)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bound_competition_year()

    def bound_competition_year(self) -> None:
        """The year field's own lower bound was 0 (a positive integer): `-5`
        was told "at least 0" while 2014 is the first KIPP round."""
        field = self.fields.get("competition_year")
        if field is None:
            return
        field.min_value = kipp.FIRST_YEAR
        field.validators = [
            v for v in field.validators if not isinstance(v, MinValueValidator)
        ] + [MinValueValidator(kipp.FIRST_YEAR)]
        field.widget.attrs.update(min=kipp.FIRST_YEAR, max=kipp.last_round_year())

    def clean(self):
        cleaned_data = super().clean()
        self.refuse_absurd_dates(cleaned_data)
        if self.is_submitting():
            problems = [
                problem
                for problem in kipp.completeness_problems(cleaned_data)
                if problem.section.key not in self.errors
            ]
            for problem in problems:
                if problem.section.key in self.fields:
                    self.add_error(problem.section.key, problem.message)
            if problems:
                self.add_error(None, kipp.problems_summary(problems))
            self.refuse_ineligible(cleaned_data)
        return cleaned_data

    def refuse_absurd_dates(self, cleaned_data) -> None:
        """A round more than a year ahead ("KIPP 2100" was published) and a
        start before 1945 or in the future ("since 1 January 0001") are
        refused even in a draft; a start in year 9999 ended in a server error
        on submission."""
        year = cleaned_data.get("competition_year")
        if year and year > kipp.last_round_year():
            self.add_error(
                "competition_year",
                _(
                    "KIPP rounds are announced at most a year ahead: give a year "
                    "up to %(year)s."
                )
                % {"year": kipp.last_round_year()},
            )
        start = cleaned_data.get("implementation_start")
        if start and start > timezone.localdate():
            self.add_error(
                "implementation_start",
                _("The innovation cannot have started in the future."),
            )
        elif start and start < kipp.EARLIEST_START:
            self.add_error(
                "implementation_start",
                _(
                    "Give the date the innovation started serving the public: "
                    "this one is before 1945."
                ),
            )

    def refuse_ineligible(self, cleaned_data) -> None:
        """Errors next to the start date and the goals that stop submission."""
        eligibility = kipp.eligibility_problems(
            cleaned_data.get("implementation_start"),
            len(cleaned_data.get("sdgs") or ()),
            timezone.localdate(),
        )
        for name, message in eligibility.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)


class StageSelect(forms.Select):
    """The stage select; the award kept in English on Indonesian pages
    (Outstanding Achievement) carries `lang="en"` for screen readers."""

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        language = kipp.stage_label_language(str(value))
        if language:
            option["attrs"]["lang"] = language
        return option


class ShowcaseFilterForm(PublicForm):
    """The showcase filters; every value is optional and kept in the URL.

    The choices come from the public entries and units, seen from `within`
    (the showcase page, see `cms.core.visibility`).
    """

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)
    stage = forms.ChoiceField(label=_("Stage"), required=False, widget=StageSelect)
    group = forms.ChoiceField(label=_("Group"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int)
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"), required=False, coerce=int
    )
    replicated = forms.BooleanField(
        label=_("Replicated by other units"), required=False
    )

    def __init__(self, *args, entries, locale=None, within=None, **kwargs):
        """`entries`: every innovation entry (`InnovationEntryPage.objects`),
        of which the public ones that reached the competition give the years."""
        super().__init__(*args, **kwargs)
        any_choice = [("", _("All"))]
        entries = public_pages(entries, within).exclude(stage=kipp.DRAFT)
        if locale is not None:
            entries = in_locale_or_untranslated(entries, locale)
        # One row per year, not per entry (the showcase has thousands).
        years = (
            entries.order_by("-competition_year")
            .values_list("competition_year", flat=True)
            .distinct()
        )
        self.fields["year"].choices = any_choice + [(y, str(y)) for y in years]
        stages = [c for c in kipp.stage_choices() if c[0] != kipp.DRAFT]
        self.fields["stage"].choices = any_choice + stages
        self.fields["group"].choices = any_choice + kipp.group_choices()
        units = (
            public_pages(UnitPage.objects.all(), within)
            .only(*LINK_FIELDS, "short_name", "path", "depth", "translation_key")
            .order_by()
        )
        if locale is not None:
            units = in_locale_or_untranslated(units, locale)
        # In the order of the names shown ("DJPK, KBRI …, Kemlu, MKAA"), not of
        # the full titles, which put "MKAA" first in English.
        named = sorted(
            ((unit.pk, unit.short_name or unit.title) for unit in units),
            key=lambda choice: choice[1].casefold(),
        )
        self.fields["unit"].choices = any_choice + named
        self.fields["sdg"].choices = any_choice + kipp.sdg_choices()
        self.units = {unit.pk: unit for unit in units}
        self.carry_unit_across_languages()

    def carry_unit_across_languages(self) -> None:
        """A unit chosen in the other language (`?unit=` is a page id, and the
        language switch keeps it) is the same unit here: the filter was
        dropped, and every entry shown under "All"."""
        value = str(self.data.get("unit", "")) if self.is_bound else ""
        if not is_integer(value) or int(value) in self.units:
            return
        key = first_row(
            UnitPage.objects.filter(pk=int(value)).values_list(
                "translation_key", flat=True
            )
        )
        same = [pk for pk, unit in self.units.items() if unit.translation_key == key]
        if key is not None and same:
            self.data = self.data.copy()
            self.data["unit"] = str(same[0])

    def filter(self, entries):
        """Apply the valid filters to `entries`; invalid values are ignored."""
        if not self.is_bound:
            return entries
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("year"):
            entries = entries.filter(competition_year=data["year"])
        if data.get("stage"):
            entries = entries.filter(stage=data["stage"])
        if data.get("group"):
            entries = entries.filter(group=data["group"])
        if data.get("unit") and data["unit"] in self.units:
            # By the unit's translation key: an entry published in Indonesian
            # only, listed on the English showcase, is under the Indonesian unit.
            key = self.units[data["unit"]].translation_key
            entries = entries.filter(unit__translation_key=key)
        if data.get("sdg"):
            entries = entries.filter(sdgs__number=data["sdg"])
        if data.get("replicated"):
            entries = entries.filter(replicated=True)
        return entries


class StageMoveForm(forms.Form):
    """The committee's move of one entry to another stage."""

    to_stage = forms.ChoiceField(label=_("New stage"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: why the stage changes."),
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(kipp.stage_choices())
        self.fields["to_stage"].choices = [(key, labels[key]) for key in allowed]


class ScoreSheetForm(forms.Form):
    """A panel member's scores, 0–100 for each weighted proposal section."""

    def __init__(self, *args, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_scores = initial_scores or {}
        for section in kipp.criteria():
            self.fields[section.key] = forms.IntegerField(
                label=section.label,
                min_value=0,
                max_value=100,
                initial=initial_scores.get(section.key),
                help_text=_("Weight %(weight)s%%; score 0 to 100.")
                % {"weight": section.weight},
            )
