"""The public results of a consultation: the page with its charts and tables,
and the same numbers as JSON (`results.json`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from standards.components import label_or_key

from ..charts import bar_chart, percent_of, rounded_off
from .answering import render_page
from .choices import ConsultationState
from .comments import approved_comments, comment_counts
from .forms import rating_choices
from .polls import public_poll_results
from .results import consultation_results


def results_json(page, request: HttpRequest) -> JsonResponse:
    """The counts of the results page (answers, votes, approved comments)."""
    results = consultation_results(page)
    counts = comment_counts(page)
    return JsonResponse(
        {
            "state": results["state"],
            "responses": results["responses"],
            "questions": [
                {key: q[key] for key in ("label", "type", "counts", "respondents")}
                for q in results["questions"]
            ],
            "polls": [
                {
                    "question": poll["question"],
                    "total": poll["total"],
                    "choices": [
                        {"text": c["text"], "votes": c["votes"]}
                        for c in poll["choices"]
                    ],
                }
                for poll in public_poll_results(page)
            ],
            "comments": counts,
            "comments_labels": {key: label_or_key(key) for key in counts},
        }
    )


def with_scale_ends(question: dict) -> dict:
    """A rating's counts labelled as its form names them ("1 (lowest)" ...
    "5 (highest)"), so a reader knows which way the bars run; the JSON keeps
    the plain values."""
    if question["type"] != "rating":
        return question
    names = dict(rating_choices())
    counts = {names.get(value, value): n for value, n in question["counts"].items()}
    return {**question, "counts": counts}


def results_page(page, request: HttpRequest) -> HttpResponse:
    """The results with a chart per question and per poll, each with its table."""
    results = consultation_results(page)
    charts = []
    for index, question in enumerate(results["questions"]):
        question = with_scale_ends(question)
        respondents = question["respondents"]
        rows = [
            {
                "label": label,
                "count": n,
                "percent": percent_of(n, respondents),
            }
            for label, n in question["counts"].items()
        ]
        charts.append(
            {
                "question": question,
                "total": sum(question["counts"].values()),
                "respondents": respondents,
                "multiple": question["multiple"],
                "rows": rows,
                # Several answers each: shares of respondents, not of 100.
                "rounded_off": not question["multiple"]
                and rounded_off(row["percent"] for row in rows),
                "chart": bar_chart(
                    f"q{index}",
                    question["label"],
                    _("Number of answers per choice; the table below has the numbers."),
                    [(label, n, str(n)) for label, n in question["counts"].items()],
                    max(question["counts"].values(), default=0) or 1,
                ),
            }
        )
    polls = public_poll_results(page)
    for index, poll in enumerate(polls):
        poll["chart"] = bar_chart(
            f"poll{index}",
            poll["question"],
            _("Number of votes per choice; the table below has the numbers."),
            [(c["text"], c["votes"], str(c["votes"])) for c in poll["choices"]],
            max((c["votes"] for c in poll["choices"]), default=0) or 1,
        )
    return render_page(
        page,
        request,
        "consultation/consultation_results.html",
        {
            "results": results,
            "charts": charts,
            "polls": polls,
            "comments": approved_comments(page),
            "figures_final": figures_final(results, polls),
        },
    )


def figures_final(results: dict, polls: list[dict]) -> bool:
    """Whether nothing more can arrive: the consultation is closed and so is
    each of its polls shown (a poll keeps its own dates)."""
    closed = results["state"] in (ConsultationState.CLOSED, ConsultationState.OUTCOME)
    return closed and not any(poll["poll"].is_open() for poll in polls)
