"""Open data: every published service standard, flattened to one row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.core.api.base import published
from cms.core.labels import choice_label, choice_labels
from cms.core.open_data import Dataset, PageRows, iso, last_published, page_columns

from .cards import lowest_fee, paid_instead
from .choices import Audience, DeliveryChannel, ServiceCategory, TimeUnitChoices
from .models import ServiceStandardPage
from .structure import amount_string, fees_data

COLUMNS = page_columns(
    "category",
    "category_label",
    "completion_time_value",
    "completion_time_unit",
    "completion_time_unit_label",
    "free",
    "fees",
    "fee_amount_from",
    "fee_charges_on_top",
    "fee_currency",
    "channels",
    "channels_labels",
    "audiences",
    "audiences_labels",
    "decree_number",
    "decree_date",
    "effective_date",
    "completeness",
)


def fee_columns(page, currency: str) -> dict[str, Any]:
    """Fees as text ("label: 70.00 SGD; …"), the least one pays and whether
    charges may be added on top.

    The items of a standard are alternatives (an electronic or an ordinary
    passport) unless marked as charged on top (a fine): their sum is what nobody
    pays. `fee_amount_from` is what the site's cards say "from": the cheapest
    item not charged on top (of the charges when every item is one), in
    `fee_currency`; both are empty when those items are in several currencies.
    An item without an amount is named without one and counts for neither."""
    fees = fees_data(page, currency)
    items = fees["items"]
    text = "; ".join(
        f"{item['label']}: {'+' if item['added'] else ''}"
        f"{item['amount']} {item['currency']}".strip()
        if item["amount"] is not None
        else item["label"]
        for item in items
    )
    priced = [item for item in items if item["amount"] is not None]
    paid = paid_instead(priced)
    currencies = {item["currency"] for item in paid}
    lowest = lowest_fee(paid) if len(currencies) == 1 else None
    return {
        "free": "yes" if fees["free"] else "no",
        "fees": text,
        "fee_amount_from": "0.00"
        if fees["free"]
        else (amount_string(lowest["amount"]) if lowest else ""),
        "fee_charges_on_top": "yes" if any(item["added"] for item in items) else "no",
        "fee_currency": lowest["currency"] if lowest else "",
    }


def code_labels(page) -> dict[str, str]:
    """The label beside each code column, in the page's language."""
    with translation.override(page.locale.language_code):
        return {
            "category_label": choice_label(ServiceCategory, page.category),
            "completion_time_unit_label": choice_label(
                TimeUnitChoices, page.completion_time_unit
            ),
            "channels_labels": ";".join(choice_labels(DeliveryChannel, page.channels)),
            "audiences_labels": ";".join(choice_labels(Audience, page.audiences)),
        }


def standard_rows(request) -> Iterator[dict[str, Any]]:
    helper = PageRows(request)
    queryset = (
        published(ServiceStandardPage.objects.all())
        .select_related("locale")
        .defer(
            "requirements",
            "procedure",
            "products",
            "complaint_channels",
            "legal_basis",
        )
        .order_by("locale__language_code", "title", "pk")
    )
    for page in helper.pages(queryset):
        unit = helper.unit_of(page)
        yield helper.row(page, standard_cells(page, unit.currency if unit else ""))


def standard_cells(page, currency: str) -> dict[str, Any]:
    """A standard's own columns; its fees in `currency` when they name none."""
    return {
        "category": page.category,
        "completion_time_value": page.completion_time_value or "",
        "completion_time_unit": page.completion_time_unit,
        **code_labels(page),
        **fee_columns(page, currency),
        "channels": ";".join(page.channels),
        "audiences": ";".join(page.audiences),
        "decree_number": page.decree_number,
        "decree_date": iso(page.decree_date),
        "effective_date": iso(page.effective_date),
        "completeness": page.completeness,
    }


DATASETS = [
    Dataset(
        name="standards",
        title=_("Service standards"),
        description=_(
            "Every published service standard, one row per standard and "
            "language: unit, category, completion time, fees, channels, decree "
            "and effective date."
        ),
        columns=COLUMNS,
        rows=standard_rows,
        last_modified=last_published(ServiceStandardPage.objects.all()),
        column_labels={
            "title": _("Service"),
            "category": _("Category"),
            "category_label": _("Category (label)"),
            "completion_time_value": _("Completion time"),
            "completion_time_unit": _("Unit of the completion time"),
            "completion_time_unit_label": _("Unit of the completion time (label)"),
            "free": _("Free of charge"),
            "fees": _("Fees"),
            "fee_amount_from": _(
                "Lowest fee (the cheapest item, without charges on top)"
            ),
            "fee_charges_on_top": _(
                "Charges may be added on top (a fine, a surcharge)"
            ),
            "fee_currency": _("Currency of the lowest fee"),
            "channels": _("Delivery channels"),
            "channels_labels": _("Delivery channels (labels)"),
            "audiences": _("Who the service is for"),
            "audiences_labels": _("Who the service is for (labels)"),
            "decree_number": _("Decree number"),
            "decree_date": _("Decree date"),
            "effective_date": _("In force since"),
            "completeness": _("Components filled in (of 14)"),
        },
    )
]
