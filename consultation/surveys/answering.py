"""Answering a satisfaction survey on the web: the questionnaire and its
thank-you page, and the page a closed survey shows instead.

Bad input is answered with a message next to the field (status 400), never a
500; an accepted answer is saved once and redirected to the thank-you page
(Post/Redirect/Get, `consultation.receipts`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from cms.core.memo import remembered

from .. import protection, receipts, resubmission
from .forms import SatisfactionSurveyForm, survey_form_class
from .records import SurveyResponse
from .submissions import save_response


def closed_page(survey, request: HttpRequest) -> HttpResponse:
    """What a survey outside its period shows; a POST to it is refused (403)."""
    return TemplateResponse(
        request,
        "consultation/survey_closed.html",
        {
            "page": survey,
            "unit": survey.unit,
            "today": survey.local_today(),
            "answer_refused": request.method == "POST",
        },
        status=403 if request.method == "POST" else 200,
    )


def thanks_page(
    survey, request: HttpRequest, extra: dict | None = None
) -> HttpResponse:
    """The thank-you page; the kiosk's `extra` turns it into its own screen."""
    return TemplateResponse(
        request,
        "consultation/survey_thanks.html",
        {"page": survey, "kiosk": False, **(extra or {})},
    )


def survey_form(survey, request: HttpRequest) -> HttpResponse:
    """The questionnaire: GET shows it; POST validates, saves and redirects to
    the thank-you page (Post/Redirect/Get, see `consultation.receipts`)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    survey.remember_lookups()
    if not survey.is_open():
        return closed_page(survey, request)
    form_class = _form_class(survey)
    limit = None
    if request.method != "POST":
        form = form_class(survey)
    else:
        form = form_class(survey, request.POST)
        limit = protection.peek(request, "survey", survey)
        if form.is_valid() and (
            limit.allowed
            or resubmission.is_repeat(request, ("skm", survey.pk, form.cleaned_data))
        ):
            return accepted(survey, request, form)
        if not limit.allowed:
            protection.hold(form, limit)
    response = TemplateResponse(
        request,
        "consultation/satisfaction_survey_page.html",
        {"page": survey, "unit": survey.unit, "form": form},
        status=400 if form.is_bound else 200,
    )
    if limit is not None and not limit.allowed:
        return protection.limited(response, limit)
    return response


def accepted(survey, request: HttpRequest, form) -> HttpResponse:
    """Save a valid web answer once (`consultation.resubmission`) and send
    the respondent to the thank-you page. The rate limit counts what was
    saved (and a bot's sending): an answer sent again from the Back button
    locked out the others behind the same connection."""
    response = receipts.redirect_to_thanks(survey)
    if form.is_bot:
        protection.hit(request, "survey", survey)
        return response
    if resubmission.save_once(
        request,
        response,
        ("skm", survey.pk, form.cleaned_data),
        lambda: save_response(survey, form.cleaned_data, SurveyResponse.Channel.WEB),
    ):
        protection.hit(request, "survey", survey)
    return response


def _form_class(survey) -> type[SatisfactionSurveyForm]:
    """The survey's form class, kept in the process memo like its lookups."""
    key = ("skm-form", survey.pk, get_language())
    return remembered(key, lambda: survey_form_class(survey))


def survey_thanks(survey, request: HttpRequest) -> HttpResponse:
    """Where an accepted web answer is redirected: says it was received."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET"})
    if receipts.read_receipt(survey, request) is None:
        return HttpResponseRedirect(survey.get_url(request=request))
    return thanks_page(survey, request)
