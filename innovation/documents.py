"""Search documents of KIPP innovation entries (see `search.registry`).

Only what the public page shows is indexed: the proposal text, the unit, the
group, the year and the stage; never panel scores.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.core.documents import unit_fields
from search.registry import IndexDocument, register

from .models import InnovationEntryPage


@register("innovation.InnovationEntryPage", kind="innovation", label=_("Innovation"))
def innovation_entry_document(page: InnovationEntryPage) -> IndexDocument:
    with translation.override(page.locale.language_code):
        category = str(page.get_group_display())
        state = str(page.get_stage_display())
    body = " ".join(text for section, text in page.sections() if text)
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
