"""Invisible control characters never reach published text."""

import html
import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.core.models import ContentPage
from cms.core.public_text import (
    PUBLIC_FORM_RENDERER,
    PublicTextForm,
    strip_invisible_controls,
)

INVISIBLE = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9f",
]


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_control_character_is_stripped(char):
    assert strip_invisible_controls(f"Paspor{char}gpj.exe") == "Pasporgpj.exe"


def test_tabs_and_line_breaks_are_kept():
    text = "Baris satu\r\nBaris\tdua\n"
    assert strip_invisible_controls(text) == text


def test_visible_text_in_any_script_is_kept():
    text = "Layanan paspor — خدمة جواز السفر — 护照服务 ✓"
    assert strip_invisible_controls(text) == text


class CommentForm(PublicTextForm):
    text = forms.CharField()
    tags = forms.MultipleChoiceField(choices=[("a", "a"), ("b", "b")], required=False)


def test_public_form_cleans_every_submitted_value():
    data = QueryDict(mutable=True)
    data["text"] = "tulisan\u202eterbalik"
    data.setlist("tags", ["a\u200e", "b"])
    form = CommentForm(data)
    assert form.is_valid()
    assert form.cleaned_data == {"text": "tulisanterbalik", "tags": ["a", "b"]}


def test_public_form_answer_of_control_characters_only_is_missing():
    form = CommentForm({"text": "\u202e\u2066"})
    assert not form.is_valid()
    assert "text" in form.errors


@pytest.mark.django_db
def test_page_title_typed_by_an_editor_is_saved_without_controls(
    client, make_staff, unit_a
):
    client.force_login(make_staff(unit_a))
    data = nested_form_data(
        {
            "title": "Jam\u202e layanan",
            "slug": "jam-layanan",
            "intro": "Buka\u2066 setiap hari",
            "body": streamfield([]),
        }
    )
    response = client.post(f"/admin/pages/add/core/contentpage/{unit_a.pk}/", data)
    assert response.status_code == 302
    page = ContentPage.objects.get(slug="jam-layanan")
    assert page.title == "Jam layanan"
    assert page.draft_title == "Jam layanan"
    assert page.intro == "Buka setiap hari"


class EveryWidgetForm(PublicTextForm):
    text = forms.CharField()
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    choice = forms.ChoiceField(choices=[("a", "<b>A</b>"), ("b", "B")])
    several = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(required=False)


def rendered(form: forms.Form) -> str:
    markup = re.sub(r"\s+", " ", "".join(str(form[name]) for name in form.fields))
    return markup.replace("> <", "><").strip()


def test_public_widgets_render_as_with_django_templates_and_escape_what_was_typed():
    typed = {
        "text": '"><script>alert(1)</script>',
        "body": "</textarea><script>alert(2)</script>",
        "choice": "zz",
        "several": ["x"],
    }
    fast = EveryWidgetForm(data=typed)
    plain = EveryWidgetForm(data=typed, renderer=DjangoTemplates())
    assert not fast.is_valid()
    assert not plain.is_valid()
    assert fast.renderer is PUBLIC_FORM_RENDERER
    # The same markup; Jinja2 writes a quote as &#34;, Django as &quot;.
    assert html.unescape(rendered(fast)) == html.unescape(rendered(plain))
    assert "<script>" not in rendered(fast)
    assert "&lt;b&gt;A&lt;/b&gt;" in rendered(fast)
