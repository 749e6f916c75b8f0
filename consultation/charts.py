"""Accessible SVG bar charts drawn by the templates from precomputed rows.

The chart is a picture of numbers that are also shown in a table next to it;
`role="img"` with a title and a description names it for screen readers.

Each label sits above its bar, on the chart's full width, so the canvas is
narrow (`CHART_WIDTH`): scaled to a 375 px phone its text stays about the
size of the page's small print, and long labels are not cut to a few letters.
"""

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .surveys.skm import round_half_up

CHART_WIDTH = 400
ROW_HEIGHT = 46
# The widest bar leaves room after it for its printed value.
BAR_WIDTH = 300
LABEL_CHARS = 46
# A longer label wraps onto a second line at a word; past it, it ends in "…"
# (the table beside the chart has every label whole).
LABEL_LINES = 2
LINE_HEIGHT = 16


def percent_of(count: int, total: int) -> Decimal | int:
    """`count` in % of `total` to one decimal place, rounded half up as the
    results pages say figures are (Python's `round` rounds half to even:
    31.25 became 31.2 beside 18.75 as 18.8); 0 when there is no total."""
    if not total:
        return 0
    return round_half_up(Fraction(count * 100, total), 1)


def rounded_off(percents: Iterable[Decimal | float | int]) -> bool:
    """Whether percentages rounded to one decimal place add up to other than
    100 (three equal shares: 33.3 each, 99.9 in all), which the table then
    says, so a reader does not take it for a miscount."""
    values = [Decimal(str(percent)) for percent in percents]
    return any(values) and sum(values) != 100


@dataclass(frozen=True)
class ChartRow:
    """One bar: its label's lines, the printed value and its geometry (`y` of
    the row; `label_lines` as (y, text) within it; `bar_y` and `value_y`
    below the label)."""

    label: str
    value: str
    y: int
    bar: Decimal
    text_x: Decimal
    label_lines: tuple[tuple[int, str], ...] = ()
    bar_y: int = 21
    value_y: int = 35


def label_lines(label: str) -> list[str]:
    """`label` in lines of at most `LABEL_CHARS` characters, broken at words;
    at most `LABEL_LINES` of them, the last ending in "…" when cut."""
    lines = textwrap.wrap(label, LABEL_CHARS) or [""]
    if len(lines) <= LABEL_LINES:
        return lines
    rest = " ".join(lines[LABEL_LINES - 1 :])
    last = textwrap.shorten(rest, LABEL_CHARS, placeholder=" …")
    return [*lines[: LABEL_LINES - 1], last]


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    rows: list[tuple[str, float | Decimal | int | None, str]],
    max_value: float | Decimal | int,
) -> dict:
    """Geometry of a horizontal bar chart: one bar per (label, value, text)."""
    chart_rows = []
    y = 0
    for label, value, text in rows:
        share = Decimal(str(value or 0)) / Decimal(str(max_value or 1))
        bar = (share * BAR_WIDTH).quantize(Decimal("0.1"))
        lines = label_lines(str(label))
        extra = (len(lines) - 1) * LINE_HEIGHT
        chart_rows.append(
            ChartRow(
                label=str(label),
                value=text,
                y=y,
                bar=bar,
                text_x=bar + 6,
                label_lines=tuple(
                    (15 + n * LINE_HEIGHT, line) for n, line in enumerate(lines)
                ),
                bar_y=21 + extra,
                value_y=35 + extra,
            )
        )
        y += ROW_HEIGHT + extra
    return {
        "id": chart_id,
        "title": title,
        "desc": desc,
        "rows": chart_rows,
        "width": CHART_WIDTH,
        "height": max(y, ROW_HEIGHT) + 4,
    }
