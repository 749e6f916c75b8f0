"""Standards on the home and unit pages, and the refusal log action."""

from collections import defaultdict

from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages

from cms.core import dashboard
from cms.core.api.endpoints import Endpoint
from cms.core.locales import locale_by_id
from cms.core.sections import Section
from cms.core.translation import default_language
from cms.core.visibility import LINK_FIELDS

from .cards import attach_card_summaries
from .choices import ServiceCategory
from .components import components
from .dashboard import unit_standards
from .decrees import undecreed_change
from .listing import group_by_category
from .models import ServicePledgePage, ServiceStandardIndexPage, ServiceStandardPage
from .signals import REFUSAL_LOG_ACTION


@hooks.register("terpadu_unit_sections")
def unit_pledge_section(request, unit):
    pledge = ServicePledgePage.objects.shown_on_pages_of(unit)
    if pledge is None:
        return None
    return Section("standards/sections/unit_pledge.html", {"pledge": pledge}, order=5)


@hooks.register("terpadu_unit_sections")
def unit_standards_section(request, unit):
    standards = list(
        ServiceStandardPage.objects.of_unit(unit)
        .order_by("title")
        .only(*LINK_FIELDS, *ServiceStandardPage.card_fields)
    )
    attach_card_summaries(standards, lambda standard: unit.time_zone)
    return Section(
        "standards/sections/unit_standards.html",
        {
            "standard_groups": group_by_category(standards),
            "unit_locale_id": unit.locale_id,
            "unit_slug": unit.slug,
            "default_language": default_language(),
            "total_components": len(components()),
            "standards_index": ServiceStandardIndexPage.public_in(
                request, unit.locale_id, unit
            ),
        },
        order=10,
    )


@hooks.register("terpadu_home_sections")
def home_standards_section(request, home):
    locale = locale_by_id(home.locale_id)
    standards = ServiceStandardPage.objects.for_locale(locale, within=home)
    # One grouped query: standards per (category, unit); totals added up here.
    rows = list(
        standards.order_by()
        .values_list("category", "unit__translation_key")
        .annotate(count=Count("pk"))
    )
    if not rows:
        return None
    counts: dict[str, int] = defaultdict(int)
    for category, _unit, count in rows:
        counts[category] += count
    totals = {
        "total": sum(counts.values()),
        "units": len({unit for _category, unit, _count in rows}),
    }
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
            "standards_index": ServiceStandardIndexPage.public_in(
                request, home.locale_id, home
            ),
        },
        order=10,
    )


# The edit form's buttons that send a page to its moderators.
SUBMITTING_ACTIONS = ("action-submit", "action-restart-workflow")


@hooks.register("after_edit_page")
def warn_of_an_undecreed_submission(request, page):
    """A change to decreed components may be saved and submitted without its
    decree (the moderator may give the correction reason), but its approval
    will be refused until one of them is given: the editor is told when the
    draft is saved, while the page can still be edited (once submitted it is
    locked for the moderators), and again on submitting."""
    if not isinstance(page, ServiceStandardPage):
        return
    problems = undecreed_change(page)
    if not problems:
        return
    if any(action in request.POST for action in SUBMITTING_ACTIONS):
        message = gettext(
            "Submitted, but it cannot be approved as it is. %(problem)s "
            "Give the new decree with its effective date, or the reason for "
            "the correction, or tell your moderator."
        )
    else:
        message = gettext(
            "Saved. Before it can be published: %(problem)s Give the new decree "
            "with its effective date, or the reason for the correction, then "
            "submit it."
        )
    messages.warning(request, message % {"problem": problems[0]})


@hooks.register("register_log_actions")
def register_refusal_log_action(actions):
    actions.register_action(
        REFUSAL_LOG_ACTION,
        _("Publication refused"),
        _("Publication refused: service-delivery components are empty"),
    )


def _refused_standards(pages, include_descendants: bool) -> list[str]:
    """'Title: why' for each standard whose draft the rules refuse to publish
    (`ServiceStandardPage.publication_problems`)."""
    candidates = [p.specific for p in pages if p.specific_class is ServiceStandardPage]
    if include_descendants:
        for page in pages:
            candidates += list(
                ServiceStandardPage.objects.descendant_of(page).filter(
                    has_unpublished_changes=True
                )
            )
    refused = []
    for page in candidates:
        revision = page.get_latest_revision()
        draft = revision.as_object() if revision else page
        problems = draft.publication_problems()
        if problems:
            refused.append(f"{draft.title}: {' '.join(problems)}")
    return refused


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_refused_standards(request, action_type, objects, view):
    """Bulk publishing obeys the same rules as the editor and the approval:
    no empty delivery components, no change of decreed components without a
    new decree or a correction reason (a moderator published a new fee under
    the old decree, and the public history dated it from that decree)."""
    if action_type != "publish":
        return None
    include_descendants = bool(request.POST.get("include_descendants"))
    refused = _refused_standards(objects, include_descendants)
    if not refused:
        return None
    messages.error(
        request,
        gettext("Nothing was published. %(standards)s")
        % {"standards": " ".join(refused)},
    )
    return redirect(view.next_url)


@hooks.register("terpadu_api_endpoints")
def api_endpoints() -> list[Endpoint]:
    """`/api/standards/` and `/api/pledges/` in the API root and in each
    unit's links."""
    return [
        Endpoint(
            "standards",
            "api_standards",
            "Service standards with their 14 components.",
            unit_link="Its service standards.",
        ),
        Endpoint(
            "pledges",
            "api_pledges",
            "Service pledges (Maklumat Pelayanan) of the units.",
            unit_link="Its service pledge.",
        ),
    ]


hooks.register(dashboard.UNIT_HOOK, unit_standards)
