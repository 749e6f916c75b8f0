"""Queries for lists of standards: by locale, by unit, the unit's pledge.

A standard not yet translated into the reader's language is still listed, in
its Indonesian version (marked with its language), so English readers see
every service a unit offers. Only public standards are listed: `within` is the
page showing the list, whose restrictions (and its ancestors') its visitors
have passed (`cms.core.visibility`).

The queries are methods of the page types' managers
(`ServiceStandardPage.objects.for_locale(...)`), so the models use them without
this module importing the models.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Case, Q, QuerySet, Subquery, When
from django.db.models.functions import Substr
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet

from cms.core.locales import default_locale, with_locale
from cms.core.memo import remembered
from cms.core.models import IndexPage, UnitPage
from cms.core.public_text import PublicForm
from cms.core.queries import first_row
from cms.core.translation import default_language
from cms.core.visibility import LINK_FIELDS, public_pages

from .cards import attach_card_summaries
from .choices import DeliveryChannel, ServiceCategory
from .components import components


class StandardQuerySet(PageQuerySet):
    """Service standards, narrowed for the public lists."""

    def for_locale(self, locale: Locale, within: Page | None = None) -> PageQuerySet:
        """Public standards in `locale`, plus default-language ones not translated."""
        live = public_pages(self, within)
        default = default_locale()
        if locale.pk == default.pk:
            return live.filter(locale=locale)
        translated = live.filter(locale=locale)
        return live.filter(
            Q(locale=locale)
            | (
                Q(locale=default)
                & ~Q(translation_key__in=translated.values("translation_key"))
            )
        )

    def of_unit(self, unit: UnitPage) -> PageQuerySet:
        """The unit's public standards for readers of the unit page's language."""
        return self.for_locale(unit.locale, within=unit).filter(
            unit__translation_key=unit.translation_key
        )


class PledgeQuerySet(PageQuerySet):
    """Service pledges, one per unit and language."""

    # What `standards/includes/pledge.html` shows of a pledge.
    shown_fields = (
        "title",
        "locale",
        "text",
        "place",
        "signed_on",
        "signatory_name",
        "signatory_title",
    )

    def of_unit(self, unit: UnitPage) -> Page | None:
        """The unit's public pledge in the unit page's language, else in Indonesian
        (the unit's restrictions count as passed: it is shown on the unit's pages)."""
        return with_locale(self.candidates_for(unit).only(*self.shown_fields).first())

    def shown_on_pages_of(self, unit: UnitPage) -> Page | None:
        """`of_unit(unit)` for a page shown to readers: which page is the unit's
        pledge is remembered until the tree changes (`cms.core.memo`, like the
        pages down a URL), and its row is read by key. Finding it costs twice
        reading it (paths, a language subquery, restrictions, an ordering)."""
        key = remembered(
            ("pledge-of-unit", unit.pk),
            lambda: self.candidates_for(unit).values_list("pk", flat=True).first(),
        )
        if key is None:
            return None
        return with_locale(
            first_row(self.live().filter(pk=key).only(*self.shown_fields))
        )

    def candidates_for(self, unit: UnitPage) -> PageQuerySet:
        """The public pledges that may be the unit's, its own language first: the
        children of the unit and of its Indonesian source (one query)."""
        child = Q(path__startswith=unit.path, depth=unit.depth + 1)
        default = default_locale()
        if unit.locale_id != default.pk:
            source_path = Page.objects.filter(
                translation_key=unit.translation_key, locale=default
            ).values("path")[:1]
            child |= Q(
                parent_path=Subquery(source_path), depth=unit.depth + 1, locale=default
            )
        return (
            public_pages(self, within=unit)
            .annotate(parent_path=Substr("path", 1, len(unit.path)))
            .filter(child)
            .annotate(own=Case(When(locale_id=unit.locale_id, then=0), default=1))
            .order_by("own", "path")
        )


StandardManager = PageManager.from_queryset(StandardQuerySet)
PledgeManager = PageManager.from_queryset(PledgeQuerySet)


def group_by_category(standards: Iterable[Page]) -> list[tuple[str, str, list[Page]]]:
    """(category key, label, standards) in the order of the categories."""
    groups: dict[str, list[Page]] = defaultdict(list)
    for standard in standards:
        groups[standard.category].append(standard)
    return [
        (value, label, groups[value])
        for value, label in ServiceCategory.choices
        if groups.get(value)
    ]


FEE_FILTERS = (("free", _("Free of charge")), ("paid", _("Paid")))


class StandardFilterForm(PublicForm):
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

    def __init__(self, *args, units=(), categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units")), *units]
        if categories is not None:
            # The categories that hold a standard (one that lists none gave
            # "0 service standards"), and the one asked for, if any.
            shown = {*categories, self.data.get("category", "")}
            self.fields["category"].choices = [
                (value, label)
                for value, label in self.fields["category"].choices
                if value == "" or value in shown
            ]


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


def index_context(
    page: IndexPage, request: HttpRequest, all_standards: StandardQuerySet
) -> dict[str, Any]:
    """Filtered, paginated standards of every unit (a fixed number of queries)."""
    locale = page.locale
    model = all_standards.model
    standards = all_standards.for_locale(locale, within=page)
    units = (
        public_pages(UnitPage.objects.all(), within=page)
        .filter(
            locale=locale,
            translation_key__in=public_pages(all_standards, within=page).values(
                "unit__translation_key"
            ),
        )
        .order_by("short_name")
        .values_list("slug", "short_name")
    )
    params = {k: request.GET.get(k, "") for k in ("unit", "category", "channel", "fee")}
    categories = standards.order_by().values_list("category", flat=True).distinct()
    form = StandardFilterForm(params, units=list(units), categories=list(categories))
    form.is_valid()
    for name in form.errors:
        form.fields[name].widget.attrs.update(
            {"aria-invalid": "true", "aria-describedby": f"id_{name}-error"}
        )
    cleaned = getattr(form, "cleaned_data", {})
    queryset = (
        apply_filters(standards, cleaned)
        .select_related("unit")
        .only(
            *LINK_FIELDS, *model.card_fields, *model.unit_name_fields, "unit__time_zone"
        )
        .order_by("unit__short_name", "title", "pk")
    )
    paginator, results = page.paginate(request, queryset)
    results.object_list = list(results.object_list)
    attach_card_summaries(results.object_list, lambda standard: standard.unit.time_zone)
    encoded = page.query_without_page(request)
    return {
        "filter_form": form,
        "filtered": any(params.values()),
        "paginator": paginator,
        "results": results,
        "query_without_page": f"{encoded}&" if encoded else "",
        "current_locale_id": locale.pk,
        "default_language": default_language(),
        "total_components": len(components()),
    }
