"""Text that is published as typed loses its invisible control characters.

Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
directional marks (U+200E, U+200F, U+061C) and the C0 and C1 control
characters (except tab and line breaks) are invisible, yet they reorder or
hide what a reader sees: a comment can show text backwards or disguise a
link. Public forms drop them from every submitted value (`PublicTextForm`);
the admin's plain text fields drop them from what editors type
(`AdminTextField`, registered for every model `CharField` and `TextField`
in `wagtail_hooks.py`), so page titles and short texts are clean too.

Every public form, with text or not (filters, a standard's compare form), has
`PublicForm` as its base, for the renderer of its widgets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django import forms
from django.forms.renderers import Jinja2
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext

# One renderer for every public form: its Jinja2 environment, and the
# templates compiled in it, are built once per process.
PUBLIC_FORM_RENDERER = Jinja2()

INVISIBLE_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def strip_invisible_controls(value: str) -> str:
    """`value` without invisible control characters (tab, LF and CR stay)."""
    return INVISIBLE_CONTROLS.sub("", value)


def without_invisible_controls(data: Mapping) -> Mapping:
    """A copy of submitted form data with every text value cleaned."""
    if isinstance(data, QueryDict):
        # A new QueryDict rather than `data.copy()`, which deep-copies every
        # value only for them to be replaced here.
        cleaned = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            cleaned.setlist(key, [_clean(value) for value in values])
        return cleaned
    return {key: _clean(value) for key, value in data.items()}


def _clean(value):
    if isinstance(value, str):
        return strip_invisible_controls(value)
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


class PublicForm(forms.Form):
    """Base of the forms of the public site: their widgets render with
    Django's Jinja2 form templates (`PUBLIC_FORM_RENDERER`), the same markup
    as Django's templates in a fraction of the time (a survey form has 28
    options, each a template of its own)."""

    default_renderer = PUBLIC_FORM_RENDERER


class PublicTextForm(PublicForm):
    """Mixin of every public form that takes text: the submitted data is
    cleaned before any field sees it, so a required answer made only of
    control characters is missing, and what is stored and published is what
    readers see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = without_invisible_controls(self.data)
        for field in self.fields.values():
            state_length_limit(field)


def state_length_limit(field: forms.Field) -> None:
    """A text box with a length limit says it in its help text and lets the
    reader write more: a browser cuts a longer paste at `maxlength` without
    a word, and the form then sends it back whole with its "keep it to …
    characters" message instead."""
    limit = getattr(field, "max_length", None)
    if not limit or not isinstance(field.widget, forms.Textarea):
        return
    field.widget.attrs.pop("maxlength", None)
    hint = length_limit_hint(limit)
    field.help_text = f"{field.help_text} {hint}" if field.help_text else hint


def length_limit_hint(limit: int) -> str:
    """ "Up to 2,000 characters." in the active language, for a text box."""
    return gettext("Up to %(limit)s characters.") % {
        "limit": number_format(limit, force_grouping=True)
    }


class AdminTextField(forms.CharField):
    """The admin's form field of plain text model fields."""

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str):
            return strip_invisible_controls(value)
        return value


class LengthLimitMessage:
    """A form's "too long" message with its limit written the reader's way
    (2,000 in English, 2.000 in Indonesian): Django fills the message with
    the bare number (`%(limit_value)d`: "under 2000 characters"). `text` is a
    lazy translation with `%(limit)s`; Django applies the error's parameters
    with `%`, which lands here. The message then says how long the text is
    (Django's `show_value`), so the writer knows how much to cut."""

    def __init__(self, text) -> None:
        self.text = text

    def __mod__(self, params: Mapping) -> str:
        limit = number_format(params["limit_value"], force_grouping=True)
        message = str(self.text) % {"limit": limit}
        if "show_value" not in params:
            return message
        length = number_format(params["show_value"], force_grouping=True)
        return f"{message} " + gettext("Yours has %(length)s.") % {"length": length}

    def __str__(self) -> str:
        return str(self.text)
