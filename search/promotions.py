"""Best bets: the pages editors promote for a query, shown above the results.

Editors manage them with Wagtail's own app, `wagtail.contrib.search_promotions`
("Promoted search results" under Settings): a query string and the pages (or
external links) to show first for it. Its permissions are site-wide and no
group holds them, so only superusers edit promotions (a superuser may give
them to a group in the admin's group screen).

A promotion names one page; the reader sees the page's translation in the
search's language, and only while it is live and has no view restriction on it
or above it: a draft, a restricted page or a page not translated into that
language is left out. Query strings are matched as Wagtail stores them
(`normalise_query_string`: lower case, single spaces). The set of promoted
query strings is cached until a promotion changes, so a search without one
costs no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from cms.core import generations

from .query import clean_text

GENERATION_KEY = "search:promotions-generation"
QUERIES_KEY = "search:promoted-queries:{generation}"


@dataclass(frozen=True)
class BestBet:
    """A promoted result as the search page and the API show it."""

    title: str
    url: str
    description: str
    locale: str

    def as_json(self) -> dict[str, str]:
        return {
            "title": self.title,
            "url": self.url,
            "description": self.description,
            "locale": self.locale,
            "label": _("Recommended"),
        }


def promotions_changed() -> None:
    """Forget the cached promoted queries (a promotion or query changed)."""
    generations.bump(GENERATION_KEY)


def promoted_queries() -> frozenset[str]:
    """Every query string with at least one promotion (cached)."""
    key = QUERIES_KEY.format(generation=generations.read(GENERATION_KEY))
    found = cache.get(key)
    if found is None:
        found = frozenset(
            SearchPromotion.objects.values_list("query__query_string", flat=True)
        )
        cache.set(key, found, 3600)
    return found


def normalised(q: str) -> str:
    return normalise_query_string(clean_text(q))


def best_bets(q: str, language: str) -> list[BestBet]:
    """The promotions of `q` for a reader of `language`, in the editors' order."""
    query_string = normalised(q)
    if query_string not in promoted_queries():
        return []
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return []
    promotions = SearchPromotion.objects.filter(
        query__query_string=query_string
    ).select_related("page")
    found = []
    for promotion in promotions:
        bet = (
            page_bet(promotion, locale)
            if promotion.page_id
            else link_bet(promotion, language)
        )
        if bet is not None and all(b.url != bet.url for b in found):
            found.append(bet)
    return found


def page_bet(promotion: SearchPromotion, locale: Locale) -> BestBet | None:
    """The promoted page in `locale`, if a reader may see it there."""
    page: Page | None = promotion.page
    if page is None:
        return None
    if page.locale_id != locale.pk:
        page = page.get_translation_or_none(locale)
    if page is None or not page.live or page.get_view_restrictions().exists():
        return None
    url = page.get_url()
    if not url:
        return None
    same_page = page.pk == promotion.page_id
    return BestBet(
        title=page.title,
        url=url,
        description=promotion.description if same_page else "",
        locale=locale.language_code,
    )


def link_bet(promotion: SearchPromotion, language: str) -> BestBet | None:
    """An external link, shown as the editor wrote it."""
    if not promotion.external_link_url:
        return None
    return BestBet(
        title=promotion.external_link_text or promotion.external_link_url,
        url=promotion.external_link_url,
        description=promotion.description,
        locale=language,
    )
