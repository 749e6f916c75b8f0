"""The project's admin screens speak one language: every word of its admin
templates goes through the catalogs (`{% translate %}`), so the Indonesian
admin never shows the project's English beside Wagtail's Indonesian."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("cms", "consultation", "innovation", "search", "standards", "templates")
# Abbreviations of the regulation, the same in both languages.
ABBREVIATIONS = {"IKM", "NRR", "SKM", "KIPP", "FKP"}

REMOVED = [
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{%\s*blocktranslate\b.*?\{%\s*endblocktranslate\s*%\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"<(script|style)\b.*?</\1>", re.S),
    re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S),
]
ATTRIBUTE_TEXT = re.compile(r'(?:title|aria-label|placeholder|alt)="([^"]*)"')


def admin_templates() -> list[Path]:
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            if "wagtailadmin/" in text and "/tests/" not in str(path):
                found.append(path)
    return found


def literal_words(source: str) -> list[str]:
    """Text a template shows that no translation tag carries."""
    for pattern in REMOVED:
        source = pattern.sub(" ", source)
    words = [w for attr in ATTRIBUTE_TEXT.findall(source) for w in attr.split()]
    words += re.sub(r"<[^>]*>", " ", source).split()
    return [
        w
        for w in words
        if re.search(r"[A-Za-z]{2}", w) and w.strip(".,:;()·") not in ABBREVIATIONS
    ]


def test_the_admin_templates_are_found():
    assert len(admin_templates()) >= 5


@pytest.mark.parametrize("path", admin_templates(), ids=lambda p: p.name)
def test_admin_template_has_no_untranslated_text(path):
    assert literal_words(path.read_text(encoding="utf-8")) == []


def test_untranslated_text_would_be_found():
    assert literal_words("<p>{% translate 'Saved' %} Approve</p>") == ["Approve"]
