"""Comments per component of the standards under consultation."""

from __future__ import annotations

from django import forms
from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cms.core.public_text import LengthLimitMessage, PublicTextForm
from standards.components import components, components_by_key
from standards.diff import describe_component
from standards.structure import component_value

from .. import protection, respondents
from ..moderation import ModerationStatus, writing_language
from .records import ComponentComment

COMMENT_MAX_LENGTH = 2000


class ComponentCommentForm(PublicTextForm):
    """A comment on one component of one standard under review."""

    standard = forms.IntegerField(widget=forms.HiddenInput)
    component = forms.CharField(widget=forms.HiddenInput, max_length=40)
    text = forms.CharField(
        label=_("Your comment on this component"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write your comment."),
            "max_length": LengthLimitMessage(
                _("Keep your comment to %(limit)s characters or fewer.")
            ),
        },
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, consultation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    max_length = COMMENT_MAX_LENGTH

    @property
    def is_held(self) -> bool:
        """Over the rate limit (`protection.hold`): to send again later."""
        return any(
            error.code == protection.RATE_LIMITED
            for error in self.non_field_errors().as_data()
        )

    @property
    def is_retryable(self) -> bool:
        """Whether only the text was wrong: the reader may correct it in place
        (an unknown standard or component sends them back to the consultation)."""
        refusals = [
            error
            for error in self.non_field_errors().as_data()
            if error.code != protection.RATE_LIMITED
        ]
        return not refusals and not (
            self.has_error("standard") or self.has_error("component")
        )

    def clean(self):
        data = super().clean()
        standard_ids = {s.pk for s in self.consultation.source.standards.all()}
        if data.get("standard") not in standard_ids:
            raise forms.ValidationError(_("This standard is not under consultation."))
        if data.get("component") not in components_by_key():
            raise forms.ValidationError(_("Unknown component."))
        return data


def standards_with_components(consultation, request: HttpRequest) -> list[dict]:
    """Each standard under review with its 14 components and approved comments.

    Comments are kept against the source standard (`standard`); the reader
    sees it in the consultation's language when it is translated (`shown`):
    an English consultation shows the English standard's title and text.
    """
    standards = list(consultation.source.standards.select_related("unit"))
    translations = in_language_of(standards, consultation)
    by_component: dict[tuple[int, str], list[ComponentComment]] = {}
    for comment in approved_comments(consultation):
        by_component.setdefault((comment.standard_id, comment.component), []).append(
            comment
        )
    rows = []
    for standard in standards:
        shown = translations.get(standard.translation_key, standard)
        items = []
        for component in components():
            try:
                value = component_value(shown, component.key)
                text = describe_component(component.key, value)
            except (AttributeError, KeyError, TypeError, ValueError):
                text = ""
            items.append(
                {
                    "key": component.key,
                    "label": component.label,
                    "text": text,
                    "comments": by_component.get((standard.pk, component.key), []),
                }
            )
        rows.append({"standard": standard, "shown": shown, "components": items})
    return rows


def in_language_of(standards: list, consultation) -> dict:
    """The live translations of `standards` in `consultation`'s language, by
    translation key, with their units (one query for them all)."""
    keys = [
        s.translation_key for s in standards if s.locale_id != consultation.locale_id
    ]
    if not keys:
        return {}
    model = type(standards[0])
    translations = model.objects.live().filter(
        translation_key__in=keys, locale_id=consultation.locale_id
    )
    return {t.translation_key: t for t in translations.select_related("unit")}


def approved_comments(consultation) -> list[ComponentComment]:
    """The approved comments, oldest first, with what readers are shown of them
    (not who sent them)."""
    return list(
        ComponentComment.objects.filter(
            consultation_id=consultation.source.pk, status=ModerationStatus.APPROVED
        )
        .order_by("created_at")
        .only("standard_id", "component", "text", "language")
    )


def comment_counts(consultation) -> dict[str, int]:
    """Approved comments per component key (one GROUP BY query)."""
    rows = (
        ComponentComment.objects.filter(
            consultation_id=consultation.source.pk, status=ModerationStatus.APPROVED
        )
        .values("component")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["component"]: row["n"] for row in rows}


def save_comment(consultation, form: ComponentCommentForm, respondent: str | None):
    return ComponentComment.objects.create(
        consultation_id=consultation.source.pk,
        standard_id=form.cleaned_data["standard"],
        component=form.cleaned_data["component"],
        text=form.cleaned_data["text"].strip(),
        language=writing_language(),
        respondent_key=respondents.respondent_key(respondent),
    )
