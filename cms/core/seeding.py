"""The framework behind `seed_demo`: each app's `demo.py` adds its content.

An app contributes demo content by defining `seed(ctx: DemoContext)` in its
`demo` module; `seed_demo` calls them in INSTALLED_APPS order (the core first).
Every `seed` must be idempotent: find by slug or natural key, create only what
is missing, never duplicate.
"""

from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import OutputWrapper
from wagtail.models import Locale, Page

from .discovery import app_modules

DEMO_PASSWORD = "terpadu-demo"  # noqa: S105 - development accounts only


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
        user, created = user_model.objects.get_or_create(
            username=username, defaults=fields
        )
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
        self.credentials.append((role, username, DEMO_PASSWORD))
        return user

    def log(self, message: str) -> None:
        self.stdout.write(message)


def demo_modules() -> list[ModuleType]:
    """The `demo` modules of installed apps that define `seed`, in INSTALLED_APPS
    order (`cms.core.discovery`)."""
    return [module for module in app_modules("demo") if hasattr(module, "seed")]
