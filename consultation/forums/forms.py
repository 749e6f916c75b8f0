"""The public form of a consultation: the editors' questions (Wagtail's form
builder, with length limits, ratings and yes/no) plus the respondent category,
identity, consent and honeypot every consultation asks."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from cms.core.page_forms import UnitPageForm
from cms.core.public_text import LengthLimitMessage, PublicTextForm

from ..protection import HoneypotMixin
from .choices import IdentityLevel
from .fkp import respondent_categories

TEXT_MAX_LENGTH = 500
LONG_TEXT_MAX_LENGTH = 5000
RESERVED_NAMES = ("respondent_category", "name", "email", "consent", "website")


def consultation_questions(page) -> list:
    """The page's questions in the active page's language, keyed like the source.

    The default-language page's questions decide what is asked; each is shown
    with its translation when the page has one. Every returned question keeps
    the source's `clean_name`, type and required flag, and carries
    `source_choices`, the source wording of its choices by position: answers
    in every language are stored as the source wording, so they count
    together while each visitor reads their own language.
    """
    source = page.source
    source_fields = list(source.get_form_fields())
    if source.pk == page.pk:
        translated = {}
    else:
        translated = {f.translation_key: f for f in page.get_form_fields()}
    plain = FormBuilder([])
    questions = []
    for source_field in source_fields:
        question = copy.copy(translated.get(source_field.translation_key, source_field))
        question.clean_name = source_field.clean_name or (
            source_field.get_field_clean_name()
        )
        question.field_type = source_field.field_type
        question.required = source_field.required
        question.source_choices = [
            value for value, _label in plain.get_formatted_field_choices(source_field)
        ]
        question.source_default = source_field.default_value
        questions.append(question)
    return questions


class ConsultationFormBuilder(FormBuilder):
    """Wagtail's form builder with length limits, ratings and yes/no.

    Choice values are the source wording of each choice (see
    `consultation_questions`); the labels are the translated wording.
    """

    def get_formatted_field_choices(self, field):
        labels = [label for _value, label in super().get_formatted_field_choices(field)]
        values = getattr(field, "source_choices", None)
        if values is None:
            return list(zip(labels, labels, strict=True))
        return [
            (value, labels[i] if i < len(labels) else value)
            for i, value in enumerate(values)
        ]

    def get_formatted_field_initial(self, field):
        if hasattr(field, "source_default"):
            field = copy.copy(field)
            field.default_value = field.source_default
        return super().get_formatted_field_initial(field)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type in CHOICE_TYPES and hasattr(field, "source_default"):
            options["initial"] = field.source_default
        return options

    def create_singleline_field(self, field, options):
        options["max_length"] = TEXT_MAX_LENGTH
        return forms.CharField(**options, error_messages=_text_errors())

    def create_multiline_field(self, field, options):
        options["max_length"] = LONG_TEXT_MAX_LENGTH
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 5}),
            **options,
            error_messages=_text_errors(),
        )

    def create_rating_field(self, field, options):
        options.pop("initial", None)
        return forms.ChoiceField(
            widget=forms.RadioSelect,
            choices=rating_choices(),
            error_messages=_choice_errors(),
            **options,
        )

    def create_yesno_field(self, field, options):
        options.pop("initial", None)
        return forms.ChoiceField(
            widget=forms.RadioSelect,
            choices=[("yes", _("Yes")), ("no", _("No"))],
            error_messages=_choice_errors(),
            **options,
        )

    def create_radio_field(self, field, options):
        result = super().create_radio_field(field, options)
        result.error_messages.update(_choice_errors())
        return result

    def create_dropdown_field(self, field, options):
        result = super().create_dropdown_field(field, options)
        result.error_messages.update(_choice_errors())
        return result


RATING_MAX = 5


def rating_choices() -> list[tuple[str, str]]:
    """The 1–5 scale, its two ends named so a respondent knows which way it runs."""
    choices = [(str(i), str(i)) for i in range(1, RATING_MAX + 1)]
    choices[0] = ("1", _("1 (lowest)"))
    choices[-1] = (str(RATING_MAX), _("%(n)s (highest)") % {"n": RATING_MAX})
    return choices


def _text_errors() -> dict:
    return {
        "required": _("Answer this question."),
        "max_length": LengthLimitMessage(
            _("Keep your answer to %(limit)s characters or fewer.")
        ),
    }


def _choice_errors() -> dict:
    return {
        "required": _("Choose an answer."),
        "invalid_choice": _("Choose one of the answers in the list."),
    }


CHOICE_TYPES = ("checkboxes", "dropdown", "multiselect", "radio", "rating", "yesno")


def consultation_form_class(page):
    """The page's questions plus category, identity, consent and honeypot.

    The class keeps the `questions` it was built from, so that storing an
    answer does not read them again.
    """
    questions = consultation_questions(page)
    builder = ConsultationFormBuilder(questions)
    fields = builder.formfields
    for name in RESERVED_NAMES:
        fields.pop(name, None)
    fields["respondent_category"] = forms.ChoiceField(
        label=_("Which describes you best?"),
        choices=[("", _("Choose one"))]
        + [(p.key, p.label) for p in respondent_categories()],
        error_messages=_choice_errors(),
    )
    if page.identity_level == IdentityLevel.EMAIL:
        fields["name"] = forms.CharField(
            label=_("Name (optional)"), required=False, max_length=150
        )
        fields["email"] = forms.EmailField(
            label=_("E-mail address"),
            help_text=_("We send a link to confirm your answer; it counts after that."),
            max_length=254,
            error_messages={
                "required": _("Enter your e-mail address."),
                "invalid": _("Enter an e-mail address like name@example.com."),
            },
        )
    fields["consent"] = forms.BooleanField(
        label=_("I agree that my answers are processed for this consultation."),
        error_messages={
            "required": _("Tick the box to agree, or your answer cannot be used.")
        },
    )
    fields["website"] = HoneypotMixin.base_fields["website"]
    form_class = type(
        "ConsultationForm",
        (PublicTextForm, BaseForm),
        fields,
    )
    form_class.questions = questions
    form_class.choice_fields = [
        f.clean_name for f in questions if f.field_type in CHOICE_TYPES
    ]
    return form_class


class ConsultationPageForm(UnitPageForm, WagtailAdminFormPageForm):
    """The consultation's admin form: the form builder's checks of its
    questions, and what every page's form refuses (`cms.core.page_forms`)."""
