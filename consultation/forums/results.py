"""Counts of a consultation's confirmed responses, per choice and respondent
category, each a GROUP BY in the database."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _
from wagtail.models import Page

from .fkp import respondent_categories
from .forms import CHOICE_TYPES, ConsultationFormBuilder, consultation_questions
from .records import ConsultationAnswer, ConsultationSubmission

# Choice questions where a respondent may give several answers.
MULTIPLE_CHOICE_TYPES = frozenset({"checkboxes", "multiselect"})


def consultation_results(page: Page) -> dict:
    """Counts of confirmed responses, per choice and category, and the
    respondents who answered each question (GROUP BY)."""
    source_id = page.source.pk
    counted = ConsultationSubmission.objects.filter(page_id=source_id, confirmed=True)
    responses = counted.count()
    answers = ConsultationAnswer.objects.filter(
        submission__page_id=source_id, submission__confirmed=True
    )
    answer_rows = answers.values("field", "value").annotate(n=Count("pk")).order_by()
    by_field: dict[str, dict[str, int]] = {}
    for row in answer_rows:
        by_field.setdefault(row["field"], {})[row["value"]] = row["n"]
    # A question where one may tick several answers has more answers than
    # respondents: its shares are of the people who answered it.
    answered = {
        row["field"]: row["n"]
        for row in answers.values("field")
        .annotate(n=Count("submission", distinct=True))
        .order_by()
    }
    builder = ConsultationFormBuilder([])
    questions = []
    for field in consultation_questions(page):
        if field.field_type not in CHOICE_TYPES:
            continue
        if field.field_type == "rating":
            options = [(str(i), str(i)) for i in range(1, 6)]
        elif field.field_type == "yesno":
            options = [("yes", _("Yes")), ("no", _("No"))]
        else:
            options = builder.get_formatted_field_choices(field)
        found = by_field.get(field.clean_name, {})
        counts = {label: found.get(value, 0) for value, label in options}
        questions.append(
            {
                "label": field.label,
                "type": field.field_type,
                "counts": counts,
                "respondents": answered.get(field.clean_name, 0),
                "multiple": field.field_type in MULTIPLE_CHOICE_TYPES,
            }
        )
    category_rows = counted.values("respondent_category").annotate(n=Count("pk"))
    categories = {row["respondent_category"]: row["n"] for row in category_rows}
    return {
        "state": page.state(),
        "responses": responses,
        "questions": questions,
        "categories": [
            {"key": p.key, "label": p.label, "count": categories.get(p.key, 0)}
            for p in respondent_categories()
        ],
    }
