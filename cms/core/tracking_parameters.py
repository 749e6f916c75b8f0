"""Campaign and click-tracking parameters in a page's address.

A ministry's campaign is read through links shared on social media, by
WhatsApp broadcast and in newsletters: `?utm_source=whatsapp&utm_campaign=…`,
and Facebook, Instagram and Google add a click id of their own to every link
followed (`?fbclid=<unique>`). They are meant for analytics and change
nothing a page shows, yet each such address counted as a page of its own: the
page cache passed over any query string, so on a campaign's busy day most
readers got a page rendered from scratch, and the search-engine links
(`rel="alternate"`) repeated the parameters as if they named another page.

A query string made only of these parameters is treated as none: the page
cache answers it, and the page's canonical and alternate links, and its
language switcher, leave them out. Any other parameter (a listing's filter,
a page number) still makes the address its own.
"""

from __future__ import annotations

from urllib.parse import unquote_plus

#: Campaign parameters of Google Analytics (`utm_source`, `utm_medium`, …)
#: and of Matomo, formerly Piwik (`mtm_campaign`, `pk_campaign`, …).
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_")
#: Click ids that advertising and social platforms append to links followed
#: (Facebook and its app's shares, Instagram, Google Ads and Google's own
#: results, Microsoft Ads, Yandex, TikTok, X, Mailchimp, Marketo) and Google
#: Analytics' cross-domain linker.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "mibextid",
        "igshid",
        "srsltid",
        "gclid",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "yclid",
        "ttclid",
        "twclid",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "_ga",
        "_gl",
    }
)


def is_tracking(name: str) -> bool:
    """Whether the parameter `name` only tracks a visit."""
    name = name.lower()
    return name.startswith(TRACKING_PREFIXES) or name in TRACKING_PARAMETERS


def content_query(query_string: str) -> str:
    """`query_string` (as sent, without `?`) without its tracking parameters;
    the others keep their order and encoding."""
    if not query_string:
        return ""
    return "&".join(
        part
        for part in query_string.split("&")
        if part and not is_tracking(unquote_plus(part.partition("=")[0]))
    )


def address_query(query_string: str) -> str:
    """The part of `query_string` that names a page's content in its links
    (canonical, alternate, the language switcher): its content query without
    empty parameters, which a filter form sends for each field left unset
    (`?year=&stage=` lists what no query lists)."""
    return "&".join(
        part
        for part in content_query(query_string).split("&")
        if part and part.partition("=")[2]
    )
