"""Helpers of the fuzz tests: read a page's public forms, build answers to them.

The fields are discovered from the rendered HTML, as a browser would see
them, so the tests follow the forms when their questions change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import strategies as st

HONEYPOT = "website"


@dataclass
class Field:
    """One named control of an HTML form."""

    name: str
    kind: str  # input type, or textarea, select, button
    options: list[str] = field(default_factory=list)
    value: str = ""
    required: bool = False
    maxlength: int | None = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass
class Form:
    """A POST form: its action and its controls in order of appearance."""

    action: str
    fields: dict[str, Field] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = Form(action=a.get("action") or "")
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            existing = self._form.fields.get(name)
            if kind in ("radio", "checkbox") and existing is not None:
                existing.options.append(a.get("value", "on"))
                return
            self._form.fields[name] = Field(
                name=name,
                kind=kind,
                options=[a.get("value", "on")] if kind in ("radio", "checkbox") else [],
                value=a.get("value", ""),
                required="required" in a,
                maxlength=_int(a.get("maxlength")),
                minimum=_int(a.get("min")),
                maximum=_int(a.get("max")),
            )
        elif tag == "button" and name:
            # Named submit buttons (the kiosk's answers): one of their values.
            existing = self._form.fields.get(name)
            if existing is not None:
                existing.options.append(a.get("value", ""))
            else:
                self._form.fields[name] = Field(
                    name=name, kind="button", options=[a.get("value", "")]
                )
        elif tag == "textarea" and name:
            self._form.fields[name] = Field(
                name=name,
                kind="textarea",
                required="required" in a,
                maxlength=_int(a.get("maxlength")),
            )
        elif tag == "select" and name:
            self._select = Field(name=name, kind="select", required="required" in a)
            self._form.fields[name] = self._select
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def post_forms(html: str) -> list[Form]:
    """Every form with method="post" in `html`."""
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, action_suffix: str) -> Form:
    """The POST form whose action ends with `action_suffix`."""
    for form in post_forms(html):
        if form.action.endswith(action_suffix):
            return form
    raise AssertionError(f"no POST form to …{action_suffix} on the page")


# --- values --------------------------------------------------------------------

PLAIN_TEXT = st.text(
    alphabet=st.characters(categories=("L", "N", "Zs"), exclude_characters="\x00"),
    min_size=1,
    max_size=120,
).filter(lambda s: s.strip())

HOSTILE_FRAGMENTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE consultation_surveyresponse; --",
    "' OR '1'='1",
    "1 UNION SELECT password FROM auth_user",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "\ud7ff\ue000\U0010ffff",
    "-1",
    "9" * 40,
    "1e309",
    "NaN",
    "[]",
    '{"a": 1}',
    "null",
    "true",
    "2024-02-30",
    "0000-00-00",
    " ",
    "",
]

HOSTILE_TEXT = st.one_of(
    st.sampled_from(HOSTILE_FRAGMENTS),
    st.text(max_size=300),
    st.text(min_size=5000, max_size=20000, alphabet="aé<>'\"%;-"),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)

# What a form-encoded body may carry for one name: one value or several.
HOSTILE_VALUE = st.one_of(HOSTILE_TEXT, st.lists(HOSTILE_TEXT, min_size=2, max_size=4))

UNKNOWN_NAMES = st.text(
    alphabet=st.characters(categories=("L", "N", "P")), min_size=1, max_size=30
)


def valid_value(f: Field, draw) -> str | list[str] | None:
    """A value a careful respondent would enter in `f`; None: leave it out."""
    if f.name == HONEYPOT:
        return ""
    if f.kind == "hidden":
        return f.value
    choices = [o for o in f.options if o != ""]
    if f.kind == "button":
        return None  # which button a browser sends is the caller's choice
    if f.kind in ("select", "radio"):
        return draw(st.sampled_from(choices)) if choices else None
    if f.kind == "checkbox":
        if len(choices) == 1:
            return choices[0]  # a consent box, or a single yes
        return draw(st.lists(st.sampled_from(choices), min_size=1, unique=True))
    if f.kind == "date":
        # Yesterday in UTC is in the past in every unit's time zone; the server's
        # own "today" (Jakarta) is already tomorrow for units west of it.
        yesterday = datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(1)
        return yesterday.isoformat()
    if f.kind == "number":
        low = f.minimum if f.minimum is not None else 0
        high = f.maximum if f.maximum is not None else low + 100
        return str(draw(st.integers(min_value=low, max_value=high)))
    if f.kind == "email":
        return draw(st.from_regex(r"[a-z]{1,10}@[a-z]{1,10}\.go\.id", fullmatch=True))
    text = draw(PLAIN_TEXT)
    return text[: f.maxlength] if f.maxlength else text


@st.composite
def valid_answers(draw, form: Form) -> dict:
    """A complete, valid answer to every field of `form`."""
    data = {}
    for f in form.fields.values():
        value = valid_value(f, draw)
        if value is not None:
            data[f.name] = value
    return data


@st.composite
def hostile_answers(draw, form: Form) -> dict:
    """Random and hostile values for some known fields, plus unknown fields."""
    names = list(form.fields)
    chosen = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    data = {name: draw(HOSTILE_VALUE) for name in chosen}
    data.update(draw(st.dictionaries(UNKNOWN_NAMES, HOSTILE_VALUE, max_size=3)))
    return data


def raw_body(data: dict) -> bytes:
    """Form-encode `data` keeping surrogates and NULs as raw (invalid) bytes."""
    from urllib.parse import quote_from_bytes

    parts = []
    for name, value in data.items():
        for v in value if isinstance(value, list) else [value]:
            key = quote_from_bytes(str(name).encode("utf-8", "surrogatepass"))
            val = quote_from_bytes(str(v).encode("utf-8", "surrogatepass"))
            parts.append(f"{key}={val}")
    return "&".join(parts).encode()


INVALID_UTF8 = st.sampled_from(
    [
        b"\xff\xfe",
        b"\xc3\x28",
        b"\xa0\xa1",
        b"\xe2\x28\xa1",
        b"\xf0\x28\x8c\x28",
        b"\x80",
    ]
)


@st.composite
def invalid_utf8_bodies(draw, form: Form) -> bytes:
    """A form body whose names or values are not UTF-8 at all."""
    from urllib.parse import quote_from_bytes

    names = list(form.fields) or ["x"]
    parts = []
    for name in draw(st.lists(st.sampled_from(names), min_size=1, unique=True)):
        bad = draw(INVALID_UTF8) * draw(st.integers(min_value=1, max_value=50))
        parts.append(f"{name}={quote_from_bytes(bad)}")
    if draw(st.booleans()):
        parts.append(f"{quote_from_bytes(draw(INVALID_UTF8))}=1")
    return "&".join(parts).encode()
