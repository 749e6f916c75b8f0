"""Blocks for the structured components of a service standard.

Each list-shaped component (requirements, procedure steps, fees, products,
complaint channels, legal instruments) is a StreamField of one of these
blocks, so every item is structured data in the editor, the templates and the
API. Codes and contact addresses use `VerbatimBlock`, which wagtail-localize
copies to translations unchanged instead of offering them for translation.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.encoding import force_str
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.core.blocks import KeyChoiceBlock, MultipleKeyChoiceBlock, WholeNumberBlock

from .choices import (
    ActorChoices,
    ApplicantChoices,
    ComplaintChannelChoices,
    DocumentFormChoices,
    InstrumentTypeChoices,
    TimeUnitChoices,
)
from .formatting import format_duration


class VerbatimBlock(blocks.FieldBlock):
    """A one-line value that is the same in every language (a code, a number,
    an e-mail address); not a CharBlock, so it is synchronised, not translated."""

    def __init__(
        self, required=True, help_text=None, max_length=255, validators=(), **kwargs
    ):
        self.field = forms.CharField(
            required=required,
            help_text=help_text,
            max_length=max_length,
            validators=validators,
        )
        super().__init__(**kwargs)

    def get_searchable_content(self, value):
        return [value] if value else []


currency_code_validator = RegexValidator(
    r"^[A-Z]{3}$", _("Enter a three-letter ISO 4217 code such as IDR, SGD or USD.")
)


class RequirementBlock(blocks.StructBlock):
    """One requirement: a document or condition the applicant must bring."""

    description = blocks.CharBlock(
        label=_("Description"),
        max_length=300,
        help_text=_("E.g. 'KTP elektronik' or 'Paspor lama'."),
    )
    document_form = KeyChoiceBlock(
        label=_("Original or copy"),
        choices=DocumentFormChoices.choices,
        default=DocumentFormChoices.ASLI,
        help_text=_(
            "Whether the applicant shows the original, hands in a copy, or both."
        ),
    )
    applies_to = MultipleKeyChoiceBlock(
        label=_("Applies to"),
        choices=ApplicantChoices.choices,
        required=False,
        help_text=_("Leave empty when the requirement applies to every applicant."),
    )
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("Optional detail, e.g. 'valid at least 6 months'."),
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Requirement")
        template = "standards/blocks/requirement_block.html"
        preview_value = {
            "description": "Paspor lama",
            "document_form": "asli_dan_fotokopi",
            "applies_to": [],
            "note": "",
        }
        description = _("A document or condition the applicant must fulfil")


class DurationFieldsMixin:
    """Validation shared by blocks with an optional number + unit duration."""

    def clean_duration(self, value, prefix="duration"):
        amount = value.get(f"{prefix}_value")
        unit = value.get(f"{prefix}_unit")
        if bool(amount) != bool(unit):
            field = f"{prefix}_unit" if amount else f"{prefix}_value"
            raise StructBlockValidationError(
                block_errors={
                    field: ValidationError(
                        _("Give both the number and the unit of the duration.")
                    )
                }
            )


class ProcedureStepBlock(DurationFieldsMixin, blocks.StructBlock):
    """One step of the procedure, done by the applicant or by an officer."""

    description = blocks.CharBlock(
        label=_("Step"),
        max_length=400,
        help_text=_("What happens in this step, e.g. 'Pemohon mengisi formulir'."),
    )
    actor = KeyChoiceBlock(
        label=_("Who"),
        choices=ActorChoices.choices,
        default=ActorChoices.PEMOHON,
        help_text=_("Who carries out the step."),
    )
    duration_value = WholeNumberBlock(
        label=_("Duration"),
        required=False,
        min_value=1,
        help_text=_("Optional: how long the step takes."),
    )
    duration_unit = KeyChoiceBlock(
        label=_("Duration unit"),
        choices=TimeUnitChoices.choices,
        required=False,
    )

    def clean(self, value):
        value = super().clean(value)
        self.clean_duration(value)
        return value

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "standards/blocks/procedure_step_block.html"
        preview_value = {
            "description": "Petugas memverifikasi berkas permohonan",
            "actor": "petugas",
            "duration_value": 15,
            "duration_unit": "menit",
        }
        description = _("A step of the service procedure")

    def get_searchable_content(self, value) -> list[str]:
        """As the page shows it, the time counted as it reads ("Petugas
        memeriksa berkas (Petugas, 1 hari kerja)"; "1 working day")."""
        details = [dict(ActorChoices.choices).get(value.get("actor"), "")]
        details.append(
            format_duration(value.get("duration_value"), value.get("duration_unit"))
        )
        details = [force_str(detail) for detail in details if detail]
        description = value.get("description") or ""
        if not details:
            return [description]
        return [f"{description} ({', '.join(details)})"]


GROUPED_AMOUNT = _(
    "Write the amount without thousands separators, with a point or a comma "
    "before the cents: 650000, 97.50 or 97,50."
)


def read_amount(text: str) -> str:
    """A typed amount in the form `Decimal` reads: a decimal comma becomes a
    point ("97,50"); an amount with grouped thousands ("50.000", "1,000",
    "1.000.000") is refused, as it cannot be told from cents everywhere."""
    text = "".join(text.split())
    if "," in text:
        whole, comma, cents = text.partition(",")
        if "." in text or "," in cents or not 1 <= len(cents) <= 2:
            raise ValidationError(GROUPED_AMOUNT, code="grouped_amount")
        return f"{whole}.{cents}"
    if text.count(".") > 1 or (text.count(".") == 1 and len(text.rsplit(".")[1]) == 3):
        raise ValidationError(GROUPED_AMOUNT, code="grouped_amount")
    return text


class AmountField(forms.DecimalField):
    """A fee's amount, typed as text. A number input read "65,50" (the
    decimal comma of Indonesian) as 6550 in the browser, silently, and told
    "50.000" only that it had too many decimal places."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        # Shown back in the editor's language ("65,50" in Indonesian), with
        # no thousands separator (settings.USE_THOUSAND_SEPARATOR is off):
        # an editor who typed "65,50" saw "65.50" after saving.
        self.widget.is_localized = True

    def to_python(self, value):
        if isinstance(value, str) and any(ch.isalpha() for ch in value):
            # Decimal reads "1e5" as 1E+5: no editor means an exponent.
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if isinstance(value, str) and value.strip():
            value = read_amount(value)
        return super().to_python(value)


class AmountBlock(blocks.DecimalBlock):
    """`DecimalBlock` whose form field is `AmountField`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.field
        self.field = AmountField(
            required=field.required,
            help_text=field.help_text,
            max_value=field.max_value,
            min_value=field.min_value,
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
        )


class FeeBlock(blocks.StructBlock):
    """One fee item with its amount and ISO 4217 currency."""

    label = blocks.CharBlock(
        label=_("Item"),
        max_length=200,
        help_text=_("What the fee is for, e.g. 'Paspor elektronik 48 halaman'."),
    )
    amount = AmountBlock(
        label=_("Amount"),
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        help_text=_(
            "The amount without currency symbol or thousands separators, "
            "e.g. 650000, 70 or 97.50."
        ),
    )
    currency = VerbatimBlock(
        label=_("Currency"),
        required=False,
        max_length=3,
        validators=[currency_code_validator],
        help_text=_("ISO 4217 code; leave empty for the unit's currency."),
    )
    added = blocks.BooleanBlock(
        label=_("Charged on top"),
        required=False,
        help_text=_(
            "Tick for a charge paid on top of another item (a fine, a "
            "surcharge), not instead of it: lists then show the least one pays "
            "without it."
        ),
    )

    class Meta:
        icon = "tag"
        label = _("Fee")
        template = "standards/blocks/fee_block.html"
        preview_value = {
            "label": "Paspor elektronik 48 halaman",
            "amount": "650000",
            "currency": "IDR",
        }
        description = _("A fee item with amount and currency")


class ProductBlock(blocks.StructBlock):
    """One output of the service, e.g. a passport or a legalised document."""

    name = blocks.CharBlock(
        label=_("Product"),
        max_length=200,
        help_text=_("E.g. 'Paspor biasa elektronik'."),
    )
    description = blocks.CharBlock(
        label=_("Description"),
        required=False,
        max_length=400,
        help_text=_("Optional detail, e.g. the validity period."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Product")
        template = "standards/blocks/product_block.html"
        preview_value = {"name": "Paspor biasa", "description": "Berlaku 10 tahun"}
        description = _("An output of the service")


class ComplaintChannelBlock(blocks.StructBlock):
    """A channel for complaints, suggestions and feedback, with its address."""

    channel = KeyChoiceBlock(
        label=_("Channel"),
        choices=ComplaintChannelChoices.choices,
        help_text=_("How citizens reach the unit."),
    )
    address = VerbatimBlock(
        label=_("Address"),
        max_length=255,
        help_text=_("The e-mail address, number, web address or office location."),
    )
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("Optional, e.g. the hours the channel is staffed."),
    )

    class Meta:
        icon = "mail"
        label = _("Complaint channel")
        template = "standards/blocks/complaint_channel_block.html"
        preview_value = {
            "channel": "lapor",
            "address": "https://www.lapor.go.id",
            "note": "",
        }
        description = _("A channel for complaints and feedback")


class LegalInstrumentBlock(blocks.StructBlock):
    """A legal instrument the service is based on."""

    instrument_type = KeyChoiceBlock(
        label=_("Type"),
        choices=InstrumentTypeChoices.choices,
        help_text=_("The kind of regulation."),
    )
    number = VerbatimBlock(
        label=_("Number"), max_length=50, help_text=_("E.g. '25' or '8/2018'.")
    )
    year = WholeNumberBlock(
        label=_("Year"), min_value=1945, max_value=2100, help_text=_("E.g. 2009.")
    )
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=400,
        help_text=_("E.g. 'Pelayanan Publik'."),
    )
    url = blocks.URLBlock(
        label=_("Link"),
        required=False,
        help_text=_("Optional link to the official text (e.g. peraturan.go.id)."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Legal instrument")
        template = "standards/blocks/legal_instrument_block.html"
        preview_value = {
            "instrument_type": "uu",
            "number": "25",
            "year": 2009,
            "title": "Pelayanan Publik",
            "url": "",
        }
        description = _("A law or regulation the service is based on")

    def get_searchable_content(self, value) -> list[str]:
        """As the page writes it ("Undang-Undang Nomor 25 Tahun 2009 tentang
        Pelayanan Publik"), so a search result's snippet reads it the same way."""
        kind = dict(InstrumentTypeChoices.choices).get(value.get("instrument_type"))
        return [
            gettext("%(type)s No. %(number)s of %(year)s on %(title)s")
            % {
                "type": kind or "",
                "number": value.get("number") or "",
                "year": value.get("year") or "",
                "title": value.get("title") or "",
            }
        ]
