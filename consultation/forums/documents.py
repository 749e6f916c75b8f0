"""Search documents of public consultations (see `search.registry`)."""

from functools import cache

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.core.documents import attach_units, unit_fields
from search.registry import IndexDocument, choice_label, html_to_text, register

from .choices import Audience, ConsultationState
from .models import ConsultationPage


@cache
def state_label(state: str, language: str) -> str:
    """The consultation state as the page shows it in `language` ("Dibuka"):
    the search page lists the state facet's values as they are stored."""
    with translation.override(language):
        return str(ConsultationState(state).label)


@register(
    "consultation.ConsultationPage",
    kind="consultation",
    api_url_name="api_consultation",
    label=_("Public consultation forum (FKP)"),
    facet_choices={"category": Audience.choices, "state": ConsultationState.choices},
    prefetch_related=("commitments",),
    prefetch=attach_units,
    changes_with_time=True,
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
