"""Search documents of KIPP innovation entries (see `search.registry`).

Only what the public page shows is indexed: the proposal text, the unit, the
group, the year and the stage; never panel scores.
"""

from django.utils.translation import gettext_lazy as _

from cms.core.documents import attach_units, unit_fields
from search.registry import IndexDocument, choice_label, register

from .models import InnovationEntryPage

SUMMARY = "ringkasan"


@register(
    "innovation.InnovationEntryPage",
    kind="innovation",
    api_url_name="api_innovation",
    label=_("Innovation"),
    facet_choices={
        "category": InnovationEntryPage._meta.get_field("group").choices,
        "state": InnovationEntryPage._meta.get_field("stage").choices,
    },
    prefetch=attach_units,
)
def innovation_entry_document(page: InnovationEntryPage) -> IndexDocument:
    language = page.locale.language_code
    category = choice_label(page, "group", language)
    state = choice_label(page, "stage", language)
    # The summary is the document's own field: in the body too, a result's
    # snippet read it twice ("X. X. …").
    body = " ".join(
        text for section, text in page.sections() if text and section.key != SUMMARY
    )
    return IndexDocument.from_page(
        page,
        summary=page.ringkasan,
        body=body,
        category=category,
        year=page.competition_year,
        state=state,
        suggest=[page.title],
        **unit_fields(page),
    )
