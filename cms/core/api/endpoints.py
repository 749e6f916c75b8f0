"""The endpoints apps add to the API root and to each unit's links.

An app that serves a list under `/api/` registers a `terpadu_api_endpoints`
hook returning its `Endpoint`s; the root (`cms.core.api.root`) links to them
and, when a list takes `?unit=`, every unit (`cms.core.api.units`) links to its
own part of that list. The core names no other app's routes, so removing an
app from INSTALLED_APPS removes its links.

    @hooks.register("terpadu_api_endpoints")
    def api_endpoints():
        return [Endpoint("permits", "api_permits", "Permits issued.",
                         unit_link="Its permits.")]
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from wagtail import hooks

ENDPOINTS_HOOK = "terpadu_api_endpoints"


@dataclass(frozen=True)
class Endpoint:
    """A list endpoint: its name in the root, URL name and description."""

    name: str
    url_name: str
    description: str
    # Help text of a unit's link to this list filtered by `?unit=`; empty when
    # the list cannot be filtered by unit.
    unit_link: str = ""

    def url(self, request: HttpRequest | None, query: str = "") -> str | None:
        """The endpoint's absolute URL (None when its route is not installed)."""
        try:
            path = reverse(self.url_name) + query
        except NoReverseMatch:
            return None
        return request.build_absolute_uri(path) if request is not None else path


def app_endpoints() -> list[Endpoint]:
    """Every app's endpoints, in INSTALLED_APPS order."""
    return [endpoint for fn in hooks.get_hooks(ENDPOINTS_HOOK) for endpoint in fn()]


def unit_lists() -> list[Endpoint]:
    """The endpoints that list a unit's content with `?unit=`."""
    return [endpoint for endpoint in app_endpoints() if endpoint.unit_link]
