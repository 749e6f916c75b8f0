"""The framework behind `seed_demo`: each app's `demo.py` adds its content.

An app contributes demo content by defining `seed(ctx: DemoContext)` in its
`demo` module; `seed_demo` calls them in INSTALLED_APPS order (the core first).
Every `seed` must be idempotent: find by slug or natural key, create only what
is missing, never duplicate.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from io import StringIO
from types import ModuleType
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page
from wagtail.search import index as admin_search
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from . import page_cache
from .discovery import app_modules

DEMO_PASSWORD = "terpadu-demo"  # noqa: S105 - development accounts only
# True while `seed_demo` builds the demo (`upkeep_deferred`).
SEEDING_IN_BULK: ContextVar[bool] = ContextVar("seeding_in_bulk", default=False)


@cache
def demo_password_hash() -> str:
    """The demo password hashed once: the hasher is slow on purpose (about 0.7 s),
    and the demo creates some thirty accounts that share the password."""
    return make_password(DEMO_PASSWORD)


@dataclass
class DemoContext:
    """What the core's seed created, shared with the apps' seeds."""

    stdout: OutputWrapper
    home: Page | None = None
    units: dict[str, Page] = field(default_factory=dict)
    credentials: list[tuple[str, str, str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def locale_id(self) -> Locale:
        return Locale.objects.get(language_code="id")

    @property
    def locale_en(self) -> Locale:
        return Locale.objects.get(language_code="en")

    def user(self, username: str, role: str, **fields):
        """Get or create a development account; the password is set only once."""
        user_model = get_user_model()
        # A name and an address, which the admin's account settings require
        # before they save anything else (the admin's language, say).
        first, _space, rest = str(role).partition(" ")
        fields = {
            "first_name": first[:150],
            "last_name": (rest or "Terpadu")[:150],
            "email": f"{username}@terpadu.example",
            **fields,
        }
        user, created = user_model.objects.get_or_create(
            username=username, defaults=fields
        )
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
        elif not user.email:
            for name, value in fields.items():
                setattr(user, name, value)
            user.save(update_fields=list(fields))
        self.credentials.append((role, username, DEMO_PASSWORD))
        return user

    def log(self, message: str) -> None:
        self.stdout.write(message)


def demo_modules() -> list[ModuleType]:
    """The `demo` modules of installed apps that define `seed`, in INSTALLED_APPS
    order (`cms.core.discovery`)."""
    return [module for module in app_modules("demo") if hasattr(module, "seed")]


def seeding_in_bulk() -> bool:
    """True while `seed_demo` builds the demo: receivers that keep a cache or
    an index in line on every save leave it to one pass at the end."""
    return SEEDING_IN_BULK.get()


@contextmanager
def upkeep_deferred() -> Iterator[None]:
    """Build many pages without the upkeep each save costs, then catch up once.

    Saving a page normally makes cached pages stale, updates the site search,
    Wagtail's admin search and its reference index, each on every save (a
    demo page is saved some six times). Inside this block the page cache and
    the site search wait (their receivers read `seeding_in_bulk`; the search
    app's demo reconciles its index), the reference index is rebuilt once and
    each object saved is written to the admin search once, at the end. A
    block that saved nothing (the demo already built) has nothing to catch up.
    """
    token = SEEDING_IN_BULK.set(True)
    changed: list[type] = []

    def note_change(sender, **kwargs) -> None:
        changed.append(sender)

    post_save.connect(note_change, weak=False)
    post_delete.connect(note_change, weak=False)
    try:
        with disable_reference_index_auto_update(), admin_search_deferred():
            yield
    finally:
        SEEDING_IN_BULK.reset(token)
        post_save.disconnect(note_change)
        post_delete.disconnect(note_change)
    if changed:
        call_command("rebuild_references_index", stdout=StringIO())
        page_cache.invalidate_site()


@contextmanager
def admin_search_deferred() -> Iterator[None]:
    """Index each object saved in the block once, when the block ends, instead
    of on every save (Wagtail's admin search, `post_save` of indexed models)."""
    models = [
        model
        for model in admin_search.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    saved: dict[tuple[type, Any], None] = {}

    def remember(sender, instance, raw: bool = False, **kwargs) -> None:
        if not raw:
            saved[(sender, instance.pk)] = None

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(remember, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
    for model, pk in saved:
        instance = model._default_manager.filter(pk=pk).first()
        if instance is not None:
            admin_search.insert_or_update_object(instance)
