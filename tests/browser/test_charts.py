"""The results charts of a survey and a consultation, in both languages, on a
375 px phone and a 1280 px desktop: every bar drawn, every label readable."""

import pytest

from .journeys import check_page

pytestmark = pytest.mark.browser

RESULTS = (
    "/unit/kbri-singapura/survei-kepuasan-masyarakat/results/",
    "/unit/kbri-singapura/fkp-standar-paspor-2026/results/",
)
# The smallest text on a phone the site otherwise uses (its small print).
MIN_TEXT_PX = 12


@pytest.mark.parametrize("path", RESULTS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_charts_are_drawn_with_readable_labels(screen, demo_server, language, path):
    screen.goto(f"{demo_server}/{language}{path}")
    check_page(screen, language)
    labels = screen.locator(".chart__label")
    assert labels.count() > 0
    heights = [box["height"] for box in (t.bounding_box() for t in labels.all())]
    assert min(heights) >= MIN_TEXT_PX, heights
    bars = [b.bounding_box()["width"] for b in screen.locator(".chart__bar").all()]
    assert any(width > 0 for width in bars)
    for label in labels.all():
        label_box = label.bounding_box()
        figure = screen.locator(".chart").first.bounding_box()
        assert label_box["x"] + label_box["width"] <= figure["x"] + figure["width"] + 1
