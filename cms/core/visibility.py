"""What public output may show: live pages without a view restriction.

A page is public when it is live and neither it nor any ancestor has a view
restriction (password, login or groups), as Wagtail's `PageQuerySet.public()`
says. Listings, counts, figures, the open API, open data and search show
public pages only, so a restricted page shows nowhere but at its own address,
where Wagtail asks for the password or a login.

A page that lists others is only ever shown to visitors who passed its own
restrictions and its ancestors'. `within=page` counts those as passed: a
restricted unit's page still lists its standards to whoever may open it,
while a restriction below the page still hides what it covers.

The paths of the restricted pages are few and rarely change: they are read
once and remembered until the tree changes (`cms.core.memo`; saving or
deleting a restriction moves the tree version at once, `cms.core.signals`),
and each becomes a plain `path` prefix condition. A site with no restriction
filters on `live` alone: no correlated subquery to compile or to run in every
listing, count and aggregate (a quarter of a home page's time from scratch).

Uploaded documents and images are public when their collection has no view
restriction and a live public page uses them (Wagtail's reference index).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Length, Substr
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)

from .memo import remembered

# What a listing reads of a page to link it: `Page.get_url` needs the URL path
# below the site's root, and a link shows the title. Listings pass these and
# the fields their cards show to `QuerySet.only()`: Django compiles every
# selected column, about a third of a page's time from scratch.
LINK_FIELDS = ("title", "url_path", "locale")


def ancestor_paths(page: Page) -> list[str]:
    """Tree paths of `page` and every page above it."""
    return [
        page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)
    ]


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages that have a view restriction, shortest first."""
    return remembered(
        ("view-restricted-paths",),
        lambda: tuple(
            sorted(
                set(PageViewRestriction.objects.values_list("page__path", flat=True))
            )
        ),
    )


def restrictions_not_passed(within: Page | None = None) -> list[str]:
    """Tree paths of the restricted pages, less `within` and its ancestors,
    whose restrictions a visitor of `within` has passed."""
    passed = set(ancestor_paths(within)) if within is not None else set()
    return [path for path in restricted_paths() if path not in passed]


def unrestricted(within: Page | None = None) -> Q:
    """Pages under no view restriction (a restriction's page path is a prefix
    of theirs). Restrictions on `within` and its ancestors count as passed."""
    condition = Q()
    for path in restrictions_not_passed(within):
        condition &= ~Q(path__startswith=path)
    return condition


def public_pages(queryset: QuerySet, within: Page | None = None) -> QuerySet:
    """The live pages of `queryset` a visitor may open (see `unrestricted`)."""
    return queryset.live().filter(unrestricted(within))


def is_public(page: Page, within: Page | None = None) -> bool:
    """Whether `page` is live and under no view restriction (restrictions on
    `within` and its ancestors count as passed). No query: the restricted
    paths are remembered until a restriction or the tree changes."""
    if not page.live:
        return False
    return not set(restrictions_not_passed(within)).intersection(ancestor_paths(page))


def in_public_collection() -> Q:
    """Documents or images whose collection (and its parents) has no restriction."""
    return ~Exists(
        CollectionViewRestriction.objects.filter(
            collection__path=Substr(
                OuterRef("collection__path"), 1, Length("collection__path")
            )
        )
    )


def references_from(pages: QuerySet, queryset: QuerySet) -> QuerySet:
    """Rows of Wagtail's reference index from `pages` to objects of `queryset`."""
    return ReferenceIndex.get_references_to_in_bulk(queryset).filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=pages.annotate(key=Cast("pk", CharField())).values("key"),
    )


def used_on_public_pages(queryset: QuerySet) -> QuerySet:
    """The objects of `queryset` (documents, images) a live public page uses."""
    used = references_from(public_pages(Page.objects.all()), queryset)
    return queryset.annotate(key=Cast("pk", CharField())).filter(
        key__in=used.values("to_object_id")
    )


def public_media(queryset: QuerySet) -> QuerySet:
    """Documents or images anybody may list and download."""
    return used_on_public_pages(queryset.filter(in_public_collection()))


def opened_by(request, pages: list[Page]) -> list[Page]:
    """The live `pages` whose every view restriction (theirs and their
    ancestors') accepts `request`: public pages, and those whose password the
    visitor gave or whose login or group the user has (one query)."""
    pages = [page for page in pages if page.live]
    paths = {path for page in pages for path in ancestor_paths(page)}
    restrictions = list(
        PageViewRestriction.objects.filter(page__path__in=paths).select_related("page")
    )
    return [
        page
        for page in pages
        if all(
            restriction.accept_request(request)
            for restriction in restrictions
            if page.path.startswith(restriction.page.path)
        )
    ]


def pages_using(obj) -> QuerySet:
    """Live pages that use `obj` (a document or image), by the reference index."""
    used = ReferenceIndex.get_references_to(obj).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    return (
        Page.objects.live()
        .annotate(key=Cast("pk", CharField()))
        .filter(key__in=used.values("object_id"))
    )
