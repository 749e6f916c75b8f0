"""Search data kept in the database.

- `Synonym`: editor-managed equivalences ("WNI, warga negara Indonesia").
- `IndexedPage`: the database engine's copy of every search document, with its
  own full-text index (`search/fulltext.py`: PostgreSQL search vectors with GIN
  indexes, or an FTS5 table on SQLite).
- `PendingIndexUpdate`: the outage journal, pages whose cluster update failed.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


def split_terms(text: str) -> list[str]:
    """The terms of one equivalence list, lower-cased, without blanks."""
    return [t.strip().lower() for t in text.replace("\n", ",").split(",") if t.strip()]


class Synonym(models.Model):
    """Words that mean the same thing in a search, e.g. "WNI, warga negara Indonesia".

    Applied when searching, so changes take effect without rebuilding the index.
    """

    terms = models.TextField(
        _("equivalent terms"),
        unique=True,
        help_text=_(
            "Words or phrases that mean the same, separated by commas, e.g. "
            "'WNI, warga negara Indonesia'. A search for any of them finds all."
        ),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def clean(self) -> None:
        terms = split_terms(self.terms)
        if len(terms) < 2:
            raise ValidationError(
                {"terms": _("Give at least two terms separated by a comma.")}
            )
        if any("=>" in t or "#" in t for t in terms):
            raise ValidationError(
                {"terms": _("Use only words, spaces, hyphens and commas.")}
            )
        self.terms = ", ".join(terms)


class IndexedPage(models.Model):
    """A published page as the database engine searches it (one row per page).

    The vectors are filled by `search.fulltext.refresh` and used on PostgreSQL
    only, where migration 0005 gives each a GIN index (declared there, not in
    `Meta.indexes`: SQLite has no GIN and keeps its FTS5 table instead).
    """

    page_id = models.PositiveIntegerField(unique=True)
    kind = models.CharField(max_length=50, db_index=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=1000)
    locale = models.CharField(max_length=10, db_index=True)
    unit = models.CharField(max_length=255, blank=True, db_index=True)
    unit_type = models.CharField(max_length=50, blank=True)
    category = models.CharField(max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    state = models.CharField(max_length=50, blank=True)
    published = models.DateTimeField(null=True, blank=True)
    suggest = models.TextField(blank=True, help_text="One suggestion per line.")
    keywords = models.TextField(
        blank=True,
        help_text="Words the page is found by without showing them: its unit's "
        "names and place, its kind in both languages.",
    )

    search_vector = SearchVectorField(null=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("indexed page")
        verbose_name_plural = _("indexed pages")

    def __str__(self) -> str:
        return self.title


class PendingIndexUpdate(models.Model):
    """A page whose search-cluster update failed; `search_reconcile` retries it."""

    page_id = models.PositiveIntegerField(unique=True)
    recorded_at = models.DateTimeField(auto_now=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("pending search index update")
        verbose_name_plural = _("pending search index updates")

    def __str__(self) -> str:
        return f"page {self.page_id}"


class SearchTermDay(models.Model):
    """How often a query was searched on one day, and how often it found nothing.

    Written only by the `search_flush_stats` command from the counts searches
    keep in the cache (`search/stats.py`); no personal data: the normalised
    query and the day.
    """

    date = models.DateField(_("date"), db_index=True)
    query = models.CharField(_("query"), max_length=255)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search term count")
        verbose_name_plural = _("search term counts")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "query"], name="search_term_day_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.query}"
