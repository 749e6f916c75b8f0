"""The public form of a satisfaction survey: the SKM questionnaire."""

import copy
import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from cms.core.public_text import LengthLimitMessage, PublicTextForm

from ..protection import HoneypotMixin
from . import skm
from .choices import AgeBand, Education, Occupation, Sex

SUGGESTION_MAX_LENGTH = 2000
INVALID_ANSWER = _("Choose one of the four answers.")
MISSING_ANSWER = _("Answer this question.")


class FixedChoiceField(forms.TypedChoiceField):
    """A choice field whose choices are fixed when its form class is built.

    Django deep-copies every field for each form instance, and a choice field
    copies and normalises its choices again (the widget's too): for the SKM
    questionnaire's fifteen choice questions that was a third of the time of
    an answer. The copies of this field share the choices, which nothing
    changes in place; assigning new choices to a copy still leaves the others.
    """

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.copy(self.widget)
        result.widget.attrs = self.widget.attrs.copy()
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


class IsoFirstDateFormats:
    """`%Y-%m-%d`, then the active language's DATE_INPUT_FORMATS (read per use,
    like Django's own `DateTimeFormatsIterator`)."""

    def __iter__(self):
        yield "%Y-%m-%d"
        yield from formats.get_format("DATE_INPUT_FORMATS")


class IsoDateField(forms.DateField):
    """A date field that tries first the ISO format a browser's date input
    sends, then the formats of the language (for a browser that shows a text
    box), instead of failing on each of those first."""

    input_formats = IsoFirstDateFormats()


def answer_field(element: skm.Element, question: str) -> forms.TypedChoiceField:
    """A required 1..4 radio question for one element."""
    return FixedChoiceField(
        label=question,
        choices=element.answer_choices(),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": MISSING_ANSWER, "invalid_choice": INVALID_ANSWER},
    )


def optional_choice(label, choices) -> forms.ChoiceField:
    return FixedChoiceField(
        label=label,
        required=False,
        choices=[("", _("Prefer not to say"))] + list(choices),
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )


class SatisfactionSurveyForm(PublicTextForm, HoneypotMixin, forms.Form):
    """The full SKM questionnaire (phone or computer).

    Its questions depend on the survey (its services and reworded questions):
    `survey_form_class` builds the class of one survey, which `answering` keeps
    in the process memo, and each request binds an instance of it.
    """

    def __init__(self, survey, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey

    def clean_service_date(self):
        value = self.cleaned_data["service_date"]
        today = self.survey.local_today()
        if value > today:
            raise forms.ValidationError(
                _("The date of service cannot be in the future.")
            )
        if value < today - datetime.timedelta(days=366):
            raise forms.ValidationError(
                _("Answer about a service you used in the last twelve months.")
            )
        return value

    @property
    def element_fields(self):
        return [self[e.field_name] for e in skm.elements()]

    @property
    def profile_fields(self):
        return [self[name] for name in ("age_band", "sex", "education", "occupation")]


def survey_form_class(survey) -> type[SatisfactionSurveyForm]:
    """The questionnaire of `survey`: its services and its questions in the
    active language, then the optional profile and the suggestion."""
    services = survey.covered_services()
    fields: dict[str, forms.Field] = {
        "service": FixedChoiceField(
            label=_("Which service did you use?"),
            choices=[("", _("Choose a service"))] + [(s.pk, s.title) for s in services],
            coerce=int,
            required=bool(services),
            error_messages={
                "required": _("Choose the service you used."),
                "invalid_choice": _("Choose one of the services in the list."),
            },
        ),
        "service_date": IsoDateField(
            label=_("Date of service"),
            help_text=_("The day you were served, within the last 12 months."),
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={
                "required": _("Enter the date you used the service."),
                "invalid": _("Enter a real date, for example 31/03/2026."),
            },
        ),
    }
    questions = survey.question_texts()
    for element in skm.elements():
        fields[element.field_name] = answer_field(element, questions[element.code])
    fields["age_band"] = optional_choice(_("Age"), AgeBand.choices)
    fields["sex"] = optional_choice(_("Sex"), Sex.choices)
    fields["education"] = optional_choice(_("Education"), Education.choices)
    fields["occupation"] = optional_choice(_("Occupation"), Occupation.choices)
    fields["suggestion"] = forms.CharField(
        label=_("Suggestion (optional)"),
        help_text=_("Published only after moderation. Do not write names or numbers."),
        required=False,
        max_length=SUGGESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": LengthLimitMessage(
                _("Keep your suggestion to %(limit)s characters or fewer.")
            )
        },
    )
    form_class = type("SatisfactionSurveyForm", (SatisfactionSurveyForm,), fields)
    # The honeypot goes last so that it never gets the first focus.
    form_class.base_fields["website"] = form_class.base_fields.pop("website")
    return form_class


# Consultations (FKP) ---------------------------------------------------------
