"""The counter kiosk's public screens: one question per screen, the thanks
that returns to the first question, and the enrolment page of a tablet.

What the kiosk trusts (signed single-use states, enrolled tablets) is in
`consultation.surveys.kiosk`. Bad input is answered with a screen that says
why, never a 500.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .. import protection, receipts
from . import kiosk as kiosk_trust
from . import skm
from .answering import closed_page, thanks_page
from .records import SurveyResponse
from .submissions import save_response

KIOSK_RESET_SECONDS = 8
KIOSK_THANKS = "kiosk_thanks"


def _kiosk_steps(survey) -> list[str]:
    steps = ["service"] if survey.covered_services() else []
    return steps + [e.code for e in skm.elements()]


def _kiosk_url(survey) -> str:
    return survey.url + survey.reverse_subpage("kiosk")


def kiosk(survey, request: HttpRequest) -> HttpResponse:
    """One question per screen on a counter tablet, without JavaScript.

    The answers so far travel in a signed, time-limited, single-use state
    (`consultation.surveys.kiosk`); the answer to the current screen is the value of
    the button pressed. After the last screen the answer is saved once and
    the thank-you screen returns to the first question by itself.

    On a tablet enrolled by the unit's staff the screens count against the
    kiosk's limit per tablet and the answer is a kiosk answer. Anywhere else
    the kiosk is the web form one question at a time: its screens count per
    IP, each stored answer against the web form's limit, and the answer is a
    web answer, since nothing says it was given at the counter.
    """
    survey.remember_lookups()
    if not survey.is_open():
        return closed_page(survey, request)
    device = kiosk_trust.enrolled_device(request, survey)
    if request.method != "POST":
        return _kiosk_screen(
            survey, request, kiosk_trust.KioskState.start(survey), device
        )
    limit = (
        protection.hit_for(request, f"kiosk-device:{device.pk}", "kiosk")
        if device
        else protection.hit(request, "kiosk")
    )
    if not limit.allowed:
        return protection.too_many_requests(request, limit, survey.unit.time_zone)
    state = kiosk_trust.read_state(request.POST.get("state", ""), survey)
    if state is None:
        return _kiosk_screen(
            survey,
            request,
            kiosk_trust.KioskState.start(survey),
            device,
            error=_("This screen expired. Please start again."),
            status=400,
        )
    if not _kiosk_advance(survey, request, state):
        error = _("Choose one of the answers.")
        return _kiosk_screen(survey, request, state, device, error, status=400)
    if all(step in state.answers for step in _kiosk_steps(survey)):
        return _kiosk_finish(survey, request, state, device)
    return _kiosk_screen(survey, request, state, device)


def _kiosk_advance(survey, request: HttpRequest, state) -> bool:
    """Apply the button pressed to `state`: back one screen, or the answer to
    the first unanswered question. False when that answer is not valid."""
    steps = _kiosk_steps(survey)
    answered = [step for step in steps if step in state.answers]
    pending = [step for step in steps if step not in state.answers]
    if "back" in request.POST and answered:
        state.answers.pop(answered[-1])
    elif pending:
        value = _kiosk_valid(survey, pending[0], request.POST.get("answer", ""))
        if value is None:
            return False
        state.answers[pending[0]] = value
    return True


def _kiosk_finish(survey, request: HttpRequest, state, device) -> HttpResponse:
    """Store the completed answer once, then Post/Redirect/Get to the thanks
    (refreshing the thank-you screen at the counter posts nothing)."""
    if device is None:
        limit = protection.hit(request, "survey", survey)
        if not limit.allowed:
            return protection.too_many_requests(request, limit, survey.unit.time_zone)
    if not protection.is_bot(request):
        data = {e.field_name: state.answers[e.code] for e in skm.elements()}
        data["service"] = state.answers.get("service")
        channel = SurveyResponse.Channel.KIOSK if device else SurveyResponse.Channel.WEB
        stored = kiosk_trust.store_once(
            state, lambda: save_response(survey, data, channel)
        )
        if stored is None:
            return _kiosk_already_saved(survey, request)
    return receipts.redirect_to_thanks(survey, route=KIOSK_THANKS)


def _kiosk_screen(
    survey,
    request: HttpRequest,
    state,
    device=None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    steps = _kiosk_steps(survey)
    step = next(s for s in steps if s not in state.answers)
    if step == "service":
        heading = _("Which service did you use?")
        options = [(s.pk, s.title) for s in survey.covered_services()]
    else:
        heading = survey.question_texts()[step]
        options = skm.element(step).answer_choices()
    response = TemplateResponse(
        request,
        "consultation/kiosk.html",
        {
            "page": survey,
            "unit": survey.unit,
            "heading": heading,
            "options": options,
            "step_number": steps.index(step) + 1,
            "step_count": len(steps),
            "state": state.signed(),
            "can_go_back": any(s in state.answers for s in steps),
            "error": error,
            "device": device,
        },
        status=status,
    )
    # The state carries the respondent's nonce: no cache may hand it to another.
    add_never_cache_headers(response)
    return response


def _kiosk_already_saved(survey, request: HttpRequest) -> HttpResponse:
    """A used state posted again: refused, nothing stored, start again."""
    response = TemplateResponse(
        request,
        "consultation/kiosk_already_saved.html",
        {"page": survey, "unit": survey.unit, "kiosk_url": _kiosk_url(survey)},
        status=409,
    )
    add_never_cache_headers(response)
    return response


def kiosk_thanks(survey, request: HttpRequest) -> HttpResponse:
    """Where the kiosk's last screen is redirected: thanks, then the first
    question again for the next respondent."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET"})
    if receipts.read_receipt(survey, request) is None:
        return HttpResponseRedirect(_kiosk_url(survey))
    return thanks_page(
        survey,
        request,
        {
            "kiosk": True,
            "reset_seconds": KIOSK_RESET_SECONDS,
            "kiosk_url": _kiosk_url(survey),
        },
    )


def _kiosk_valid(survey, step: str, answer: str):
    try:
        value = int(answer)
    except (TypeError, ValueError):
        return None
    if step == "service":
        ids = {s.pk for s in survey.covered_services()}
        return value if value in ids else None
    return value if value in skm.SCALE else None


def kiosk_enrol(survey, request: HttpRequest) -> HttpResponse:
    """The enrolment link (`kiosk/enrol/?t=<token>`) opened on a counter tablet.

    GET asks to confirm (a link preview or scanner that only fetches the URL
    uses nothing); POST uses the link once, gives the tablet its cookie and
    goes to the kiosk. A forged, expired, used or revoked link gets a page
    that says so.
    """
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    context = {"page": survey, "unit": survey.unit}
    try:
        enrolment = kiosk_trust.enrolment_for_link(
            request.GET.get(kiosk_trust.LINK_PARAMETER, ""), survey
        )
    except kiosk_trust.LinkRefused as refused:
        return _kiosk_enrol_page(request, context, refused.message, refused.status)
    if request.method == "POST":
        response = receipts.SeeOther(_kiosk_url(survey))
        if kiosk_trust.enrol_device(enrolment, response):
            return response
        return _kiosk_enrol_page(request, context, kiosk_trust.USED, 410)
    return _kiosk_enrol_page(request, {**context, "enrolment": enrolment})


def _kiosk_enrol_page(
    request: HttpRequest, context: dict, error: str = "", status: int = 200
) -> HttpResponse:
    response = TemplateResponse(
        request,
        "consultation/kiosk_enrol.html",
        {**context, "error": error},
        status=status,
    )
    add_never_cache_headers(response)
    return response
