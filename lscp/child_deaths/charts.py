"""A bar chart for each breakdown of the analysis, as SVG text to put straight into a page.

The chart is an image to screen readers (`role="img"`), named by its <title> and described by a
<desc> that reads out every bar, so nothing in it is only visual. Text stays text (`svg.fonttype`
'none') in the site's own font stack, so it scales and can be searched; the same figures always
give the same bytes (`svg.hashsalt`, no date), and every id is prefixed by the chart's, so several
charts can share a page. A withheld cell is drawn as a gap with its mark ("<5" or "[c]") and the
note that explains it: the chart never sees the real count (`Cell.count` is None).
"""

import functools
import io
import re
import textwrap
import threading
from collections.abc import Sequence

import matplotlib
from django.conf import settings
from django.utils.html import escape
from django.utils.text import slugify
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lscp.child_deaths.arithmetic import SUPPRESSION_NOTE, Cell

# No display on a server. Charts are drawn on a bare Figure, never through pyplot, so this only
# matters should anything import pyplot later.
matplotlib.use("Agg")

TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
# The site's font first (lscp.scss); DejaVu Sans is what the server has to measure text with.
FONTS = ["Arial", "DejaVu Sans"]
WIDTH_INCHES = 7.0
LABEL_WIDTH = 46  # characters before a label wraps
# rcParams are global to the process: one chart at a time, so two requests never mix settings.
_drawing = threading.Lock()


def bar_chart(title: str, cells: Sequence[Cell], *, chart_id: str = "") -> str:
    """One horizontal bar per cell, first cell at the top, each labelled with what a table shows."""
    chart_id = chart_id or f"chart-{slugify(title)}"
    return _chart(title, tuple(cells), chart_id, settings.PARTNERSHIP_BRAND_COLOUR)


# Drawing takes matplotlib tens of milliseconds a chart; the same figures always give the same
# chart, and a period's figures rarely change, so the last few hundred charts are kept.
@functools.lru_cache(maxsize=256)
def _chart(title: str, cells: tuple[Cell, ...], chart_id: str, colour: str) -> str:
    style = {
        "svg.hashsalt": chart_id,
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.sans-serif": FONTS,
        "font.size": 10,
        "text.color": TEXT,
        "axes.labelcolor": TEXT,
        "xtick.color": TEXT,
        "ytick.color": TEXT,
    }
    with _drawing, matplotlib.rc_context(style):  # type: ignore[arg-type]  # keys typed as literals
        figure = _draw(cells, colour)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(out.getvalue(), chart_id, title, _description(cells))


def _draw(cells: Sequence[Cell], colour: str) -> Figure:
    labels = [textwrap.fill(cell.label, LABEL_WIDTH) for cell in cells]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    withheld = any(cell.withheld for cell in cells)
    # Bars are evenly spaced, so each row is as tall as the longest label needs.
    height = 0.8 + len(cells) * (0.12 + 0.17 * lines) + (0.4 if withheld else 0)
    figure = Figure(figsize=(WIDTH_INCHES, height), layout="constrained")
    axes = figure.add_subplot()
    if not cells:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "No reviews in this period", ha="center", va="center")
        return figure
    positions = range(len(cells))
    widths = [cell.count or 0 for cell in cells]
    # Only real, non-zero counts get a bar: a withheld cell leaves a gap, not a bar of any size.
    drawn = [(p, cell.count) for p, cell in zip(positions, cells, strict=True) if cell.count]
    if drawn:
        bars_at, bar_widths = zip(*drawn, strict=True)
        axes.barh(bars_at, bar_widths, color=colour, height=0.7)
    axes.set_yticks(positions, labels)
    axes.set_ylim(len(cells) - 0.5, -0.5)  # the first cell at the top
    axes.set_xlim(0, max(max(widths) * 1.2, 1))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    if all(cell.withheld for cell in cells):
        axes.xaxis.set_visible(False)  # no scale for bars that are not drawn
        axes.spines["bottom"].set_visible(False)
    else:
        axes.set_xlabel("Reviews")
    for position, cell in zip(positions, cells, strict=True):
        text = f"{cell.shown} ({cell.percent})" if cell.percent else cell.shown
        colour = SECONDARY_TEXT if cell.withheld else TEXT
        axes.annotate(
            text,
            (cell.count or 0, position),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            color=colour,
        )
    if withheld:
        note = textwrap.fill(SUPPRESSION_NOTE, 105)
        figure.supxlabel(note, x=0.01, ha="left", color=SECONDARY_TEXT, fontsize=8)
    return figure


def _description(cells: Sequence[Cell]) -> str:
    if not cells:
        return "No reviews in this period."
    return (
        "; ".join(
            f"{cell.label}: {cell.shown}" + (f" ({cell.percent})" if cell.percent else "") for cell in cells
        )
        + "."
    )


def _inline(svg: str, chart_id: str, title: str, description: str) -> str:
    """The <svg> element alone: no XML declaration or DOCTYPE (not allowed inside HTML), no
    metadata, ids made unique to the chart, styles as attributes, and its accessible name and
    description added."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{chart_id}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{chart_id}-\1"', svg)
    svg = _presentation_attributes(svg)
    opening = svg[: svg.index(">") + 1]
    accessible = opening[:-1] + (
        f' role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc"'
        ' class="lscp-chart" stroke-linejoin="round" stroke-linecap="butt">'
        f'\n <title id="{chart_id}-title">{escape(title)}</title>'
        f'\n <desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return accessible + svg[len(opening) :]


def _presentation_attributes(svg: str) -> str:
    """The site's Content-Security-Policy (style-src 'self') makes a browser ignore style
    attributes and <style> elements in a page, which would leave the bars black and the axes
    undrawn. Everything matplotlib styles (fill, stroke, fonts, text-anchor) is also an SVG
    presentation attribute, which the policy allows; its one stylesheet rule (the line joins) is
    set on the root instead."""
    svg = re.sub(r"\s*<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)

    def attributes(match: re.Match) -> str:
        pairs = (part.split(":", 1) for part in match.group(1).split(";") if part.strip())
        return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)

    return re.sub(r'style="([^"]*)"', attributes, svg)


def analysis_charts(analysis) -> list[tuple[str, str]]:
    """(title, SVG) for each breakdown of an `analysis.Analysis`."""
    return [(title, bar_chart(title, cells)) for title, cells in analysis.breakdowns]
