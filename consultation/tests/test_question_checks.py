"""A consultation's questions are checked when the page is saved: a choice
question lists its answers, and no question takes a name the form already
uses."""

import pytest
from django.core.exceptions import ValidationError

from consultation.forums.models import ConsultationFormField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "field_type", ["radio", "dropdown", "checkboxes", "multiselect"]
)
@pytest.mark.parametrize("choices", ["", "  \n \n", " , , "])
def test_a_choice_question_without_choices_is_refused_beside_them(field_type, choices):
    """From the outside probe: a required radio question published with no
    choices refused every response with "Choose an answer"."""
    question = ConsultationFormField(
        label="Hari layanan", field_type=field_type, choices=choices, required=True
    )
    with pytest.raises(ValidationError) as refused:
        question.clean()
    assert "choices" in refused.value.message_dict


@pytest.mark.parametrize(
    ("field_type", "choices"),
    [("radio", "Senin\nSelasa"), ("multiline", ""), ("rating", ""), ("yesno", "")],
)
def test_other_questions_need_no_listed_choices(field_type, choices):
    ConsultationFormField(
        label="Hari layanan", field_type=field_type, choices=choices
    ).clean()


def test_a_question_named_as_the_forms_own_is_refused():
    with pytest.raises(ValidationError) as refused:
        ConsultationFormField(label="Consent", field_type="singleline").clean()
    assert "label" in refused.value.message_dict
