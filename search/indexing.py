"""Keeping both engines in line with what is published.

`sync_pages(ids)` rewrites the database engine's rows at once (inside the
transaction that published the page) and sends the same pages to the cluster
after the transaction commits. A failed cluster update never fails the
publication: it is recorded in `PendingIndexUpdate` and `reconcile()` (the
`search_reconcile` command, also run by `search_rebuild`) catches up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import BulkIndexError
from wagtail.models import Page

from . import fulltext
from . import index as cluster
from .client import is_configured
from .engines.database import store_changed
from .models import IndexedPage, PendingIndexUpdate
from .registry import IndexDocument, registry

logger = logging.getLogger(__name__)
CLUSTER_ERRORS = (TransportError, ApiError, BulkIndexError)
STORE_FIELDS = [
    "kind",
    "title",
    "summary",
    "body",
    "url",
    "locale",
    "unit",
    "unit_type",
    "category",
    "year",
    "state",
    "published",
    "suggest",
    "keywords",
]


@dataclass
class ReconcileReport:
    """What `reconcile` changed, per engine."""

    stored: int = 0
    unstored: int = 0
    indexed: int = 0
    unindexed: int = 0
    pending: int = 0
    errors: list[str] = field(default_factory=list)


def documents_for(page_ids: Iterable[int]) -> tuple[list[IndexDocument], set[int]]:
    """Documents of the pages that should be searchable, and the ids that not
    (drafts and pages under a view restriction among them)."""
    ids = set(page_ids)
    docs = registry.build_many(Page.objects.filter(id__in=ids).specific())
    return docs, ids - {d.page_id for d in docs}


def _store_values(doc: IndexDocument) -> dict:
    values = {name: getattr(doc, name) for name in STORE_FIELDS}
    values["suggest"] = "\n".join(doc.suggest)
    values["title"] = doc.title[:500]
    return values


def write_store(docs: list[IndexDocument], delete_ids: Iterable[int]) -> None:
    """Upsert `docs` into the database engine and remove `delete_ids`."""
    delete_ids = list(delete_ids)
    if delete_ids:
        gone = IndexedPage.objects.filter(page_id__in=delete_ids)
        fulltext.forget(list(gone.values_list("id", flat=True)))
        gone.delete()
    written = [
        IndexedPage.objects.update_or_create(
            page_id=doc.page_id, defaults=_store_values(doc)
        )[0].pk
        for doc in docs
    ]
    fulltext.refresh(written)
    store_changed()


def bulk_write_store(
    docs: list[IndexDocument], force: bool = False
) -> tuple[set[int], set[int]]:
    """Make `IndexedPage` hold exactly `docs`; return page ids written, removed."""
    wanted = {d.page_id: d for d in docs}
    existing = {
        row["page_id"]: row
        for row in IndexedPage.objects.values("id", "page_id", *STORE_FIELDS)
    }
    stale = [row["id"] for pid, row in existing.items() if pid not in wanted]
    fulltext.forget(stale)
    for chunk in fulltext.chunks(stale):
        IndexedPage.objects.filter(id__in=chunk).delete()
    to_create, to_update = [], []
    for page_id, doc in wanted.items():
        values = _store_values(doc)
        row = existing.get(page_id)
        if row is None:
            to_create.append(IndexedPage(page_id=page_id, **values))
        elif force or any(row[k] != v for k, v in values.items()):
            to_update.append(IndexedPage(id=row["id"], page_id=page_id, **values))
    created = IndexedPage.objects.bulk_create(to_create, batch_size=500)
    if created and created[0].pk is None:
        page_ids = [obj.page_id for obj in created]
        created = list(IndexedPage.objects.filter(page_id__in=page_ids))
    IndexedPage.objects.bulk_update(to_update, STORE_FIELDS, batch_size=500)
    changed = [*created, *to_update]
    fulltext.refresh(obj.pk for obj in changed)
    store_changed()
    removed = {pid for pid, row in existing.items() if pid not in wanted}
    return {obj.page_id for obj in changed}, removed


def push_to_cluster(page_ids: Iterable[int]) -> bool:
    """Send the current state of `page_ids` to the cluster; journal on failure."""
    ids = set(page_ids)
    if not ids or not is_configured():
        return True
    docs, gone = documents_for(ids)
    try:
        cluster.index_documents(docs, sorted(gone))
    except CLUSTER_ERRORS as error:
        logger.warning("Search cluster update failed for pages %s: %s", ids, error)
        for page_id in ids:
            PendingIndexUpdate.objects.update_or_create(
                page_id=page_id, defaults={"error": str(error)[:1000]}
            )
        return False
    PendingIndexUpdate.objects.filter(page_id__in=ids).delete()
    return True


def sync_pages(page_ids: Iterable[int]) -> None:
    """Update both engines for `page_ids` and the pages whose documents show
    something of them (`registry.pages_showing`; the cluster after commit)."""
    ids = set(page_ids)
    if not ids:
        return
    ids |= registry.pages_showing(ids)
    docs, gone = documents_for(ids)
    write_store(docs, gone)
    if is_configured():
        transaction.on_commit(lambda: push_to_cluster(ids))


def reconcile(expected: list[IndexDocument] | None = None) -> ReconcileReport:
    """Bring both engines in line with the database; retry journalled pages."""
    report = ReconcileReport()
    if expected is None:
        expected = list(registry.iter_documents())
    written, removed = bulk_write_store(expected)
    report.stored, report.unstored = len(written), len(removed)
    if not is_configured():
        return report
    by_id = {d.page_id: d for d in expected}
    pending = set(PendingIndexUpdate.objects.values_list("page_id", flat=True))
    report.pending = len(pending)
    try:
        cluster.ensure_indices()
        present = cluster.indexed_ids()
        # Pages whose content changed without reaching the cluster (e.g. a unit
        # renamed: its pages' facets and URLs) are sent again too.
        to_index = set(pending) | written
        to_delete: set[int] = set()
        for locale, ids in present.items():
            wanted = {d.page_id for d in expected if d.locale == locale}
            to_index |= wanted - ids
            to_delete |= ids - wanted
        docs = [by_id[i] for i in sorted(to_index) if i in by_id]
        gone = sorted((to_index - set(by_id)) | (to_delete - set(by_id)))
        cluster.index_documents(docs, gone)
    except CLUSTER_ERRORS as error:
        report.errors.append(str(error))
        return report
    PendingIndexUpdate.objects.filter(page_id__in=pending).delete()
    report.indexed, report.unindexed = len(docs), len(gone)
    return report


def refresh_timely() -> set[int]:
    """Rebuild the documents that change with time; update the changed ones.

    A consultation opens and closes by the clock and a survey's figures move
    with its answers, with no publication to update the index: the
    `search_refresh` command (run by a scheduler) builds the documents of the
    types registered with `changes_with_time` and sends those that differ
    from the stored ones to both engines. Returns their page ids.
    """
    types = [t for t in registry.types() if t.changes_with_time]
    if not types:
        return set()
    docs = {doc.page_id: doc for doc in registry.iter_documents(types)}
    stored = {
        row["page_id"]: row
        for row in IndexedPage.objects.filter(kind__in=[t.kind for t in types])
        .values("page_id", *STORE_FIELDS)
        .iterator()
    }
    changed = {
        page_id
        for page_id, doc in docs.items()
        if page_id not in stored
        or any(stored[page_id][k] != v for k, v in _store_values(doc).items())
    }
    sync_pages(changed)
    return changed


def rebuild(force_database: bool = False) -> tuple[dict[str, int], ReconcileReport]:
    """Rebuild the cluster's indices (new index, bulk, alias swap), then reconcile.

    The documents are built once, while the cluster indexes them. The database
    engine's rows are brought in line by difference (rewriting every row and
    its full-text index is slow on SQLite); with `force_database` every row is
    rewritten (needed after changing `SEARCH_DATABASE_CONFIG`).
    """
    building = registry.iter_documents()
    docs: list[IndexDocument] = []

    def collected() -> Iterator[IndexDocument]:
        for doc in building:
            docs.append(doc)
            yield doc

    counts: dict[str, int] = {}
    try:
        if is_configured():
            counts = cluster.rebuild(collected())
    finally:
        docs.extend(building)  # all of them, even when the cluster failed
        bulk_write_store(docs, force=force_database)
    report = reconcile(docs)
    analyze_store()
    return counts, report


def analyze_store() -> None:
    """Fresh PostgreSQL planner statistics after a bulk load of the store.

    With statistics from before the load, PostgreSQL estimated 68 index entries
    where there were 27,000 and chose a plan four times slower.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(IndexedPage._meta.db_table)
        cursor.execute(f"ANALYZE {table}")
