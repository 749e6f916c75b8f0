"""The site's public address, configured once.

`PUBLIC_BASE_URL` (setting, from the environment) is the address readers use:
posters and their QR codes, JSON-LD, the API's `html_url` and `detail_url`,
e-mails and the sitemap are all built from it, through Wagtail's `Site` (whose
`root_url` every `page.get_full_url()` uses) and `WAGTAILAPI_BASE_URL`.
`make run` sets it from its `HOST` and `PORT`; `sync_site_url` (run by
`make demo` and `make serve`) writes it into the default `Site`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(base_url: str) -> tuple[str, int]:
    """The (hostname, port) of `base_url`, the port defaulting to its scheme's."""
    parts = urlsplit(base_url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            f"PUBLIC_BASE_URL must look like https://example.go.id, not {base_url!r}"
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"PUBLIC_BASE_URL must have no path, query or fragment: {base_url!r}"
        )
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def follow_public_base_url() -> Site | None:
    """Give the default `Site` the hostname and port of `PUBLIC_BASE_URL`.

    Returns the site, or None when there is no default site yet (before the
    first page tree exists).
    """
    hostname, port = site_address(settings.PUBLIC_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site
