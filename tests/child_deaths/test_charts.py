"""Charts: SVG to inline, accessible, deterministic, and never drawing a withheld count."""

import re
import xml.etree.ElementTree as ET

from django.test import override_settings

from lscp.child_deaths.arithmetic import SMALL, SUPPRESSION_NOTE, WITHHELD, breakdown
from lscp.child_deaths.categories import Category
from lscp.child_deaths.charts import _chart, bar_chart

SVG = "{http://www.w3.org/2000/svg}"
# The categories in 2021-22's reviews, in the form's order.
COUNTS = [0, 1, 2, 2, 1, 3, 4, 5, 1, 6]


def categories(suppressed: bool):
    rows = [(category.label, n) for category, n in zip(Category, COUNTS, strict=True)]
    return breakdown(rows, sum(COUNTS), suppressed=suppressed)


def test_the_chart_is_an_svg_image_named_by_its_title():
    svg = bar_chart("Category of death", categories(suppressed=False))
    assert svg.startswith("<svg ")  # no XML declaration or DOCTYPE inside a page
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Category of death"
    assert root.get("aria-labelledby") == title.get("id")
    desc = root.find(f"{SVG}desc")
    assert root.get("aria-describedby") == desc.get("id")
    assert "Sudden unexpected, unexplained death: 6 (24%)" in desc.text
    # Text is text, in the site's fonts with a generic fallback, and every bar has its label.
    texts = "".join(root.itertext())
    assert "Perinatal or neonatal event" in texts and "5 (20%)" in texts
    assert "sans-serif" in svg and "<path" in svg


def test_no_inline_styles_for_the_content_security_policy_to_drop():
    # style-src 'self': a browser ignores style attributes and <style> elements in the page.
    svg = bar_chart("Category of death", categories(suppressed=True))
    assert "style=" not in svg and "<style" not in svg
    root = ET.fromstring(svg)
    texts = list(root.iter(f"{SVG}text"))
    assert texts and all(text.get("font-size") and "sans-serif" in text.get("font-family") for text in texts)
    assert root.get("stroke-linejoin") == "round"


def test_bars_are_the_brand_colour():
    with override_settings(PARTNERSHIP_BRAND_COLOUR="#12ab34"):
        svg = bar_chart("Category of death", categories(suppressed=False))
    assert 'fill="#12ab34"' in svg


def test_the_same_figures_give_the_same_bytes_and_ids_belong_to_the_chart():
    first = bar_chart("Category of death", categories(suppressed=True))
    assert bar_chart("Category of death", categories(suppressed=True)) is first  # kept, not redrawn
    _chart.cache_clear()
    assert bar_chart("Category of death", categories(suppressed=True)) == first  # drawn again, same bytes
    ids = re.findall(r'\bid="([^"]+)"', first)
    assert ids and all(i.startswith("chart-category-of-death-") for i in ids)
    assert len(ids) == len(set(ids))
    other = bar_chart("Age at death", categories(suppressed=True))
    assert not set(ids) & set(re.findall(r'\bid="([^"]+)"', other))
    for ref in re.findall(r'(?:url\(#|href="#)([^)"]+)', first):
        assert ref in ids


def test_a_withheld_count_is_a_gap_with_a_note_never_its_value():
    cells = breakdown([("Female", 1), ("Male", 5), ("Indeterminate", 0)], 6, suppressed=True)
    svg = bar_chart("Sex", cells)
    root = ET.fromstring(svg)
    texts = ["".join(text.itertext()).strip() for text in root.iter(f"{SVG}text")]
    notes = [text for text in texts if len(text) > 10 and text in SUPPRESSION_NOTE]  # its lines
    assert " ".join(notes) == SUPPRESSION_NOTE
    others = [text for text in texts if text not in notes]
    assert others.count(WITHHELD) == 3
    # Neither real number appears: not as a label, a tick or a share; and no bar is drawn.
    assert not any(re.search(r"\d", text) for text in others), others
    assert _bars(svg) == 0
    assert "Female: [c]; Male: [c]" in root.find(f"{SVG}desc").text


def test_a_small_count_is_not_drawn():
    svg = bar_chart("Category of death", categories(suppressed=True))
    desc = ET.fromstring(svg).find(f"{SVG}desc").text
    assert f"Infection: {SMALL}" in desc and "Infection: 1" not in desc
    # Two bars only (perinatal 5, sudden unexplained 6): the hidden cells draw nothing.
    unsuppressed = bar_chart("Category of death", categories(suppressed=False))
    assert _bars(svg) == 2 and _bars(unsuppressed) == 9


def _bars(svg: str) -> int:
    """Filled rectangles in the bar colour."""
    from django.conf import settings

    return len(re.findall(rf'fill="{settings.PARTNERSHIP_BRAND_COLOUR}"', svg))


def test_an_empty_breakdown_says_so():
    svg = bar_chart("Year of death", [])
    assert "No reviews in this period" in "".join(ET.fromstring(svg).itertext())
