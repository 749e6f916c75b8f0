"""Search documents of satisfaction survey results (see `search.registry`)."""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cms.core.documents import attach_units, unit_fields
from search.registry import IndexDocument, html_to_text, register

from .models import SatisfactionSurveyPage
from .results import survey_results


@register(
    "consultation.SatisfactionSurveyPage",
    kind="satisfaction_survey",
    label=_("Satisfaction survey results"),
    prefetch=attach_units,
    changes_with_time=True,
)
def satisfaction_survey_document(page: SatisfactionSurveyPage) -> IndexDocument:
    results = survey_results(page, page.own_period)
    summary = html_to_text(page.intro)
    grade = results.grade
    if results.respondents and grade:
        english = page.locale.language_code == "en"
        label = grade.label_en if english else grade.label_id
        # In the page's language (active while documents are built): "78,40".
        ikm = number_format(results.ikm_konversi, 2)
        summary = f"IKM {ikm} ({grade.grade} {label}). {summary}"
    url = (page.get_url() or page.url_path) + page.reverse_subpage("results")
    return IndexDocument.from_page(
        page,
        url=url,
        summary=summary,
        body=" ".join(s.title for s in page.covered_services()),
        year=page.period_end.year,
        **unit_fields(page),
    )
