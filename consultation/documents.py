"""Search documents of consultations and survey results (see `search.registry`)."""

from functools import cache

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.core.documents import attach_units, unit_fields
from search.registry import IndexDocument, choice_label, html_to_text, register

from .models import ConsultationPage, ConsultationState, SatisfactionSurveyPage


@cache
def state_label(state: str, language: str) -> str:
    """The consultation state as the page shows it in `language` ("Dibuka"):
    the search page lists the state facet's values as they are stored."""
    with translation.override(language):
        return str(ConsultationState(state).label)


@register(
    "consultation.ConsultationPage",
    kind="consultation",
    label=_("Public consultation"),
    prefetch_related=("commitments",),
    prefetch=attach_units,
)
def consultation_document(page: ConsultationPage) -> IndexDocument:
    commitments = " ".join(f"{c.said} {c.action}" for c in page.commitments.all())
    audience = choice_label(page, "audience", page.locale.language_code)
    return IndexDocument.from_page(
        page,
        summary=page.summary,
        body=" ".join(
            [
                html_to_text(page.body),
                html_to_text(page.outcome_summary),
                html_to_text(page.outcome_changes),
                commitments,
            ]
        ),
        category=audience,
        year=page.opens_on.year if page.opens_on else None,
        state=state_label(page.state(), page.locale.language_code),
        **unit_fields(page),
    )


@register(
    "consultation.SatisfactionSurveyPage",
    kind="satisfaction_survey",
    label=_("Satisfaction survey results"),
    prefetch=attach_units,
)
def satisfaction_survey_document(page: SatisfactionSurveyPage) -> IndexDocument:
    from .results import survey_results

    results = survey_results(page, page.own_period)
    summary = html_to_text(page.intro)
    grade = results.grade
    if results.respondents and grade:
        english = page.locale.language_code == "en"
        label = grade.label_en if english else grade.label_id
        summary = f"IKM {results.ikm_konversi} ({grade.grade} {label}). {summary}"
    url = (page.get_url() or page.url_path) + page.reverse_subpage("results")
    return IndexDocument.from_page(
        page,
        url=url,
        summary=summary,
        body=" ".join(s.title for s in page.covered_services()),
        year=page.period_end.year,
        **unit_fields(page),
    )
