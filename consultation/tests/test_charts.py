"""Bar charts draw in every language: SVG numbers take a decimal point."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from consultation.charts import bar_chart


def test_indonesian_chart_geometry_uses_decimal_points():
    chart = bar_chart(
        "skm", "IKM", "IKM per unsur", [("U1", 3.3, "3,30"), ("U2", 4, "4,00")], 4
    )

    with translation.override("id"):
        svg = render_to_string("consultation/includes/bar_chart.html", {"chart": chart})

    numbers = re.findall(r'(?:width|x|viewBox)="([^"]*)"', svg)
    assert "247.5" in numbers and "300.0" in numbers
    assert not [value for value in numbers if "," in value]
    assert "3,30" in svg  # the printed value stays in the reader's format


def test_labels_sit_above_their_bars_on_a_narrow_canvas():
    """Scaled to a 375 px phone (about 343 px of content), the 15-unit text
    stays at least 12 px high, and a long label keeps most of its words."""
    label = "Kesesuaian persyaratan pelayanan dengan jenis pelayanannya"
    chart = bar_chart("skm", "IKM", "IKM per unsur", [(label, 4, "4,00")], 4)
    svg = render_to_string("consultation/includes/bar_chart.html", {"chart": chart})
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg)[1])
    assert 15 * 343 / width >= 12
    assert re.search(r'<rect x="0"', svg)
    assert "Kesesuaian persyaratan pelayanan dengan jenis" in svg
    value_x = float(
        re.search(r'class="chart__bar"></rect>\s*<text x="([\d.]+)"', svg)[1]
    )
    assert value_x + 60 <= width


def test_a_long_label_wraps_at_a_word_instead_of_being_cut():
    """ "U8 Handling of complaints, suggestions and fe…" was cut mid-word."""
    label = "U8 Handling of complaints, suggestions and feedback"
    short = "U1 Requirements"
    chart = bar_chart("skm", "IKM", "IKM", [(label, 4, "4.00"), (short, 3, "3.00")], 4)
    svg = render_to_string("consultation/includes/bar_chart.html", {"chart": chart})
    lines = re.findall(
        r'<text x="0" y="(\d+)" class="chart__label">([^<]*)</text>', svg
    )
    assert [text for _y, text in lines] == [
        "U8 Handling of complaints, suggestions and",
        "feedback",
        "U1 Requirements",
    ]
    assert [int(y) for y, _text in lines] == [15, 31, 15]
    second_row = re.findall(r'<g transform="translate\(0 (\d+)\)">', svg)[1]
    assert int(second_row) == 46 + 16  # the first row grew by a line
    height = int(re.search(r'viewBox="0 0 \d+ (\d+)"', svg)[1])
    assert height == 46 + 16 + 46 + 4


def test_a_label_longer_than_two_lines_ends_with_an_ellipsis_at_a_word():
    label = " ".join(["persyaratan"] * 20)
    chart = bar_chart("c", "t", "d", [(label, 1, "1")], 1)
    last = chart["rows"][0].label_lines[-1][1]
    assert len(chart["rows"][0].label_lines) == 2
    assert last.endswith(" …") and "persyaratan" in last


def test_percentages_round_half_up_as_the_pages_say():
    """Python's `round` rounds half to even: 20 of 64 (31.25 %) showed 31,2
    beside 12 of 64 (18.75 %) as 18,8."""
    from decimal import Decimal

    from consultation.charts import percent_of

    assert (percent_of(20, 64), percent_of(12, 64)) == (
        Decimal("31.3"),
        Decimal("18.8"),
    )
    assert percent_of(1, 3) == Decimal("33.3")
    assert percent_of(0, 0) == 0
