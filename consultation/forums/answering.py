"""Answering a consultation and a poll: the page's context, the guards of its
form, the thank-you, duplicate and confirmation pages, comments and votes.

An accepted answer is written in one transaction, then the respondent is
redirected to the thank-you page (Post/Redirect/Get, `consultation.receipts`);
a second answer from the same respondent is refused with a clear message
(the database constraint is the last word). Bad input never gives a 500.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cms.core.public_text import length_limit_hint
from cms.core.queries import is_integer

from .. import protection, receipts, respondents, resubmission
from . import submissions
from .choices import ConsultationState, IdentityLevel
from .comments import (
    COMMENT_MAX_LENGTH,
    ComponentCommentForm,
    save_comment,
    standards_with_components,
)
from .polls import poll_context, poll_contexts, record_vote

# The route (a `ConsultationPage` view's name) an accepted comment is sent to.
COMMENT_THANKS_ROUTE = "comment_thanks"


def page_context(page, request: HttpRequest) -> dict:
    """What every screen of a consultation shows besides its own part: the
    unit, the state, the polls (those placed in the sections by translation
    key, for `PollBlock`, and the others), the standards under review with
    their approved comments, and the outcome."""
    placed, others = page.polls()
    return {
        "unit": page.unit,
        "state": page.state(),
        # Read when the sections are rendered (not by the results screens).
        "placed_polls": SimpleLazyObject(
            lambda: {
                item["poll"].translation_key: item
                for item in poll_contexts(placed, request)
            }
        ),
        "polls": poll_contexts(others, request),
        "review": standards_with_components(page, request),
        # Until the translation of a just-published outcome is synced, show
        # the source's text rather than an empty outcome.
        "outcome_page": page if page.outcome_summary else page.source,
        "comment_limit_hint": length_limit_hint(COMMENT_MAX_LENGTH),
    }


def render_page(
    page, request: HttpRequest, template: str, context=None, status: int = 200
) -> HttpResponse:
    """`template` with the page's whole context (`page_context` included)."""
    ctx = page.get_context(request)
    ctx.update(context or {})
    return TemplateResponse(request, template, ctx, status=status)


def refused_answer(page, request: HttpRequest) -> HttpResponse | None:
    """The answer to a request the consultation's form must not serve: another
    method, a POST while the consultation is not open or over the rate limit
    (the form again, with what was typed); None when the form builder may
    serve it."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    if request.method != "POST":
        return None
    refused = refused_post(page, request)
    if refused is not None:
        return refused
    limit = protection.peek(request, "consultation", page)
    if limit.allowed:
        return None
    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if form.is_valid() and submissions.stores_nothing(page, form, request):
        # Sent again: answered as before ("you answered already"), not
        # "not saved, try later".
        return None
    protection.hold(form, limit)
    response = render_page(page, request, page.get_template(request), {"form": form})
    return protection.limited(response, limit)


def refused_post(page, request: HttpRequest) -> HttpResponse | None:
    """403 while the consultation is not open; None when a POST may be taken
    (the rate limit is each form's: it counts accepted answers only)."""
    if page.state() != ConsultationState.OPEN:
        return render_page(
            page, request, "consultation/consultation_refused.html", {}, 403
        )
    return None


def with_form_status(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The form builder answers an invalid POST by showing the form again with
    its errors (status 200); say 400, as every public form of the site does."""
    if request.method == "POST" and isinstance(response, TemplateResponse):
        response.status_code = 400
    return response


def landing_page(page, request: HttpRequest, submission) -> HttpResponse:
    """After an accepted POST: send the confirmation link at the e-mail level,
    give an open-level browser its respondent cookie, and redirect to the
    thank-you page (Post/Redirect/Get). No submission: the honeypot caught a
    bot, which sees the same redirect and nothing is stored."""
    if submission is None:
        return receipts.redirect_to_thanks(page)
    if submission.pk is not None:
        # A double tap's second sending stored nothing: it does not count.
        protection.hit(request, "consultation", page)
    outcome = receipts.SAVED
    if not submission.confirmed:
        sent = submissions.send_confirmation(page, request, submission)
        outcome = receipts.CONFIRM_BY_EMAIL if sent else receipts.MAIL_FAILED
    response = receipts.redirect_to_thanks(page, outcome)
    if page.identity_level == IdentityLevel.OPEN:
        respondent = submission.respondent_key.removeprefix("c:")
        respondents.remember(response, request, respondent)
    return response


def consultation_thanks(page, request: HttpRequest) -> HttpResponse:
    """Where an accepted response is redirected: says it was received and,
    at the e-mail level, that the confirmation link was sent (or not)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET"})
    outcome = receipts.read_receipt(page, request)
    if outcome is None:
        return HttpResponseRedirect(page.get_url(request=request))
    return render_page(
        page,
        request,
        "consultation/consultation_thanks.html",
        {
            "needs_confirmation": outcome == receipts.CONFIRM_BY_EMAIL,
            "mail_failed": outcome == receipts.MAIL_FAILED,
        },
    )


def duplicate(page, request: HttpRequest) -> HttpResponse:
    """A second response of a respondent whose response already counts."""
    return render_page(
        page, request, "consultation/consultation_duplicate.html", {}, 409
    )


def confirm_email(page, request: HttpRequest, token: str) -> HttpResponse:
    """Count a response once its address is confirmed; forget the address."""
    outcome = submissions.confirm(page, token)
    return render_page(
        page,
        request,
        "consultation/consultation_confirm.html",
        {"outcome": outcome},
        status=400 if outcome == submissions.INVALID else 200,
    )


# Comments per component ------------------------------------------------------


def comment_view(page, request: HttpRequest) -> HttpResponse:
    """POST a comment on one component; it waits for moderation. A GET (the
    language switcher of a comment sent back with an error, a reload, a
    shared address) leads to the consultation's page."""
    if request.method in ("GET", "HEAD"):
        return HttpResponseRedirect(page.get_url(request=request))
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    refused = refused_post(page, request)
    if refused is not None:
        return refused
    form = ComponentCommentForm(page, request.POST)
    limit = protection.peek(request, "comment", page)
    # A comment sent again is answered as before, whatever the limit.
    held = not limit.allowed and not (
        form.is_valid()
        and resubmission.is_repeat(request, ("comment", page.pk, form.cleaned_data))
    )
    if held:
        protection.hold(form, limit)
    if held or not form.is_valid():
        response = render_page(
            page,
            request,
            "consultation/comment_result.html",
            {"comment_form": form},
            status=400,
        )
        return protection.limited(response, limit) if held else response
    response = receipts.redirect_to_thanks(page, route=COMMENT_THANKS_ROUTE)
    if protection.is_bot(request):
        protection.hit(request, "comment", page)
        return response
    # Saved once, whatever the browser sends again (`consultation.resubmission`);
    # the rate limit counts what was saved.
    if resubmission.save_once(
        request,
        response,
        ("comment", page.pk, form.cleaned_data),
        lambda: save_comment(page, form, respondents.cookie_id(request)),
    ):
        protection.hit(request, "comment", page)
    return response


def comment_thanks(page, request: HttpRequest) -> HttpResponse:
    """Where an accepted comment is redirected (Post/Redirect/Get: reloading
    it posts nothing); without a valid receipt, back to the consultation."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET"})
    if receipts.read_receipt(page, request) is None:
        return HttpResponseRedirect(page.get_url(request=request))
    return render_page(
        page, request, "consultation/comment_result.html", {"saved": True}
    )


# Polls -------------------------------------------------------------------------


def posted_choice(poll, request: HttpRequest) -> int | None:
    """The index of the choice the POST names, None if it names none of them."""
    value = request.POST.get("choice", "")
    if not is_integer(value):
        return None
    index = int(value)
    return index if index < len(poll.choices.all()) else None


def vote_once(poll, request: HttpRequest, index: int, voter: str) -> str | None:
    """Record the vote; the voter id to give the browser back, None when it
    had voted already. A double tap's second sending, which carries no voter
    cookie yet, gets the first sending's voter id and records nothing
    (`resubmission.claim_sending`)."""
    digest = resubmission.answer_hash("poll", poll.pk, {"choice": index})
    first = resubmission.claim_sending(request, digest, voter)
    if first is not None:
        return first
    try:
        recorded = record_vote(poll, index, voter)
    except BaseException:
        resubmission.release_sending(request, digest)
        raise
    if not recorded:
        resubmission.release_sending(request, digest)
        return None
    protection.hit(request, "poll", poll)
    return voter


def vote_being_sent(poll, request: HttpRequest, index: int | None) -> bool:
    """Whether this browser's vote for `index` is being sent now: a double
    tap's second sending, answered as the first one."""
    return index is not None and resubmission.is_repeat(
        request, ("poll", poll.pk, {"choice": index})
    )


def poll_view(poll, request: HttpRequest) -> HttpResponse:
    """The poll's own page; POST records one vote."""
    context = {"page": poll, "item": poll_context(poll, request)}
    if request.method != "POST":
        return TemplateResponse(request, "consultation/poll_page.html", context)
    if not poll.is_open():
        context["error"] = _("This poll is not open for voting.")
        return TemplateResponse(
            request, "consultation/poll_page.html", context, status=403
        )
    index = posted_choice(poll, request)
    # Sent back with an error, the form keeps the reader's choice.
    context["item"]["chosen"] = index
    limit = protection.peek(request, "poll", poll)
    # A vote sent again records nothing: no limit applies to it (it is told
    # "you have already voted", or answered as the first sending).
    sent_again = context["item"]["voted"] or vote_being_sent(poll, request, index)
    if not limit.allowed and not sent_again:
        context["error"] = protection.try_again_message(limit)
        response = TemplateResponse(request, "consultation/poll_page.html", context)
        return protection.limited(response, limit)
    if protection.is_bot(request):
        return TemplateResponse(request, "consultation/poll_page.html", context)
    if index is None:
        # Next to the answers, and in the summary that links to them.
        context["choice_error"] = _("Choose one of the answers.")
        return TemplateResponse(
            request, "consultation/poll_page.html", context, status=400
        )
    voter = respondents.cookie_id(request) or respondents.new_id()
    first_voter = vote_once(poll, request, index, voter)
    if first_voter is None:
        context["error"] = _("You have already voted in this poll.")
        return TemplateResponse(
            request, "consultation/poll_page.html", context, status=409
        )
    voter = first_voter
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = poll.url
    response = HttpResponseRedirect(next_url)
    respondents.remember(response, request, voter)
    return response
