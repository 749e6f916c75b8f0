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
    assert "280.5" in numbers and "340.0" in numbers
    assert not [value for value in numbers if "," in value]
    assert "3,30" in svg  # the printed value stays in the reader's format
