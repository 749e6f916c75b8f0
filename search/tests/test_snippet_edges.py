"""A result's snippet never opens or ends on the separator the index puts
between a StreamField's items ("… · Pemohon mengambil …")."""

from search.engines.base import FRAGMENT_SIZE, highlight_text
from search.registry import ITEM_SEPARATOR


def test_a_snippet_does_not_open_on_an_item_separator():
    before = "x" * (FRAGMENT_SIZE // 3 - 2)
    text = before + ITEM_SEPARATOR + "Pemohon mengambil paspor di loket"
    snippet = highlight_text(text, ["paspor"])
    assert snippet.startswith("…Pemohon"), snippet


def test_a_snippet_does_not_end_on_an_item_separator():
    first = "Paspor " + "a" * (FRAGMENT_SIZE - len("Paspor ") - 2)
    text = first + ITEM_SEPARATOR + "langkah berikutnya " * 10
    snippet = highlight_text(text, ["paspor"])
    assert snippet.endswith("a…"), snippet
