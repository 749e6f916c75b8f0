"""The client's address, as the rate limits and the admin lockouts key on it.

Behind a reverse proxy every request comes from the proxy's address
(`REMOTE_ADDR`); the client's address is in `X-Forwarded-For`, where each
proxy appends the address it received the request from. Anything left of the
entries the trusted proxies appended was written by the client and can be
forged, so the address is taken `TRUSTED_PROXY_COUNT` entries from the right
of the chain (REMOTE_ADDR counted as the last entry), by django-ipware.

- `TRUSTED_PROXY_COUNT = 0` (the default): no proxy; the address is
  `REMOTE_ADDR` and `X-Forwarded-For` is ignored.
- `TRUSTED_PROXY_IPS` (optional): the networks the nearest proxy connects
  from; a request from any other address (one that bypassed the proxy) is
  keyed on its `REMOTE_ADDR`.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


@functools.cache
def trusted_networks(
    entries: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The networks of `TRUSTED_PROXY_IPS` (an address is a network of one)."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def from_trusted_proxy(remote_addr: str) -> bool:
    """True when the connection comes from a proxy whose headers we believe."""
    entries = tuple(getattr(settings, "TRUSTED_PROXY_IPS", ()) or ())
    if not entries:
        return True
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in trusted_networks(entries))


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent `request` ('' when none is known)."""
    remote_addr = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0 or not from_trusted_proxy(remote_addr):
        return remote_addr
    # ipware counts the proxies inside the header; the nearest one is
    # REMOTE_ADDR. A chain shorter than the proxies trusted (a request that
    # did not pass through all of them) is not believed: REMOTE_ADDR it is.
    address, _routable = get_client_ip(
        request,
        proxy_count=proxies - 1,
        request_header_order=[FORWARDED_FOR],
        strict=False,
    )
    return address or remote_addr
