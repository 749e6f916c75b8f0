"""Search documents of satisfaction survey results (see `search.registry`)."""

from collections.abc import Iterable

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.core.documents import attach_units, unit_fields
from search.registry import ITEM_SEPARATOR, IndexDocument, html_to_text, register

from .models import SatisfactionSurveyPage
from .results import survey_results


def surveys_naming(page_ids: set[int]) -> Iterable[int]:
    """The surveys (every language) that cover any of `page_ids`, standards
    in any language: their documents name the standards they cover."""
    keys = Page.objects.filter(pk__in=page_ids).values("translation_key")
    covering = SatisfactionSurveyPage.objects.filter(services__translation_key__in=keys)
    return SatisfactionSurveyPage.objects.filter(
        translation_key__in=covering.values("translation_key")
    ).values_list("pk", flat=True)


@register(
    "consultation.SatisfactionSurveyPage",
    kind="satisfaction_survey",
    api_url_name="api_survey",
    label=_("Satisfaction survey results"),
    prefetch=attach_units,
    changes_with_time=True,
    shows=surveys_naming,
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
        summary = f"IKM {ikm}, {grade.grade} ({label}). {summary}"
    url = (page.get_url() or page.url_path) + page.reverse_subpage("results")
    return IndexDocument.from_page(
        page,
        url=url,
        summary=summary,
        body=ITEM_SEPARATOR.join(s.title for s in page.covered_services()),
        year=page.period_end.year,
        **unit_fields(page),
    )
