"""schema.org `GovernmentService` description of a standard (JSON-LD).

Served in a `<script type="application/ld+json">` data block, which the
Content-Security-Policy allows because browsers never execute it.
"""

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .choices import Audience, DeliveryChannel

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# ISO 8601 durations for the schema.org processingTime property. Working
# days have none: "P3D" says three calendar days, which a search engine would
# show for a service that takes three working days (five over a weekend).
ISO_DURATION = {
    "menit": "PT{}M",
    "jam": "PT{}H",
    "hari_kalender": "P{}D",
}


def government_service(page, request, unit=None) -> dict[str, Any]:
    """The schema.org description of the standard `page`."""
    unit = unit or page.unit
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.title,
        "url": page.get_full_url(request),
        "serviceType": page.get_category_display(),
        "inLanguage": get_language() or "id",
    }
    if page.summary:
        data["description"] = page.summary
    if unit is not None:
        provider = {
            "@type": "GovernmentOrganization",
            "name": unit.title,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": unit.address,
                "addressLocality": unit.city,
                "addressCountry": str(unit.country),
            },
        }
        if unit.phone:
            provider["telephone"] = unit.phone
        if unit.email:
            provider["email"] = unit.email
        data["provider"] = provider
        data["areaServed"] = {"@type": "Country", "name": unit.country_name}
    audience_labels = dict(Audience.choices)
    data["audience"] = [
        {"@type": "Audience", "audienceType": str(audience_labels[a])}
        for a in page.audiences
    ]
    channel_labels = dict(DeliveryChannel.choices)
    channels = []
    for channel in page.channels:
        entry: dict[str, Any] = {
            "@type": "ServiceChannel",
            "name": str(channel_labels[channel]),
        }
        if channel == DeliveryChannel.ELEKTRONIK and page.application_url:
            entry["serviceUrl"] = page.application_url
        duration = ISO_DURATION.get(page.completion_time_unit or "")
        if page.completion_time_value and duration:
            entry["processingTime"] = duration.format(page.completion_time_value)
        channels.append(entry)
    if channels:
        data["availableChannel"] = channels
    if page.is_free:
        data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "IDR"}
        if unit is not None:
            data["offers"]["priceCurrency"] = unit.currency
    else:
        offers = []
        for item in page.fees:
            amount = item.value.get("amount")
            if amount is None:
                continue
            offers.append(
                {
                    "@type": "Offer",
                    "name": item.value.get("label"),
                    "price": f"{amount:.2f}",
                    "priceCurrency": item.value.get("currency")
                    or (unit.currency if unit else ""),
                }
            )
        if offers:
            data["offers"] = offers
    if page.effective_date:
        data["datePublished"] = page.effective_date.isoformat()
    return data


def as_script_content(data: dict[str, Any]) -> SafeString:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped
