"""The Indonesian stemmer's rules, as Elasticsearch applies them.

A reference implementation of Lucene's `IndonesianStemmer` (Tala 2003, the
algorithm behind Elasticsearch's `stemmer` filter with `language: indonesian`).
Test data only (the site never stems in Python): tests check the stems of the
site's vocabulary with it, because the in-memory test cluster has no Indonesian
stemmer; the stem-exclusion list in `data/stem_exclusions.txt` protects the
words these rules mangle.
"""

from __future__ import annotations

VOWELS = frozenset("aeiou")
_MENG, _DI, _TER, _KE, _PENG, _BER, _PE = (1 << n for n in range(7))


class _Word:
    def __init__(self, word: str) -> None:
        self.text = word
        self.syllables = sum(ch in VOWELS for ch in word)
        self.flags = 0

    def cut_end(self, n: int) -> None:
        self.text = self.text[:-n]
        self.syllables -= 1

    def cut_start(self, n: int, flag: int = 0) -> None:
        self.text = self.text[n:]
        self.syllables -= 1
        self.flags |= flag


def _remove_particle(w: _Word) -> None:
    if w.text.endswith(("kah", "lah", "pun")):
        w.cut_end(3)


def _remove_possessive(w: _Word) -> None:
    if w.text.endswith(("ku", "mu")):
        w.cut_end(2)
    elif w.text.endswith("nya"):
        w.cut_end(3)


def _vowel_at(text: str, i: int) -> bool:
    return len(text) > i and text[i] in VOWELS


def _remove_first_order_prefix(w: _Word) -> None:
    t = w.text
    if t.startswith("meng"):
        w.cut_start(4, _MENG)
    elif t.startswith("meny") and _vowel_at(t, 4):
        w.text = "s" + t[4:]
        w.syllables -= 1
        w.flags |= _MENG
    elif t.startswith(("men", "mem")):
        w.cut_start(3, _MENG)
    elif t.startswith("me"):
        w.cut_start(2, _MENG)
    elif t.startswith("peng"):
        w.cut_start(4, _PENG)
    elif t.startswith("peny") and _vowel_at(t, 4):
        w.text = "s" + t[4:]
        w.syllables -= 1
        w.flags |= _PENG
    elif t.startswith("peny"):
        w.cut_start(4, _PENG)
    elif t.startswith("pen") and _vowel_at(t, 3):
        w.text = "t" + t[3:]
        w.syllables -= 1
        w.flags |= _PENG
    elif t.startswith(("pen", "pem")):
        w.cut_start(3, _PENG)
    elif t.startswith("di"):
        w.cut_start(2, _DI)
    elif t.startswith("ter"):
        w.cut_start(3, _TER)
    elif t.startswith("ke"):
        w.cut_start(2, _KE)


def _remove_second_order_prefix(w: _Word) -> None:
    t = w.text
    if t.startswith("ber") or t == "belajar":
        w.cut_start(3, _BER)
    elif t.startswith("be") and len(t) > 4 and t[2] not in VOWELS and t[3:5] == "er":
        w.cut_start(2, _BER)
    elif t.startswith("per") or t == "pelajar":
        w.cut_start(3)
    elif t.startswith("pe"):
        w.cut_start(2, _PE)


def _remove_suffix(w: _Word) -> None:
    t, f = w.text, w.flags
    if t.endswith("kan") and not f & (_KE | _PENG | _PE):
        w.cut_end(3)
    elif t.endswith("an") and not f & (_DI | _MENG | _TER):
        w.cut_end(2)
    elif t.endswith("i") and not t.endswith("si") and not f & (_BER | _KE | _PENG):
        w.cut_end(1)


def indonesian_stem(word: str) -> str:
    """The stem Elasticsearch's Indonesian stemmer gives a lower-case word."""
    w = _Word(word)
    if w.syllables > 2:
        _remove_particle(w)
    if w.syllables > 2:
        _remove_possessive(w)
    before = w.text
    if w.syllables > 2:
        _remove_first_order_prefix(w)
    if w.text != before:
        before = w.text
        if w.syllables > 2:
            _remove_suffix(w)
        if w.text != before and w.syllables > 2:
            _remove_second_order_prefix(w)
    else:
        if w.syllables > 2:
            _remove_second_order_prefix(w)
        if w.syllables > 2:
            _remove_suffix(w)
    return w.text
