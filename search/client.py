"""The connection to Elasticsearch or OpenSearch, and index naming.

`ELASTICSEARCH_URL` (credentials may be in the URL), `ELASTICSEARCH_CA_CERTS`
and `ELASTICSEARCH_OPENSEARCH`. The elasticsearch 8 client sends
`application/vnd.elasticsearch+json; compatible-with=8` and expects the
`X-Elastic-Product` response header; OpenSearch (and osmem-server) refuse the
first and never send the second. The client rewrites any `application/json`
to the compatible type itself (its `headers=` option cannot prevent that), so
with `ELASTICSEARCH_OPENSEARCH` the client's public `node_class` option gets a
subclass of elastic_transport's public `Urllib3HttpNode` that sends plain
`application/json` and vouches for the product.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from elastic_transport import HttpHeaders, Urllib3HttpNode
from elasticsearch import Elasticsearch

COMPAT_PREFIX = "application/vnd.elasticsearch+"
PRODUCT_HEADER = "x-elastic-product"
REQUEST_TIMEOUT = 5.0
_clients: dict[tuple[str, str, bool], Elasticsearch] = {}


def plain_json_headers(headers: HttpHeaders | None) -> HttpHeaders | None:
    """`headers` with the compatible-with media types back to plain ones.

    `application/vnd.elasticsearch+x-ndjson; compatible-with=8` becomes
    `application/x-ndjson`; other headers are kept.
    """
    if not headers:
        return headers
    headers = headers.copy()
    for name in ("accept", "content-type"):
        value = headers.get(name)
        if value and value.startswith(COMPAT_PREFIX):
            subtype = value[len(COMPAT_PREFIX) :].split(";")[0].strip()
            headers[name] = f"application/{subtype}"
    return headers


class OpenSearchCompatibleNode(Urllib3HttpNode):
    """An HTTP node that speaks plain JSON, for OpenSearch-style servers."""

    def perform_request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: HttpHeaders | None = None,
        **kwargs: Any,
    ) -> Any:
        """The node's response, marked as Elasticsearch's for the product check."""
        response = super().perform_request(
            method, target, body, plain_json_headers(headers), **kwargs
        )
        if PRODUCT_HEADER in response.meta.headers:
            return response
        response_headers = response.meta.headers.copy()
        response_headers[PRODUCT_HEADER] = "Elasticsearch"
        meta = dataclasses.replace(response.meta, headers=response_headers)
        return type(response)(meta, response.body)


def is_configured() -> bool:
    """True when a search cluster is configured (otherwise: database engine)."""
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def get_client() -> Elasticsearch:
    """A shared client for the configured cluster (one per URL and options)."""
    url = settings.ELASTICSEARCH_URL
    ca_certs = getattr(settings, "ELASTICSEARCH_CA_CERTS", "")
    opensearch = bool(getattr(settings, "ELASTICSEARCH_OPENSEARCH", False))
    key = (url, ca_certs, opensearch)
    if key not in _clients:
        options: dict[str, Any] = {
            "request_timeout": REQUEST_TIMEOUT,
            "max_retries": 0,
            "retry_on_timeout": False,
        }
        if ca_certs:
            options["ca_certs"] = ca_certs
        if opensearch:
            options["node_class"] = OpenSearchCompatibleNode
        _clients[key] = Elasticsearch(url, **options)
    return _clients[key]


def index_prefix() -> str:
    """The first part of every index and alias name (`SEARCH_INDEX_PREFIX`)."""
    return getattr(settings, "SEARCH_INDEX_PREFIX", "terpadu") or "terpadu"


def locales() -> list[str]:
    """Language codes with an index each."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def alias_name(locale: str) -> str:
    """The alias searches read, e.g. `terpadu-pages-id`."""
    return f"{index_prefix()}-pages-{locale}"
