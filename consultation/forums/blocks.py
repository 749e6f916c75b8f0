"""StreamField blocks of consultation pages: a poll shown inside the page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.core.locales import active_locale, localized
from cms.core.visibility import is_public

from .polls import poll_context


class PollBlock(blocks.StructBlock):
    """A poll shown (and voted in) inside a consultation page.

    The poll keeps its own page; votes cast here count in the same poll, once
    per respondent, and bring the voter back to the consultation.
    """

    poll = blocks.PageChooserBlock(
        label=_("Poll"),
        page_type="consultation.PollPage",
        help_text=_("The poll to show here; it also keeps its own page."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Poll")
        template = "consultation/blocks/poll_block.html"
        description = _("A poll with its voting form and results")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        poll = value.get("poll")
        placed = (parent_context or {}).get("placed_polls") or {}
        item = placed.get(poll.translation_key) if poll is not None else None
        if item is not None and item["poll"].locale_id == active_locale().pk:
            # Found with the consultation's other polls (`page_context`).
            context["item"] = item
        elif poll is not None and request is not None:
            poll = localized(poll.specific)
            if is_public(poll, within=(parent_context or {}).get("page")):
                context["item"] = poll_context(poll, request)
        return context


class ConsultationContentBlock(blocks.StreamBlock):
    """Sections of a consultation page below its body: text and polls."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="core/blocks/paragraph_block.html",
        features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        preview_value="<p>Sampaikan pendapat Anda sebelum konsultasi ditutup.</p>",
        description=_("A paragraph of text"),
    )
    poll = PollBlock()
