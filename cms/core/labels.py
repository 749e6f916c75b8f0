"""The label of a vocabulary code, for readers (the API gives both)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

Choices = Mapping[str, Any] | Iterable[tuple[str, Any]] | type[models.Choices]


def choice_label(choices: Choices, code: str | None) -> str:
    """The label of `code` among `choices` in the active language.

    `choices` is a `TextChoices` class, `(code, label)` pairs or a mapping;
    an unknown code is its own label, a blank code has a blank label.
    """
    if not code:
        return ""
    if isinstance(choices, type) and issubclass(choices, models.Choices):
        choices = choices.choices
    labels = choices if isinstance(choices, Mapping) else dict(choices)
    return str(labels.get(code, code))


def choice_labels(choices: Choices, codes: Iterable[str]) -> list[str]:
    """The labels of `codes`, in their order (see `choice_label`)."""
    if isinstance(choices, type) and issubclass(choices, models.Choices):
        choices = choices.choices
    labels = choices if isinstance(choices, Mapping) else dict(choices)
    return [choice_label(labels, code) for code in codes]
