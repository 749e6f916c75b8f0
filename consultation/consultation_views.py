"""Public views of a consultation: answering, confirming, results.

An accepted answer is written in one transaction, then the respondent is
redirected to the thank-you page (Post/Redirect/Get, `consultation.receipts`);
a second answer from the same respondent is refused with a clear message
(the database constraint is the last word). Bad input never gives a 500.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from urllib.parse import urlencode

from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.visibility import public_pages

from . import protection, receipts
from .charts import bar_chart
from .fkp import email_key, respondent_categories
from .forms import CHOICE_TYPES, ConsultationFormBuilder, consultation_questions
from .models import (
    ConsultationAnswer,
    ConsultationState,
    ConsultationSubmission,
    IdentityLevel,
)

logger = logging.getLogger(__name__)
COOKIE_NAME = "fkp_respondent"
COOKIE_SALT = "consultation.respondent"
COOKIE_MAX_AGE = 2 * 365 * 24 * 3600
CONFIRM_SALT = "consultation.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def _cookie_id(request: HttpRequest) -> str | None:
    value = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
    try:
        return uuid.UUID(value).hex if value else None
    except ValueError:
        return None


def _already_answered(page, request: HttpRequest) -> bool:
    if page.identity_level != IdentityLevel.OPEN:
        return False
    respondent = _cookie_id(request)
    return (
        bool(respondent)
        and ConsultationSubmission.objects.filter(
            page_id=page.source.pk, respondent_key=f"c:{respondent}", confirmed=True
        ).exists()
    )


def _render(page, request, template, context=None, status=200) -> HttpResponse:
    from .comments import standards_with_components
    from .polls import consultation_polls, poll_context

    ctx = page.get_context(request)
    ctx["state"] = page.state()
    _placed, others = consultation_polls(page)
    ctx["polls"] = [poll_context(poll, request) for poll in others]
    ctx["review"] = standards_with_components(page, request)
    # Until the translation of a just-published outcome is synced, show the
    # source's text rather than an empty outcome.
    ctx["outcome_page"] = page if page.outcome_summary else page.source
    ctx.update(context or {})
    return TemplateResponse(request, template, ctx, status=status)


def consultation_form(page, request: HttpRequest) -> HttpResponse:
    """The consultation page: its text, state and (while open) the form."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    template = "consultation/consultation_page.html"
    page.remember_form_class(request)
    state = page.state()
    if request.method != "POST":
        form = page.get_form(page=page, user=request.user) if state == "open" else None
        return _render(
            page,
            request,
            template,
            {"form": form, "already_answered": _already_answered(page, request)},
        )
    if state != ConsultationState.OPEN:
        return _render(page, request, "consultation/consultation_refused.html", {}, 403)
    limit = protection.hit(request, "consultation")
    if not limit.allowed:
        return protection.too_many_requests(request, limit)
    form = page.get_form(request.POST, page=page, user=request.user)
    if not form.is_valid():
        return _render(page, request, template, {"form": form}, status=400)
    if protection.is_bot(request):
        return receipts.redirect_to_thanks(page, request)
    if page.identity_level == IdentityLevel.OPEN:
        respondent = _cookie_id(request) or uuid.uuid4().hex
        key, confirmed = f"c:{respondent}", True
    else:
        respondent = None
        key, confirmed = email_key(form.cleaned_data["email"]), False
        if ConsultationSubmission.objects.filter(
            page_id=page.source.pk, respondent_key=key, confirmed=True
        ).exists():
            return _duplicate(page, request)
    try:
        submission = store_submission(page, form, key=key, confirmed=confirmed)
    except IntegrityError:
        return _duplicate(page, request)
    outcome = receipts.SAVED
    if not confirmed:
        sent = _send_confirmation(page, request, submission)
        outcome = receipts.CONFIRM_BY_EMAIL if sent else receipts.MAIL_FAILED
    response = receipts.redirect_to_thanks(page, request, outcome)
    if respondent:
        response.set_signed_cookie(
            COOKIE_NAME,
            respondent,
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def consultation_thanks(page, request: HttpRequest) -> HttpResponse:
    """Where an accepted response is redirected: says it was received and,
    at the e-mail level, that the confirmation link was sent (or not)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET"})
    outcome = receipts.read_receipt(page, request)
    if outcome is None:
        return HttpResponseRedirect(page.get_url(request=request))
    return _render(
        page,
        request,
        "consultation/consultation_thanks.html",
        {
            "needs_confirmation": outcome == receipts.CONFIRM_BY_EMAIL,
            "mail_failed": outcome == receipts.MAIL_FAILED,
        },
    )


def _duplicate(page, request) -> HttpResponse:
    return _render(page, request, "consultation/consultation_duplicate.html", {}, 409)


def store_submission(page, form, key: str = "", confirmed: bool = True):
    """Write the response and its choice answers in one transaction."""
    data = form.cleaned_data
    asked = getattr(form, "questions", None) or consultation_questions(page)
    questions = {f.clean_name: f for f in asked}
    answers = {name: data.get(name) for name in questions if name in data}
    with transaction.atomic():
        submission = ConsultationSubmission.objects.create(
            page_id=page.source.pk,
            form_data=answers,
            respondent_key=key or f"c:{uuid.uuid4().hex}",
            respondent_category=data.get("respondent_category", ""),
            name=data.get("name", "") or "",
            email=data.get("email", "") or "" if not confirmed else "",
            confirmed=confirmed,
            confirmed_at=timezone.now() if confirmed else None,
        )
        rows = []
        for name, field in questions.items():
            if field.field_type not in CHOICE_TYPES:
                continue
            value = answers.get(name)
            values = value if isinstance(value, list) else [value]
            rows += [
                ConsultationAnswer(
                    submission=submission, field=name, value=str(v)[:255]
                )
                for v in values
                if v not in (None, "")
            ]
        ConsultationAnswer.objects.bulk_create(rows)
    return submission


def _send_confirmation(page, request, submission) -> bool:
    """Send the confirmation link, then forget the address (kept only if the
    mail could not be sent, so that staff can send it again)."""
    token = signing.dumps(submission.pk, salt=CONFIRM_SALT)
    query = urlencode({"token": token})
    url = f"{page.get_full_url(request)}{page.reverse_subpage('confirm')}?{query}"
    try:
        send_mail(
            _("Confirm your answer to: %(title)s") % {"title": page.title},
            _(
                "Thank you for taking part. Your answer counts once you open this "
                "link within seven days:\n\n%(url)s\n\nIf you did not answer, "
                "ignore this message."
            )
            % {"url": url},
            None,
            [submission.email],
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("Confirmation e-mail for submission %s failed", submission.pk)
        return False
    ConsultationSubmission.objects.filter(pk=submission.pk).update(email="")
    return True


def confirm_email(page, request: HttpRequest, token: str) -> HttpResponse:
    """Count a response once its address is confirmed; forget the address."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        submission = ConsultationSubmission.objects.get(pk=pk, page_id=page.source.pk)
    except (signing.BadSignature, ConsultationSubmission.DoesNotExist, TypeError):
        return _render(
            page,
            request,
            "consultation/consultation_confirm.html",
            {"outcome": "invalid"},
            status=400,
        )
    if submission.confirmed:
        outcome = "already"
    else:
        try:
            with transaction.atomic():
                submission.confirmed = True
                submission.confirmed_at = timezone.now()
                submission.email = ""
                submission.save(update_fields=["confirmed", "confirmed_at", "email"])
            outcome = "confirmed"
        except IntegrityError:
            ConsultationSubmission.objects.filter(pk=submission.pk).update(email="")
            outcome = "duplicate"
    return _render(
        page, request, "consultation/consultation_confirm.html", {"outcome": outcome}
    )


# Results ---------------------------------------------------------------------


def consultation_results(page) -> dict:
    """Counts of confirmed responses, per choice and category (GROUP BY)."""
    source_id = page.source.pk
    counted = ConsultationSubmission.objects.filter(page_id=source_id, confirmed=True)
    responses = counted.count()
    answer_rows = (
        ConsultationAnswer.objects.filter(
            submission__page_id=source_id, submission__confirmed=True
        )
        .values("field", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_field: dict[str, dict[str, int]] = {}
    for row in answer_rows:
        by_field.setdefault(row["field"], {})[row["value"]] = row["n"]
    builder = ConsultationFormBuilder([])
    questions = []
    for field in consultation_questions(page):
        if field.field_type not in CHOICE_TYPES:
            continue
        if field.field_type == "rating":
            options = [(str(i), str(i)) for i in range(1, 6)]
        elif field.field_type == "yesno":
            options = [("yes", _("Yes")), ("no", _("No"))]
        else:
            options = builder.get_formatted_field_choices(field)
        found = by_field.get(field.clean_name, {})
        counts = {label: found.get(value, 0) for value, label in options}
        questions.append(
            {"label": field.label, "type": field.field_type, "counts": counts}
        )
    category_rows = counted.values("respondent_category").annotate(n=Count("pk"))
    categories = {row["respondent_category"]: row["n"] for row in category_rows}
    return {
        "state": page.state(),
        "responses": responses,
        "questions": questions,
        "categories": [
            {"key": p.key, "label": p.label, "count": categories.get(p.key, 0)}
            for p in respondent_categories()
        ],
    }


def results_json(page, request: HttpRequest) -> JsonResponse:
    from .comments import comment_counts
    from .polls import poll_results_for

    results = consultation_results(page)
    return JsonResponse(
        {
            "state": results["state"],
            "responses": results["responses"],
            "questions": results["questions"],
            "polls": [
                {
                    "question": poll["question"],
                    "total": poll["total"],
                    "choices": [
                        {"text": c["text"], "votes": c["votes"]}
                        for c in poll["choices"]
                    ],
                }
                for poll in poll_results_for(page)
            ],
            "comments": comment_counts(page),
        }
    )


def results_page(page, request: HttpRequest) -> HttpResponse:
    from .comments import approved_comments
    from .polls import poll_results_for

    results = consultation_results(page)
    charts = []
    for index, question in enumerate(results["questions"]):
        total = sum(question["counts"].values())
        charts.append(
            {
                "question": question,
                "total": total,
                "rows": [
                    {
                        "label": label,
                        "count": n,
                        "percent": round(100 * n / total, 1) if total else 0,
                    }
                    for label, n in question["counts"].items()
                ],
                "chart": bar_chart(
                    f"q{index}",
                    question["label"],
                    _("Number of answers per choice; the table below has the numbers."),
                    [(label, n, str(n)) for label, n in question["counts"].items()],
                    max(question["counts"].values(), default=0) or 1,
                ),
            }
        )
    polls = poll_results_for(page)
    for index, poll in enumerate(polls):
        poll["chart"] = bar_chart(
            f"poll{index}",
            poll["question"],
            _("Number of votes per choice; the table below has the numbers."),
            [(c["text"], c["votes"], str(c["votes"])) for c in poll["choices"]],
            max((c["votes"] for c in poll["choices"]), default=0) or 1,
        )
    return _render(
        page,
        request,
        "consultation/consultation_results.html",
        {
            "results": results,
            "charts": charts,
            "polls": polls,
            "comments": approved_comments(page),
        },
    )


# Comments per component ------------------------------------------------------


def comment_view(page, request: HttpRequest) -> HttpResponse:
    """POST a comment on one component; it waits for moderation."""
    from .comments import ComponentCommentForm, save_comment

    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    if page.state() != ConsultationState.OPEN:
        return _render(page, request, "consultation/consultation_refused.html", {}, 403)
    limit = protection.hit(request, "comment")
    if not limit.allowed:
        return protection.too_many_requests(request, limit)
    form = ComponentCommentForm(page, request.POST)
    if not form.is_valid():
        return _render(
            page,
            request,
            "consultation/comment_result.html",
            {"comment_form": form},
            status=400,
        )
    if not protection.is_bot(request):
        save_comment(page, form, _cookie_id(request))
    return _render(page, request, "consultation/comment_result.html", {"saved": True})


# Listing -----------------------------------------------------------------------


def consultation_listing(locale, within=None) -> list[dict]:
    """Public consultations of every unit, grouped by state, open ones first
    (restrictions on `within` and above count as passed)."""
    from .models import ConsultationPage

    pages = list(
        public_pages(ConsultationPage.objects.filter(locale=locale), within)
        .order_by("closes_at")
        .select_related("locale")
    )
    parents = _parents(pages)
    now = timezone.now()
    groups = {state: [] for state in ConsultationState.values}
    for page in pages:
        groups[page.state(now)].append({"page": page, "unit": parents.get(page.pk)})
    groups[ConsultationState.OUTCOME].reverse()
    return [
        {
            "state": state,
            "label": ConsultationState(state).label,
            "items": groups[state],
        }
        for state in (
            ConsultationState.OPEN,
            ConsultationState.UPCOMING,
            ConsultationState.CLOSED,
            ConsultationState.OUTCOME,
        )
        if groups[state]
    ]


def _parents(pages) -> dict:
    """page id -> its unit page, in one query."""
    from cms.core.models import UnitPage

    paths = {page.pk: page.path[: -page.steplen] for page in pages}
    units = {u.path: u for u in UnitPage.objects.filter(path__in=set(paths.values()))}
    return {pk: units.get(path) for pk, path in paths.items()}


def open_consultations(locale, limit: int = 6, within=None) -> list[dict]:
    """Public consultations open now (for the home page), closing soonest first."""
    from .models import ConsultationPage

    now = timezone.now()
    pages = list(
        public_pages(ConsultationPage.objects.all(), within)
        .filter(locale=locale, opens_at__lte=now, closes_at__gt=now)
        .exclude(outcome_published=True)
        .order_by("closes_at")[:limit]
    )
    parents = _parents(pages)
    return [{"page": p, "unit": parents.get(p.pk)} for p in pages]
