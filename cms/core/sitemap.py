"""`/sitemap.xml`: Wagtail's sitemap of the site in every language.

Wagtail's own lists the default site's tree, which is the Indonesian one; the
English pages live in the tree of the home page's translation, so this lists
the trees of every translation of the root page. Addresses come from
`page.get_full_url()`, that is from `PUBLIC_BASE_URL` (`cms.core.sites`).
"""

from django.db.models import Q, QuerySet
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .visibility import public_pages


class TranslatedSitemap(Sitemap):
    def items(self) -> QuerySet:
        root = self.get_wagtail_site().root_page
        trees = Q()
        for translation in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=translation.path)
        pages = Page.objects.filter(trees).live()
        return public_pages(pages).order_by("path").defer_streamfields().specific()
