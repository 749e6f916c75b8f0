"""Standards on the home and unit pages, and the refusal log action."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale

from cms.core.sections import Section

from .choices import ServiceCategory
from .components import components
from .listing import (
    group_by_category,
    pledge_of_unit,
    standards_for_locale,
    standards_of_unit,
)
from .models import ServiceStandardIndexPage
from .signals import REFUSAL_LOG_ACTION


def _index_page(locale):
    return ServiceStandardIndexPage.objects.live().filter(locale=locale).first()


@hooks.register("terpadu_unit_sections")
def unit_pledge_section(request, unit):
    pledge = pledge_of_unit(unit)
    if pledge is None:
        return None
    return Section("standards/sections/unit_pledge.html", {"pledge": pledge}, order=5)


@hooks.register("terpadu_unit_sections")
def unit_standards_section(request, unit):
    standards = standards_of_unit(unit).order_by("title")
    return Section(
        "standards/sections/unit_standards.html",
        {
            "standard_groups": group_by_category(standards),
            "unit_locale_id": unit.locale_id,
            "unit_slug": unit.slug,
            "default_language": Locale.get_default().language_code,
            "total_components": len(components()),
            "standards_index": _index_page(unit.locale_id),
        },
        order=10,
    )


@hooks.register("terpadu_home_sections")
def home_standards_section(request, home):
    standards = standards_for_locale(home.locale)
    totals = standards.aggregate(
        total=Count("pk"), units=Count("unit__translation_key", distinct=True)
    )
    if not totals["total"]:
        return None
    counts = dict(
        standards.order_by()
        .values_list("category")
        .annotate(count=Count("pk"))
        .values_list("category", "count")
    )
    return Section(
        "standards/sections/home_standards.html",
        {
            "standards_total": totals["total"],
            "standards_units": totals["units"],
            "category_counts": [
                {"key": key, "label": label, "count": counts[key]}
                for key, label in ServiceCategory.choices
                if counts.get(key)
            ],
            "standards_index": _index_page(home.locale_id),
        },
        order=10,
    )


@hooks.register("register_log_actions")
def register_refusal_log_action(actions):
    actions.register_action(
        REFUSAL_LOG_ACTION,
        _("Publication refused"),
        _("Publication refused: service-delivery components are empty"),
    )
