"""Storing an SKM answer, from the web form or the kiosk."""

from __future__ import annotations

from wagtail.models import Page

from ..moderation import writing_language
from . import skm
from .records import SurveyResponse


def save_response(survey: Page, data: dict, channel: str) -> SurveyResponse:
    """Store one answer against the default-language survey.

    One INSERT, which is a transaction of its own in autocommit mode: an
    explicit transaction would only add BEGIN and COMMIT round trips.
    """
    values = {name: data[name] for name in skm.ELEMENT_FIELDS}
    return SurveyResponse.objects.create(
        survey_id=survey.source.pk,
        survey_date=survey.local_today(),
        service_id=data.get("service") or None,
        service_date=data.get("service_date"),
        channel=channel,
        age_band=data.get("age_band", ""),
        sex=data.get("sex", ""),
        education=data.get("education", ""),
        occupation=data.get("occupation", ""),
        suggestion=data.get("suggestion", "").strip(),
        language=writing_language(),
        **values,
    )
