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
