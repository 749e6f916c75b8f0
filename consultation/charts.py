"""Accessible SVG bar charts drawn by the templates from precomputed rows.

The chart is a picture of numbers that are also shown in a table next to it;
`role="img"` with a title and a description names it for screen readers.

Each label sits above its bar, on the chart's full width, so the canvas is
narrow (`CHART_WIDTH`): scaled to a 375 px phone its text stays about the
size of the page's small print, and long labels are not cut to a few letters.
"""

from dataclasses import dataclass
from decimal import Decimal

CHART_WIDTH = 400
ROW_HEIGHT = 46
# The widest bar leaves room after it for its printed value.
BAR_WIDTH = 300
LABEL_CHARS = 46


@dataclass(frozen=True)
class ChartRow:
    """One bar: its label, the printed value and its geometry."""

    label: str
    value: str
    y: int
    bar: Decimal
    text_x: Decimal


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    rows: list[tuple[str, float | Decimal | int | None, str]],
    max_value: float | Decimal | int,
) -> dict:
    """Geometry of a horizontal bar chart: one bar per (label, value, text)."""
    chart_rows = []
    for index, (label, value, text) in enumerate(rows):
        share = Decimal(str(value or 0)) / Decimal(str(max_value or 1))
        bar = (share * BAR_WIDTH).quantize(Decimal("0.1"))
        chart_rows.append(
            ChartRow(
                label=str(label),
                value=text,
                y=index * ROW_HEIGHT,
                bar=bar,
                text_x=bar + 6,
            )
        )
    return {
        "id": chart_id,
        "title": title,
        "desc": desc,
        "rows": chart_rows,
        "width": CHART_WIDTH,
        "label_chars": LABEL_CHARS,
        "height": max(len(rows), 1) * ROW_HEIGHT + 4,
    }
