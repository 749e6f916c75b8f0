"""Admin screens where a unit's staff enrol and revoke the kiosk tablets of a survey.

Reached from the survey page's header button. Whoever may edit the survey
page (the unit's editors and moderators, through Wagtail's page permissions)
manages its enrolments. Anyone else, and any enrolment id that is not one of
this survey's, gets Wagtail's "permission denied" (PermissionDenied, which the
admin answers with a redirect to the dashboard and an error message), so
another unit's staff cannot list, create, open or revoke them.
"""

from __future__ import annotations

import segno
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from cms.core.page_access import page_for

from . import kiosk
from .models import SatisfactionSurveyPage
from .records import KioskEnrolment


class KioskEnrolmentForm(forms.ModelForm):
    """The name staff give a new tablet, e.g. Loket 1."""

    class Meta:
        model = KioskEnrolment
        fields = ["name"]


def _enrolment_for(survey: SatisfactionSurveyPage, enrolment_id: int):
    enrolment = KioskEnrolment.objects.filter(
        pk=enrolment_id, survey_id=survey.source.pk
    ).first()
    if enrolment is None:
        raise PermissionDenied
    return enrolment


def poster_url(survey: SatisfactionSurveyPage) -> str:
    """The printable poster's public address ("" until the survey is live):
    from the site's configured base URL, as its QR code."""
    if not survey.live:
        return ""
    url = survey.get_full_url()
    return url + survey.reverse_subpage("poster") if url else ""


def kiosk_enrolments(request: HttpRequest, page_id: int) -> HttpResponse:
    """The survey's enrolments; POST creates one and shows its link."""
    survey = page_for(request, SatisfactionSurveyPage, page_id)
    form = KioskEnrolmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        enrolment = kiosk.create_enrolment(
            survey, form.cleaned_data["name"], request.user
        )
        return redirect("consultation_kiosk_enrolment", survey.pk, enrolment.pk)
    enrolments = KioskEnrolment.objects.filter(survey_id=survey.source.pk)
    return TemplateResponse(
        request,
        "consultation/admin/kiosk_enrolments.html",
        {
            "survey": survey,
            "form": form,
            "enrolments": enrolments.select_related("created_by"),
            "header_title": _("Kiosk tablets"),
            "link_hours": kiosk.LINK_MAX_AGE // 3600,
            "poster_url": poster_url(survey),
        },
        status=400 if form.errors else 200,
    )


def kiosk_enrolment(request: HttpRequest, page_id: int, enrolment_id: int):
    """One enrolment: while unused, its link and QR code in each language.

    The tablet's cookie counts in every language; the link's language is the
    one its confirmation page and first kiosk screen are shown in.
    """
    survey = page_for(request, SatisfactionSurveyPage, page_id)
    enrolment = _enrolment_for(survey, enrolment_id)
    links = []
    if enrolment.link_is_usable():
        links = [
            _language_link(enrolment, page, request) for page in _live_languages(survey)
        ]
    response = TemplateResponse(
        request,
        "consultation/admin/kiosk_enrolment.html",
        {
            "survey": survey,
            "enrolment": enrolment,
            "links": links,
            "header_title": _("Kiosk tablet: %(name)s") % {"name": enrolment.name},
        },
    )
    add_never_cache_headers(response)  # the link is a secret
    return response


def _live_languages(survey: SatisfactionSurveyPage) -> list[SatisfactionSurveyPage]:
    """The survey's live pages, in the order of settings.LANGUAGES."""
    pages = {
        page.locale.language_code: page
        for page in SatisfactionSurveyPage.objects.live()
        .filter(translation_key=survey.translation_key)
        .select_related("locale")
    }
    return [pages[code] for code, _name in settings.LANGUAGES if code in pages]


def _language_link(enrolment: KioskEnrolment, page, request: HttpRequest) -> dict:
    code = page.locale.language_code
    language = dict(settings.LANGUAGES)[code]
    link = kiosk.enrolment_link(enrolment, page, request)
    title = _("QR code of the enrolment link (%(language)s)") % {"language": language}
    return {
        "code": code,
        "language": language,
        "url": link,
        "qr_svg": segno.make(link, error="m").svg_inline(
            scale=5,
            dark="#000",
            title=title,
            svgclass="kiosk-enrolment__qr",
            lineclass=None,
        ),
    }


@require_POST
def revoke_kiosk_enrolment(
    request: HttpRequest, page_id: int, enrolment_id: int
) -> HttpResponse:
    """Revoke: the link stops working and the tablet is no longer enrolled."""
    survey = page_for(request, SatisfactionSurveyPage, page_id)
    enrolment = _enrolment_for(survey, enrolment_id)
    kiosk.revoke(enrolment, request.user)
    messages.success(
        request,
        _("Kiosk tablet “%(name)s” revoked.") % {"name": enrolment.name},
    )
    return redirect("consultation_kiosk_enrolments", survey.pk)
