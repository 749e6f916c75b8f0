"""Public forms of the app: the SKM questionnaire and its kiosk steps."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from . import skm
from .models import AgeBand, Education, Occupation, Sex
from .protection import HoneypotMixin

SUGGESTION_MAX_LENGTH = 2000
INVALID_ANSWER = _("Choose one of the four answers.")
MISSING_ANSWER = _("Answer this question.")


def answer_field(element: skm.Element, question: str) -> forms.TypedChoiceField:
    """A required 1..4 radio question for one element."""
    return forms.TypedChoiceField(
        label=question,
        choices=element.answer_choices(),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": MISSING_ANSWER, "invalid_choice": INVALID_ANSWER},
    )


def optional_choice(label, choices) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", _("Prefer not to say"))] + list(choices),
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )


class SatisfactionSurveyForm(HoneypotMixin, forms.Form):
    """The full SKM questionnaire (phone or computer)."""

    def __init__(self, survey, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        services = survey.covered_services()
        self.fields["service"] = forms.TypedChoiceField(
            label=_("Which service did you use?"),
            choices=[("", _("Choose a service"))] + [(s.pk, s.title) for s in services],
            coerce=int,
            required=bool(services),
            error_messages={
                "required": _("Choose the service you used."),
                "invalid_choice": _("Choose one of the services in the list."),
            },
        )
        self.fields["service_date"] = forms.DateField(
            label=_("Date of service"),
            help_text=_("For example 2026-03-31."),
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={
                "required": _("Enter the date you used the service."),
                "invalid": _("Enter a real date, for example 2026-03-31."),
            },
        )
        questions = survey.question_texts()
        for element in skm.elements():
            self.fields[element.field_name] = answer_field(
                element, questions[element.code]
            )
        self.fields["age_band"] = optional_choice(_("Age"), AgeBand.choices)
        self.fields["sex"] = optional_choice(_("Sex"), Sex.choices)
        self.fields["education"] = optional_choice(_("Education"), Education.choices)
        self.fields["occupation"] = optional_choice(_("Occupation"), Occupation.choices)
        self.fields["suggestion"] = forms.CharField(
            label=_("Suggestion (optional)"),
            help_text=_(
                "Published only after moderation. Do not write names or numbers."
            ),
            required=False,
            max_length=SUGGESTION_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={
                "max_length": _(
                    "Keep your suggestion under %(limit_value)d characters."
                )
            },
        )
        # The honeypot goes last so that it never gets the first focus.
        self.fields["website"] = self.fields.pop("website")

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
