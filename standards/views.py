"""Views of service standards: the standard page and its sub-pages.

`ServiceStandardPage` routes (RoutablePageMixin): the page itself,
`checklist/` (requirements only, for printing), `history/` (every published
version) and `compare/?from=N&to=M` (what changed between two versions).
"""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.core.models import UnitPage
from cms.core.routing import remembered
from cms.core.visibility import public_pages

from .choices import (
    ActorChoices,
    ApplicantChoices,
    Audience,
    ComplaintChannelChoices,
    DeliveryChannel,
    DocumentFormChoices,
    InstrumentTypeChoices,
    ServiceCategory,
)
from .components import components, label_for
from .diff import compare_components, fee_changed
from .formatting import format_duration, format_money, free_of_charge_label
from .jsonld import as_script_content, government_service
from .listing import pledge_of_unit, standards_for_locale
from .models import ServiceStandardPage
from .structure import TEXT_COMPONENTS, components_data

# The rendered body of a standard page is cached this long (the key changes on
# every publication of the standard or its unit).
BODY_CACHE_SECONDS = 6 * 60 * 60


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


def contact_href(channel: str, address: str) -> str:
    """A link for a complaint channel's address, or "" when it has none."""
    address = address.strip()
    if address.startswith(("http://", "https://")):
        return address
    if channel == "surel" and "@" in address:
        return f"mailto:{address}"
    digits = "".join(ch for ch in address if ch.isdigit())
    if channel == "whatsapp" and digits:
        return f"https://wa.me/{digits}"
    if channel == "telepon" and digits:
        return f"tel:+{digits}" if address.startswith("+") else f"tel:{digits}"
    return ""


def display_components(page: ServiceStandardPage, currency: str) -> dict[str, Any]:
    """The components of `page` ready for templates, labels resolved."""
    data = components_data(page, currency)
    requirements = [
        {
            **item,
            "form_label": _label(DocumentFormChoices.choices, item["document_form"]),
            "applies_labels": [
                _label(ApplicantChoices.choices, v) for v in item["applies_to"]
            ],
        }
        for item in data["persyaratan"]
    ]
    steps = [
        {
            **item,
            "actor_label": _label(ActorChoices.choices, item["actor"]),
            "duration_text": format_duration(
                item["duration"]["value"], item["duration"]["unit"]
            )
            if item["duration"]
            else "",
        }
        for item in data["prosedur"]
    ]
    time = data["jangka_waktu"]
    fees = data["biaya"]
    fee_items = [
        {**item, "money": format_money(item["amount"], item["currency"])}
        for item in fees["items"]
    ]
    channels = [
        {
            **item,
            "channel_label": _label(ComplaintChannelChoices.choices, item["channel"]),
            "href": contact_href(item["channel"], item["address"]),
        }
        for item in data["pengaduan"]
    ]
    instruments = [
        {**item, "type_label": _label(InstrumentTypeChoices.choices, item["type"])}
        for item in data["dasar_hukum"]
    ]
    return {
        "data": data,
        "requirements": requirements,
        "steps": steps,
        "time_text": format_duration(time["value"], time["unit"]) if time else "",
        "time_note": time["note"] if time else "",
        "fees_free": fees["free"],
        "fee_items": fee_items,
        "fee_legal_basis": fees["legal_basis"],
        "free_label": free_of_charge_label(),
        "products": data["produk"],
        "complaint_channels": channels,
        "instruments": instruments,
        "management_texts": [
            (key, {"label": label_for(key), "value": data[key]})
            for key in TEXT_COMPONENTS
        ],
    }


class StandardDisplay:
    """Everything the templates show of a standard, computed on first use.

    The standard page caches its rendered body, so on a cache hit none of
    this is computed.
    """

    def __init__(self, page, request: HttpRequest, unit):
        self.page = page
        self.request = request
        self.unit = unit

    @cached_property
    def components(self) -> dict[str, Any]:
        return display_components(self.page, self.unit.currency if self.unit else "")

    def __getattr__(self, name: str) -> Any:
        # requirements, steps, time_text, fee_items, ... from `components`.
        if name.startswith("_") or name == "components":
            raise AttributeError(name)
        try:
            return self.components[name]
        except KeyError:
            raise AttributeError(name) from None

    @cached_property
    def labels(self) -> dict[str, str]:
        return {c.key: label_for(c.key) for c in components()}

    @cached_property
    def toc(self) -> list[dict[str, Any]]:
        return [
            {
                "key": c.key,
                "no": c.no,
                "label": self.labels[c.key],
                "group": c.group,
                "filled": self.page.component_is_filled(c.key),
            }
            for c in components()
        ]

    @cached_property
    def filled_count(self) -> int:
        return sum(1 for c in self.toc if c["filled"])

    @property
    def total_count(self) -> int:
        return len(components())

    @cached_property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[a] for a in self.page.audiences]

    @cached_property
    def channel_labels(self) -> list[str]:
        labels = dict(DeliveryChannel.choices)
        return [labels[c] for c in self.page.channels]

    @cached_property
    def jsonld(self) -> str:
        return as_script_content(government_service(self.page, self.request, self.unit))


def body_cache_key(page, request: HttpRequest, unit) -> str | None:
    """Key of the standard page's cached body; None when it must not be cached.

    It changes whenever the standard or its unit is published again, so a
    publication is visible at once; previews are never cached.
    """
    if getattr(request, "is_preview", False) or not page.live:
        return None
    parts = [
        page.pk,
        page.live_revision_id,
        page.last_published_at.timestamp() if page.last_published_at else "",
        unit.pk if unit else "",
        unit.last_published_at.timestamp() if unit and unit.last_published_at else "",
        get_language(),
    ]
    return ":".join(str(part) for part in parts)


def standard_context(page, request: HttpRequest) -> dict[str, Any]:
    """Context of the standard page and its sub-pages (bounded queries)."""
    unit = page.unit
    return {"unit": unit, "std": StandardDisplay(page, request, unit)}


def standard_page_extras(page, request: HttpRequest, unit) -> dict[str, Any]:
    """What only the main standard page shows: the pledge and the cache key."""
    return {
        "pledge": (
            remembered(request, ("pledge", unit.pk), lambda: pledge_of_unit(unit))
            if unit
            else None
        ),
        "body_cache_key": body_cache_key(page, request, unit),
        "body_cache_seconds": BODY_CACHE_SECONDS,
    }


def checklist_page(page: ServiceStandardPage, request: HttpRequest) -> HttpResponse:
    return page.render(
        request,
        subpage=True,
        template="standards/service_standard_checklist.html",
        context_overrides={"pledge": None},
    )


def history_page(page: ServiceStandardPage, request: HttpRequest) -> HttpResponse:
    versions = list(page.versions.order_by("-number"))
    rows = []
    for index, version in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        rows.append(
            {
                "version": version,
                "previous": previous,
                "fee_changed": bool(previous)
                and fee_changed(previous.data, version.data),
            }
        )
    return page.render(
        request,
        subpage=True,
        template="standards/service_standard_history.html",
        context_overrides={
            "rows": rows,
            "compare_form": CompareForm(versions=versions),
        },
    )


class CompareForm(forms.Form):
    """Choose two published versions to compare (GET, works without JS)."""

    from_version = forms.TypedChoiceField(label=_("From version"), coerce=int)
    to_version = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (
                v.number,
                _("Version %(number)s (%(date)s)")
                % {
                    "number": v.number,
                    "date": date_format(localtime(v.published_at), "DATE_FORMAT"),
                },
            )
            for v in versions
        ]
        for name in ("from_version", "to_version"):
            self.fields[name].choices = choices
        if len(versions) >= 2:
            self.fields["from_version"].initial = versions[1].number
            self.fields["to_version"].initial = versions[0].number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from_version") is not None and cleaned.get(
            "from_version"
        ) == cleaned.get("to_version"):
            raise forms.ValidationError(_("Choose two different versions."))
        return cleaned


def compare_page(page: ServiceStandardPage, request: HttpRequest) -> HttpResponse:
    versions = list(page.versions.order_by("-number"))
    by_number = {v.number: v for v in versions}
    params = request.GET
    status = 200
    before = after = None
    if "from" in params or "to" in params:
        form = CompareForm(
            {"from_version": params.get("from"), "to_version": params.get("to")},
            versions=versions,
        )
        if form.is_valid():
            before = by_number[form.cleaned_data["from_version"]]
            after = by_number[form.cleaned_data["to_version"]]
        else:
            status = 400
    else:
        form = CompareForm(versions=versions)
        if len(versions) >= 2:
            before, after = versions[1], versions[0]
    changes = compare_components(before.data, after.data) if before and after else []
    response = page.render(
        request,
        subpage=True,
        template="standards/service_standard_compare.html",
        context_overrides={
            "compare_form": form,
            "before": before,
            "after": after,
            "changes": changes,
            "changed": [c for c in changes if c.has_changes],
            "fee_change": next(
                (c for c in changes if c.is_fee and c.has_changes), None
            ),
            "meta_changes": _meta_changes(before, after) if before and after else [],
            "version_count": len(versions),
        },
    )
    response.status_code = status
    return response


def _meta_changes(before, after) -> list[tuple[str, str, str]]:
    rows = []
    for field, label in (
        ("title", _("Service name")),
        ("decree_number", _("Decree number")),
        ("decree_date", _("Decree date")),
        ("effective_date", _("Effective date")),
    ):
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            rows.append((label, old or "—", new or "—"))
    return rows


FEE_FILTERS = (("free", _("Free of charge")), ("paid", _("Paid")))
RESULTS_PER_PAGE = 20


class StandardFilterForm(forms.Form):
    """The filters of the standards index (GET; state kept in the URL)."""

    unit = forms.ChoiceField(label=_("Unit"), required=False)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *ServiceCategory.choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All channels")), *DeliveryChannel.choices],
    )
    fee = forms.ChoiceField(
        label=_("Fee"),
        required=False,
        choices=[("", _("Free and paid")), *FEE_FILTERS],
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units")), *units]


def apply_filters(queryset: QuerySet, cleaned: dict[str, str]) -> QuerySet:
    """Narrow `queryset` by the valid filters in `cleaned`."""
    if cleaned.get("unit"):
        queryset = queryset.filter(unit__slug=cleaned["unit"])
    if cleaned.get("category"):
        queryset = queryset.filter(category=cleaned["category"])
    if cleaned.get("channel"):
        queryset = queryset.filter(**{f"channel_{cleaned['channel']}": True})
    if cleaned.get("fee") == "free":
        queryset = queryset.filter(is_free=True)
    elif cleaned.get("fee") == "paid":
        queryset = queryset.filter(is_free=False)
    return queryset


def index_context(page, request: HttpRequest) -> dict[str, Any]:
    """Filtered, paginated standards of every unit (a fixed number of queries)."""
    locale = page.locale
    standards = standards_for_locale(locale, within=page)
    units = (
        public_pages(UnitPage.objects.all(), within=page)
        .filter(
            locale=locale,
            translation_key__in=public_pages(
                ServiceStandardPage.objects.all(), within=page
            ).values("unit__translation_key"),
        )
        .order_by("short_name")
        .values_list("slug", "short_name")
    )
    params = {k: request.GET.get(k, "") for k in ("unit", "category", "channel", "fee")}
    form = StandardFilterForm(params, units=list(units))
    form.is_valid()
    for name in form.errors:
        form.fields[name].widget.attrs.update(
            {"aria-invalid": "true", "aria-describedby": f"id_{name}-error"}
        )
    cleaned = getattr(form, "cleaned_data", {})
    queryset = (
        apply_filters(standards, cleaned)
        .select_related("unit")
        .order_by("unit__short_name", "title", "pk")
    )
    paginator = Paginator(queryset, RESULTS_PER_PAGE)
    results = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return {
        "filter_form": form,
        "filtered": any(params.values()),
        "paginator": paginator,
        "results": results,
        "query_without_page": f"{encoded}&" if encoded else "",
        "current_locale_id": locale.pk,
        "default_language": Locale.get_default().language_code,
        "total_components": len(components()),
    }
