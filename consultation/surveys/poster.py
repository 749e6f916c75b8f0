"""The printable poster of a survey: a QR code to hang at the counter."""

from __future__ import annotations

import segno
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def poster_page(survey, request: HttpRequest) -> HttpResponse:
    """A printable A4 poster with a QR code linking to the survey."""
    url = survey.get_full_url(request)
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(
        scale=8,
        dark="#000",
        title=_("QR code linking to the survey"),
        desc=url,
        svgclass="poster__qr",
        lineclass=None,
        omitsize=True,
    )
    return TemplateResponse(
        request,
        "consultation/poster.html",
        {"page": survey, "unit": survey.unit, "qr_svg": svg, "survey_url": url},
    )
