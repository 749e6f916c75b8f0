"""How apps plug into the site: one discovery mechanism for every extension point.

An installed app contributes by having a module of a known name, found the way
Django's `autodiscover_modules` finds `admin` modules: every app config in
INSTALLED_APPS order, `module_has_submodule` on its package. No other list of
apps exists, so deleting an app (and its INSTALLED_APPS line) removes what it
added.

Modules (`app_modules`, `app_urls`):

- `public_urls.py`: routes inside the language prefix (`/id/`, `/en/`);
- `api_urls.py`: routes under `/api/` (and in the OpenAPI document);
- `admin_overrides.py`: stricter admin views, ahead of Wagtail's admin URLs;
- `open_data.py` with `DATASETS`: open-data files (`cms.core.open_data`);
- `demo.py` with `seed(ctx)`: demo content (`seed_demo`);
- `documents.py`: search documents (`search.registry`).

Wagtail hooks (`wagtail_hooks.py`), where a value rather than a module fits:

- `terpadu_home_sections`, `terpadu_unit_sections`: page sections
  (`cms.core.sections`);
- `terpadu_api_unit_latest_skm`: the unit detail's `latest_skm`
  (`cms.core.api.units`);
- `terpadu_api_endpoints`: an app's lists in the API root and, when they take
  `?unit=`, in each unit's links (`cms.core.api.endpoints`).
- `terpadu_unit_dashboard`, `terpadu_national_dashboard`: an app's block in
  each unit's section of the admin dashboard and in the superusers' national
  summary (`cms.core.dashboard`).
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.urls import URLPattern, URLResolver, include, path
from django.utils.module_loading import module_has_submodule


def app_module_names(name: str) -> list[str]:
    """Dotted names of the `name` modules of installed apps, in INSTALLED_APPS order."""
    return [
        f"{config.name}.{name}"
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, name)
    ]


def app_modules(name: str) -> list[ModuleType]:
    """The `name` modules of installed apps, imported, in INSTALLED_APPS order."""
    return [import_module(dotted) for dotted in app_module_names(name)]


def app_urls(name: str, prefix: str = "") -> list[URLPattern | URLResolver]:
    """`include()` the `name` URL module of every installed app that has one."""
    return [path(prefix, include(dotted)) for dotted in app_module_names(name)]
