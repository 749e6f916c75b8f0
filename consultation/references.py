"""References to service standards in the API: the standards a consultation
reviews and the services a survey covers."""

from __future__ import annotations

from typing import Any

from cms.core.api.base import api_url


def standard_refs(pages, request) -> list[dict[str, Any]]:
    """References to the public standards among `pages` (prefetched with
    `public_related`)."""
    return [
        {
            "id": page.pk,
            "title": page.title,
            "api_url": api_url(request, "api_standard", id=page.pk),
        }
        for page in pages
        if page.live
    ]
