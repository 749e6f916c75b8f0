"""Which page types are searchable, and how each becomes a search document.

`search/` never imports a domain model. Each app describes its own searchable
pages in a `documents.py` module, which `search` imports at start-up (like
Wagtail imports `wagtail_hooks`). Adding a page type takes a few lines::

    # consultation/forums/documents.py
    from django.utils.translation import gettext_lazy as _

    from cms.core.documents import attach_units, unit_fields
    from search.registry import IndexDocument, html_to_text, register


    @register("consultation.ConsultationPage", kind="consultation",
              label=_("Public consultation"),
              prefetch_related=("commitments",),  # relations the builder reads
              prefetch=attach_units)              # units in one query per chunk
    def consultation_document(page) -> IndexDocument:
        return IndexDocument.from_page(
            page,
            summary=page.summary,
            body=html_to_text(page.body),           # any text the page shows
            category=page.topic,                     # facet, optional
            year=page.opens_at.year,                 # facet, optional
            state=page.state,                        # facet (state/stage), optional
            suggest=[page.title],                    # suggestions, optional
            **unit_fields(page),                     # unit and unit type facets
        )

That is all: publishing, unpublishing, moving, deleting and translating pages of
that type now updates the index (after the transaction commits), the type is a
`kind` facet on the search page and in the API, and `search_rebuild` includes it.
Only live pages without view restrictions are indexed. Run
`python manage.py search_rebuild` once after deploying a new document type.

Rebuilds read pages in chunks and call `build` page by page: whatever `build`
would query for each page belongs in `select_related`, `prefetch_related` or a
`prefetch(pages)` hook, which loads it for the whole chunk at once.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cache
from types import SimpleNamespace
from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.functional import Promise
from wagtail import blocks
from wagtail.models import PageViewRestriction, Site

from cms.core.discovery import app_modules

from .keywords import add_keywords, unit_words

DocumentBuilder = Callable[[Any], "IndexDocument"]
Prefetcher = Callable[[list[Any]], None]
FactsLoader = Callable[[list[int]], dict[int, str]]
PagesShowing = Callable[[set[int]], Iterable[int]]
CHUNK_SIZE = 500

_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


# Between a StreamField's items and a standard's components in the indexed
# text: punctuation, so no engine indexes it, and readers of snippets see
# where one item ends.
ITEM_SEPARATOR = " · "


def html_to_text(value: Any) -> str:
    """Plain text of rich text, a StreamField or any value: tags removed.

    A StreamField's values are written as words (`block_words`): choices by
    their label in the active language, numbers as numbers; an empty choice and
    its prompt ("select an option") are not words of the page and stay out.
    """
    if value is None:
        return ""
    stream_block = getattr(value, "stream_block", None)
    if stream_block is not None:
        # One item (a requirement, a step, a fee) after another, set apart so
        # that a snippet reads "… Petugas 1 hari kerja · Pemohon mengambil …".
        items = (" ".join(block_words(child.block, child.value)) for child in value)
        return html_to_text(ITEM_SEPARATOR.join(item for item in items if item))
    text = _TAG_RE.sub(" ", force_str(value))
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()


def struct_phrase(parts: list[str]) -> str:
    """A structured item as a snippet reads it: its first part, then the
    others in brackets ("Surat keterangan hilang (Asli dan fotokopi)",
    "Pemohon mengisi formulir (Pemohon, 1 hari kerja)"), a number kept with
    the part after it (an amount and its currency, a time and its unit).
    The words were run together ("… kepolisian setempat Asli …")."""
    phrases: list[str] = []
    for part in (p for p in parts if p):
        if phrases and phrases[-1].replace(".", "", 1).isdigit():
            phrases[-1] = f"{phrases[-1]} {part}"
        else:
            phrases.append(part)
    if len(phrases) < 2:
        return "".join(phrases)
    return f"{phrases[0]} ({', '.join(phrases[1:])})"


def block_words(block: Any, value: Any) -> list[str]:
    """The words a block's value shows readers, for the index."""
    if value is None or value == "" or value == [] or value == ():
        return []
    if isinstance(block, blocks.StructBlock):
        if (
            type(block).get_searchable_content
            is not blocks.StructBlock.get_searchable_content
        ):  # the block says how it reads
            return [force_str(p) for p in block.get_searchable_content(value)]
        phrase = struct_phrase(
            [
                " ".join(block_words(child, value.get(name)))
                for name, child in block.child_blocks.items()
            ]
        )
        return [phrase] if phrase else []
    if isinstance(block, blocks.ListBlock):
        return [w for item in value for w in block_words(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [w for child in value for w in block_words(child.block, child.value)]
    field_ = getattr(block, "field", None)
    if isinstance(field_, forms.ChoiceField):
        labels = dict(field_.choices)
        chosen = value if isinstance(value, list | tuple) else [value]
        words = ", ".join(force_str(labels[v]) for v in chosen if v and v in labels)
        return [words] if words else []
    # A yes/no (a fee charged on top) is no word a reader types, and `bool` is
    # an `int`: without this it was indexed, and shown in snippets, as "True".
    if isinstance(block, blocks.URLBlock | blocks.BooleanBlock) or isinstance(
        value, bool
    ):
        return []
    if isinstance(value, Decimal):
        return [f"{value.normalize():f}"]
    if isinstance(value, int | float):
        return [str(value)]
    return [force_str(p) for p in block.get_searchable_content(value)]


def choice_label(page: Any, field_name: str, language: str) -> str:
    """`page.get_<field_name>_display()` in `language`.

    Memoised per value and language: choices and their translations do not
    change while the process runs, and the display method (choices normalised
    and a translation looked up on every call) cost a millisecond per page.
    """
    return _choice_label(type(page), field_name, getattr(page, field_name), language)


@cache
def _choice_label(model: type, field_name: str, value: Any, language: str) -> str:
    field_ = model._meta.get_field(field_name)
    with translation.override(language):
        return force_str(dict(field_.flatchoices).get(value, value))


def one_site() -> bool:
    """Whether one Wagtail site serves every page (root paths exist per
    language): page URLs are then relative, as `Page.get_url()` makes them."""
    return len({root_path.site_id for root_path in Site.get_site_root_paths()}) == 1


def page_url(page: Any) -> str:
    """The page's URL as `Page.get_url()` gives it without a request (relative
    on a one-site install), with the sites' root paths read once per batch:
    Wagtail keeps them on the `cache_object` passed to `get_url_parts`
    (`DocumentType.prepare` shares one per batch as `page.url_cache`)."""
    url_cache = getattr(page, "url_cache", None)
    parts = page.get_url_parts(url_cache)
    if parts is None:
        return page.url_path
    _site_id, root_url, path = parts
    single_site = getattr(url_cache, "single_site", None)
    if single_site is None:
        single_site = one_site()
    return path if single_site else root_url + path


@dataclass
class IndexDocument:
    """One searchable page, the same for both engines.

    `kind`, `unit`, `unit_type`, `category`, `year`, `state` and `locale` are
    exact-value facets; `title` weighs more than `summary`, which weighs more
    than `body`; `suggest` holds the phrases offered as the user types.
    """

    page_id: int
    kind: str
    title: str
    url: str
    locale: str
    summary: str = ""
    body: str = ""
    unit: str = ""
    unit_type: str = ""
    category: str = ""
    year: int | None = None
    state: str = ""
    published: datetime.datetime | None = None
    suggest: list[str] = field(default_factory=list)
    keywords: str = ""

    @classmethod
    def from_page(cls, page: Any, **fields: Any) -> IndexDocument:
        """A document with the page's own facts filled in; `fields` add the rest."""
        published = page.last_published_at or page.first_published_at
        values: dict[str, Any] = {
            "page_id": page.pk,
            "kind": registry.kind_of(page),
            "title": page.title,
            "url": page_url(page),
            "locale": page.locale.language_code,
            "published": published,
            "year": published.year if published else None,
        }
        values.update(fields)
        for name in ("summary", "body"):
            values[name] = html_to_text(values.get(name))
        if not values.get("suggest"):
            values["suggest"] = [page.title]
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        """The fields as a dict (shallow: `dataclasses.asdict` deep-copies, slowly)."""
        values = {name: getattr(self, name) for name in _FIELD_NAMES}
        values["suggest"] = list(self.suggest)
        return values


_FIELD_NAMES = tuple(f.name for f in fields(IndexDocument))


@dataclass(frozen=True)
class DocumentType:
    """A registered page type: its model label, facet value, label and builder.

    `select_related` and `prefetch_related` name relations `build` reads;
    `prefetch(pages)` loads anything else it reads for many pages at once.
    """

    model_label: str
    kind: str
    label: str | Promise
    build: DocumentBuilder
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str | Prefetch, ...] = ()
    prefetch: Prefetcher | None = None
    keyword_fields: tuple[str, ...] = ()
    changes_with_time: bool = False
    facts: FactsLoader | None = None
    shows: PagesShowing | None = None
    api_url_name: str = ""
    facet_choices: tuple[tuple[str, tuple], ...] = ()

    @property
    def model(self) -> Any:
        return apps.get_model(self.model_label)

    def build_in_language(self, page: Any) -> IndexDocument:
        """`build(page)` with the page's language active (labels of choices)."""
        with translation.override(page.locale.language_code):
            return self.build(page)

    def headings(self) -> list[str]:
        """The labels of `keyword_fields` in every language of the site."""
        found: list[str] = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                meta = self.model._meta
                found += [
                    force_str(meta.get_field(n).verbose_name)
                    for n in self.keyword_fields
                ]
        return list(dict.fromkeys(found))

    def prepare(self, pages: list[Any], url_cache: Any) -> None:
        """Load in bulk what `build` reads of `pages` (a few queries per chunk)."""
        prefetch_related_objects(
            pages, "locale", *self.select_related, *self.prefetch_related
        )
        for page in pages:
            page.url_cache = url_cache
        if self.prefetch is not None:
            self.prefetch(pages)


class Registry:
    """The searchable page types, keyed by model label ("app_label.ModelName")."""

    def __init__(self) -> None:
        self._types: dict[str, DocumentType] = {}
        self._discovered = False

    def register(
        self,
        model_label: str,
        *,
        kind: str,
        label: str | Promise,
        select_related: tuple[str, ...] = (),
        prefetch_related: tuple[str | Prefetch, ...] = (),
        prefetch: Prefetcher | None = None,
        keyword_fields: tuple[str, ...] = (),
        changes_with_time: bool = False,
        facts: FactsLoader | None = None,
        shows: PagesShowing | None = None,
        api_url_name: str = "",
        facet_choices: dict[str, Any] | None = None,
    ) -> Callable[[DocumentBuilder], DocumentBuilder]:
        """Decorator: `build(page) -> IndexDocument` indexes `model_label` pages.

        `select_related` and `prefetch_related` name relations `build` reads, and
        `prefetch(pages)` attaches to a list of pages anything else it would
        query page by page; rebuilds load them once per chunk of pages.
        The labels of `keyword_fields` (in every language) are words every
        page of the type is found by: the headings of its sections.
        `changes_with_time`: the document says something that changes with
        the clock or with answers (a consultation's state, a survey's
        figures); `search_refresh` rebuilds such documents on a schedule.
        `facts(page_ids)`: {page id: a short line of HTML} the results page
        shows under a hit of the kind, read live (a standard's fee and time
        as they apply today), in one query for the whole page of results.
        `shows(page_ids)`: the ids of this type's pages whose documents show
        something of any of `page_ids` (a survey names the standards it
        covers); they are indexed again whenever those pages are, so a
        standard withdrawn or restricted is no longer named in them.
        `api_url_name`: the URL name of the kind's detail in the open API
        (`/api/<kind>/{id}/`), which the search API links each hit to.
        `facet_choices`: {"category" or "state": the choices (code, label)
        whose labels the documents store in that facet}, so the search API
        takes the codes the other endpoints use (`?category=paspor`).
        """

        def decorator(build: DocumentBuilder) -> DocumentBuilder:
            self._types[model_label.lower()] = DocumentType(
                model_label,
                kind,
                label,
                build,
                tuple(select_related),
                tuple(prefetch_related),
                prefetch,
                tuple(keyword_fields),
                changes_with_time,
                facts,
                shows,
                api_url_name,
                tuple(
                    (name, tuple(choices))
                    for name, choices in (facet_choices or {}).items()
                ),
            )
            return build

        return decorator

    def discover(self) -> None:
        """Import `documents` of every installed app (once)."""
        if self._discovered:
            return
        self._discovered = True
        app_modules("documents")

    def types(self) -> list[DocumentType]:
        self.discover()
        return list(self._types.values())

    def pages_showing(self, page_ids: set[int]) -> set[int]:
        """The pages whose documents show something of `page_ids` (each
        type's `shows`), other than those."""
        found: set[int] = set()
        for document_type in self.types():
            if document_type.shows is not None:
                found.update(document_type.shows(page_ids))
        return found - page_ids

    def facts(self, hits: list[Any]) -> dict[int, str]:
        """{page id: facts line} for the `hits` whose kind registered `facts`."""
        loaders = {t.kind: t.facts for t in self.types() if t.facts is not None}
        by_kind: dict[str, list[int]] = {}
        for hit in hits:
            if hit.kind in loaders and hit.page_id is not None:
                by_kind.setdefault(hit.kind, []).append(hit.page_id)
        found: dict[int, str] = {}
        for kind, page_ids in by_kind.items():
            found.update(loaders[kind](page_ids))
        return found

    def api_url_names(self) -> dict[str, str]:
        """Kind -> the URL name of its detail in the open API, for the kinds
        that have one."""
        return {t.kind: t.api_url_name for t in self.types() if t.api_url_name}

    def facet_labels(self, facet: str) -> dict[str, set[str]]:
        """Code -> its labels in every language of the site, for the values of
        `facet` ("category", "state") of every kind that names its choices."""
        labels: dict[str, set[str]] = {}
        for document_type in self.types():
            for name, choices in document_type.facet_choices:
                if name != facet:
                    continue
                for code, label in choices:
                    for language, _name in settings.LANGUAGES:
                        with translation.override(language):
                            labels.setdefault(str(code), set()).add(str(label))
        return labels

    def kinds(self) -> dict[str, str | Promise]:
        """Facet value -> human label, for every registered kind."""
        return {t.kind: t.label for t in self.types()}

    def kind_words(self) -> dict[str, str]:
        """kind -> its label in every language of the site, and the headings of
        its sections (`keyword_fields` of its registration): words every page
        of the kind is found by (`search.keywords`)."""
        found: dict[str, list[str]] = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for kind, label in self.kinds().items():
                    found.setdefault(kind, []).append(force_str(label))
        for doc_type in self.types():
            found.setdefault(doc_type.kind, []).extend(doc_type.headings())
        return {kind: " ".join(dict.fromkeys(words)) for kind, words in found.items()}

    def type_for(self, page: Any) -> DocumentType | None:
        self.discover()
        return self._types.get(page._meta.label_lower)

    def kind_of(self, page: Any) -> str:
        doc_type = self.type_for(page)
        return doc_type.kind if doc_type else ""

    def build(self, page: Any) -> IndexDocument | None:
        """The page's document, or None when it must not be in the index."""
        docs = self.build_many([page])
        return docs[0] if docs else None

    def build_many(self, pages: Iterable[Any]) -> list[IndexDocument]:
        """Documents of the `pages` that must be in the index, in a few queries.

        Pages of unregistered types, drafts and pages under a view restriction
        (one query for all) are left out.
        """
        restricted = restricted_paths()
        by_type: dict[str, tuple[DocumentType, list[Any]]] = {}
        for page in pages:
            page = page.specific
            doc_type = self.type_for(page)
            if doc_type is None or not page.live or _under(page.path, restricted):
                continue
            by_type.setdefault(doc_type.model_label, (doc_type, []))[1].append(page)
        url_cache = SimpleNamespace(single_site=one_site())
        docs: list[IndexDocument] = []
        for doc_type, typed in by_type.values():
            doc_type.prepare(typed, url_cache)
            docs += [doc_type.build_in_language(page) for page in typed]
        if docs:
            add_keywords(docs, unit_words(), self.kind_words())
        return docs

    def iter_documents(
        self, types: list[DocumentType] | None = None
    ) -> Iterator[IndexDocument]:
        """Every document the database says should be searchable (of `types`).

        Pages are read in chunks; each chunk's relations, units and URLs are
        loaded once for the chunk (`DocumentType.prepare`), not page by page.
        """
        url_cache = SimpleNamespace(single_site=one_site())
        units, kinds = unit_words(), self.kind_words()
        for doc_type in self.types() if types is None else types:
            pages = (
                doc_type.model.objects.live()
                .public()
                .select_related("locale", *doc_type.select_related)
                .order_by("path")
            )
            for chunk in chunks(pages.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
                doc_type.prepare(chunk, url_cache)
                docs = [doc_type.build_in_language(page) for page in chunk]
                add_keywords(docs, units, kinds)
                yield from docs


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages with a view restriction (their subtrees are private)."""
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def _under(path: str, roots: tuple[str, ...]) -> bool:
    return bool(roots) and path.startswith(roots)


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """`items` in lists of `size` (the last may be shorter)."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


registry = Registry()
register = registry.register
