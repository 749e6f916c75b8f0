"""The Elasticsearch index: document mapping (elasticsearch-dsl) and lifecycle.

One index per locale behind an alias (`<prefix>-pages-<locale>`). `rebuild`
creates a new index, fills it with the bulk helper and swaps the alias
atomically, so searches never see a half-built index.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from typing import Any

from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import bulk
from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Text,
)

from .analysis import (
    INDEX_ANALYZER,
    SEARCH_ANALYZER,
    STEM_ANALYZER,
    analysis_settings,
)
from .client import alias_name, get_client, locales
from .fulltext import indexed_texts
from .registry import IndexDocument, chunks
from .synonyms import synonym_rules

# Building a whole index sends large bulk requests: allow them longer than the
# searches' REQUEST_TIMEOUT (a busy cluster answers them in seconds, not ms).
REBUILD_TIMEOUT = 120.0
# Documents per bulk request, and requests built ahead of the one being sent.
BULK_CHUNK = 500
BULK_QUEUE = 2
NO_REFRESH = {"index": {"refresh_interval": "-1"}}
DEFAULT_REFRESH = {"index": {"refresh_interval": "1s"}}


def _text() -> Text:
    return Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER)


def _stems() -> Text:
    return Text(analyzer=STEM_ANALYZER)


STEM_FIELDS = ("title_stem", "summary_stem", "body_stem")


def with_stems(values: dict[str, Any]) -> dict[str, Any]:
    """`values` with the `*_stem` fields: the stems the database engine indexes."""
    values.update(zip(STEM_FIELDS, indexed_texts(values), strict=True))
    return values


class PageDocument(Document):
    """A published page in the search cluster (see `registry.IndexDocument`)."""

    page_id = Integer()
    title = _text()
    summary = _text()
    body = _text()
    url = Keyword(index=False)
    kind = Keyword()
    unit = Keyword()
    unit_type = Keyword()
    category = Keyword()
    state = Keyword()
    locale = Keyword()
    year = Integer()
    published = Date()
    suggest = Completion(analyzer="simple")
    keywords = _text()
    title_stem = _stems()
    summary_stem = _stems()
    body_stem = _stems()

    class Meta:
        dynamic = "strict"

    @classmethod
    def from_document(cls, doc: IndexDocument) -> PageDocument:
        values = with_stems(doc.as_dict())
        values["suggest"] = {"input": suggest_inputs(doc.suggest)}
        return cls(meta={"id": doc.page_id}, **values)


def suggest_inputs(phrases: Iterable[str]) -> list[str]:
    """Each phrase and its tails, so "pas" suggests "Penerbitan paspor"."""
    inputs: list[str] = []
    for phrase in phrases:
        words = phrase.split()
        for i in range(min(len(words), 6)):
            tail = " ".join(words[i:])[:50]
            if tail and tail not in inputs:
                inputs.append(tail)
    return inputs


def new_index_name(locale: str) -> str:
    """A fresh time-stamped index name for `locale`."""
    return f"{alias_name(locale)}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


def new_index(locale: str, name: str | None = None) -> Index:
    """An elasticsearch-dsl Index named `name` (a fresh one by default) for `locale`."""
    index = Index(name or new_index_name(locale))
    index.settings(
        number_of_shards=1,
        number_of_replicas=0,
        analysis=analysis_settings(locale, synonym_rules()),
    )
    index.document(PageDocument)
    return index


def index_body(locale: str) -> dict[str, Any]:
    """The settings and mappings a new index of `locale` is created with."""
    return new_index(locale).to_dict()


def create_index(client: Elasticsearch, locale: str) -> str:
    name = new_index_name(locale)
    new_index(locale, name).create(using=client)
    return name


def concrete_indices(client: Elasticsearch, locale: str) -> list[str]:
    """Indices the locale's alias points at (empty when it does not exist)."""
    try:
        return list(client.indices.get_alias(name=alias_name(locale)).keys())
    except NotFoundError:
        return []


def ensure_indices(client: Elasticsearch | None = None) -> None:
    """Create an empty index behind every missing alias."""
    client = client or get_client()
    for locale in locales():
        if not client.indices.exists_alias(name=alias_name(locale)):
            name = create_index(client, locale)
            client.indices.update_aliases(
                actions=[{"add": {"index": name, "alias": alias_name(locale)}}]
            )


def source_for(doc: IndexDocument) -> dict[str, Any]:
    """What `PageDocument.from_document(doc).to_dict()` gives, built directly.

    elasticsearch-dsl wraps and copies every value; for a rebuild of 13,000
    pages that took seconds. Empty values are left out as it leaves them out.
    """
    values = with_stems(doc.as_dict())
    values["suggest"] = {"input": suggest_inputs(doc.suggest)}
    return {k: v for k, v in values.items() if v is not None and v != []}


def action_for(doc: IndexDocument, index: str | None = None) -> dict[str, Any]:
    """A bulk index action for `doc` into `index` (default: its locale's alias)."""
    return {
        "_id": doc.page_id,
        "_index": index or alias_name(doc.locale),
        "_source": source_for(doc),
    }


def actions_for(docs: Iterable[IndexDocument], index: str | None = None):
    for doc in docs:
        yield action_for(doc, index)


def _send(client: Elasticsearch, actions: list[dict[str, Any]]) -> None:
    bulk(client, actions, chunk_size=len(actions), refresh=False)


def load(
    client: Elasticsearch, documents: Iterable[IndexDocument], names: dict[str, str]
) -> dict[str, int]:
    """Bulk-load `documents` into the new index of their locale (`names`).

    Requests are sent by a second thread while this one goes on reading the
    next documents (from the database, usually), so a rebuild takes about the
    longer of the two, not their sum. The documents are read in this thread
    only: database connections belong to their thread.
    """
    counts = dict.fromkeys(names, 0)

    def actions():
        for doc in documents:
            if doc.locale in names:
                counts[doc.locale] += 1
                yield action_for(doc, names[doc.locale])

    with ThreadPoolExecutor(max_workers=1) as sender:
        pending: deque[Future] = deque()
        for chunk in chunks(actions(), BULK_CHUNK):
            pending.append(sender.submit(_send, client, chunk))
            while len(pending) > BULK_QUEUE:
                pending.popleft().result()
        for future in pending:
            future.result()
    return counts


def rebuild(documents: Iterable[IndexDocument]) -> dict[str, int]:
    """Build new indices, bulk-load `documents`, swap aliases, drop old indices.

    `documents` may be a generator: it is read once, while the cluster indexes.
    The new indices do not refresh during the load (one refresh at the end).
    """
    client = get_client().options(request_timeout=REBUILD_TIMEOUT)
    names = {locale: create_index(client, locale) for locale in locales()}
    try:
        for name in names.values():
            client.indices.put_settings(index=name, settings=NO_REFRESH)
        counts = load(client, documents, names)
    except BaseException:
        # The aliases still point at the old indices: drop the half-built ones.
        for name in names.values():
            _delete_quietly(client, name)
        raise
    for locale, name in names.items():
        client.indices.put_settings(index=name, settings=DEFAULT_REFRESH)
        client.indices.refresh(index=name)
        _swap_alias(client, locale, name)
    return counts


def _delete_quietly(client: Elasticsearch, name: str) -> None:
    with suppress(ApiError, TransportError):
        client.indices.delete(index=name, ignore_unavailable=True)


def _swap_alias(client: Elasticsearch, locale: str, name: str) -> None:
    """Point the locale's alias at `name` atomically; delete the old indices."""
    old = concrete_indices(client, locale)
    alias = alias_name(locale)
    actions: list[dict[str, Any]] = [
        {"remove": {"index": o, "alias": alias}} for o in old
    ]
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for o in old:
        client.indices.delete(index=o, ignore_unavailable=True)


def index_documents(docs: list[IndexDocument], delete_ids: list[int]) -> None:
    """Index `docs` and delete pages `delete_ids` from every locale's index."""
    client = get_client()
    ensure_indices(client)
    actions: list[dict[str, Any]] = list(actions_for(docs))
    # A page may have moved locale or been removed: delete it from the others.
    kept = {(d.page_id, alias_name(d.locale)) for d in docs}
    ids = {d.page_id for d in docs} | set(delete_ids)
    for page_id in ids:
        for locale in locales():
            if (page_id, alias_name(locale)) not in kept:
                actions.append(
                    {"_op_type": "delete", "_index": alias_name(locale), "_id": page_id}
                )
    if actions:
        bulk(client, actions, refresh="wait_for", raise_on_error=False)


def indexed_ids(client: Elasticsearch | None = None) -> dict[str, set[int]]:
    """Page ids currently in each locale's index."""
    client = client or get_client()
    found: dict[str, set[int]] = {}
    for locale in locales():
        ids: set[int] = set()
        search = PageDocument.search(using=client, index=alias_name(locale))
        search = search.source(False).params(size=1000)
        for hit in search.scan():
            ids.add(int(hit.meta.id))
        found[locale] = ids
    return found
