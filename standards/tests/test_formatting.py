"""Amounts and durations are written the way each language writes them."""

from decimal import Decimal

from django.utils import translation

from standards.formatting import format_duration, format_money


def test_english_money_groups_thousands_with_commas():
    assert format_money(Decimal("650000"), "IDR", "en") == "IDR 650,000"


def test_indonesian_rupiah_uses_rp_and_dots():
    assert format_money(Decimal("650000"), "IDR", "id") == "Rp650.000"


def test_cents_are_shown_only_when_there_are_some():
    assert format_money(Decimal("97.50"), "CAD", "en") == "CAD 97.50"
    assert format_money(Decimal("97.50"), "CAD", "id") == "CAD 97,50"
    assert format_money(Decimal("60.00"), "CAD", "en") == "CAD 60"


def test_rupiah_with_sen_is_not_rounded():
    assert format_money(Decimal("1234567.50"), "IDR", "id") == "Rp1.234.567,50"
    assert format_money(Decimal("1234567.50"), "IDR", "en") == "IDR 1,234,567.50"
    assert format_money(Decimal("1234567.00"), "IDR", "id") == "Rp1.234.567"


def test_english_duration_is_pluralised():
    with translation.override("en"):
        assert format_duration(1, "hari_kerja") == "1 working day"
        assert format_duration(3, "hari_kerja") == "3 working days"
        assert format_duration(30, "menit") == "30 minutes"


def test_indonesian_duration_uses_indonesian_units():
    with translation.override("id"):
        assert format_duration(3, "hari_kerja") == "3 hari kerja"
        assert format_duration(1, "jam") == "1 jam"
        assert format_duration(2, "hari_kalender") == "2 hari kalender"


def test_bad_amount_gives_empty_text_not_an_error():
    assert format_money("abc", "SGD", "en") == ""
