"""StreamField blocks shared by the page types of several apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

SEPARATOR_IN_WHOLE_NUMBER = _(
    "Type a whole number without thousands separators or decimals, for example 60000."
)


class WholeNumberField(forms.IntegerField):
    """Django's integer field, refusing a point or a comma. Django drops a
    trailing ".000" (for "60.0"), so "60.000", sixty thousand written the
    Indonesian way, was saved as 60 without a word. The admin's form field of
    every integer model field (`cms.core.wagtail_hooks`) and of
    `WholeNumberBlock`."""

    def to_python(self, value):
        if isinstance(value, str) and ("." in value or "," in value):
            raise ValidationError(SEPARATOR_IN_WHOLE_NUMBER, code="separator")
        return super().to_python(value)


class WholeNumberBlock(blocks.IntegerBlock):
    """`IntegerBlock` whose form field is `WholeNumberField`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.field
        self.field = WholeNumberField(
            required=field.required,
            help_text=field.help_text,
            min_value=field.min_value,
            max_value=field.max_value,
        )


class KeyChoiceBlock(blocks.ChoiceBlock):
    """A `ChoiceBlock` whose choices' keys are strings, as text choices are.

    Reading a stored value, Wagtail's `to_python` walks the choices (built again,
    each label translated) to give back the key in its original type; with
    string keys that is the stored string itself. A standard page reads dozens of
    these values, and the walk cost about 4 % of its rendering from scratch.
    Deconstructed as a plain `ChoiceBlock`, so migrations do not change."""

    def to_python(self, value):
        if value is None or isinstance(value, str):
            return value
        return super().to_python(value)


class MultipleKeyChoiceBlock(blocks.MultipleChoiceBlock):
    """`KeyChoiceBlock` for several choices: stored strings are read as they are."""

    def to_python(self, value):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        return super().to_python(value)


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page's heading order valid."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = KeyChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
        help_text=_("Use Heading 2 for sections and Heading 3 inside them."),
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading_block.html"
        preview_value = {"text": "Persyaratan umum", "level": "h2"}
        description = _("A section heading")


class ImageBlock(blocks.StructBlock):
    """An image with the text alternative screen-reader users hear."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "core/blocks/image_block.html"
        description = _("An image with alternative text and an optional caption")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document from the unit's collection (PDF)."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "core/blocks/document_link_block.html"
        description = _("A link to a downloadable document")


class CalloutBlock(blocks.StructBlock):
    """A highlighted notice, e.g. a change of opening hours."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "core/blocks/callout_block.html"
        preview_value = {
            "title": "Layanan Sabtu",
            "text": "<p>Layanan paspor dibuka setiap Sabtu pukul 09.00–13.00.</p>",
        }
        description = _("A highlighted notice")


class BodyStreamBlock(blocks.StreamBlock):
    """The body of general content pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="core/blocks/paragraph_block.html",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        preview_value="<p>Pelayanan diberikan tanpa dipungut biaya.</p>",
        description=_("A paragraph of text"),
    )
    image = ImageBlock()
    document = DocumentLinkBlock()
    callout = CalloutBlock()
