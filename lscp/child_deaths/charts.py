"""A bar chart for each breakdown of the analysis, as SVG text to put straight into a page
(`lscp.core.svg` makes it accessible and CSP-safe; its <desc> reads out every bar).

A withheld cell is drawn as a gap with its mark ("<5" or "[c]") and the note that explains it:
the chart never sees the real count (`Cell.count` is None).
"""

import functools
import textwrap
from collections.abc import Sequence

from django.conf import settings
from django.utils.text import slugify
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lscp.child_deaths.arithmetic import SUPPRESSION_NOTE, Cell
from lscp.core import svg
from lscp.core.svg import SECONDARY_TEXT, TEXT

WIDTH_INCHES = 7.0
LABEL_WIDTH = 46  # characters before a label wraps


def bar_chart(title: str, cells: Sequence[Cell], *, chart_id: str = "") -> str:
    """One horizontal bar per cell, first cell at the top, each labelled with what a table shows."""
    chart_id = chart_id or f"chart-{slugify(title)}"
    return _chart(title, tuple(cells), chart_id, settings.PARTNERSHIP_BRAND_COLOUR)


# Drawing takes matplotlib tens of milliseconds a chart; the same figures always give the same
# chart, and a period's figures rarely change, so the last few hundred charts are kept.
@functools.lru_cache(maxsize=256)
def _chart(title: str, cells: tuple[Cell, ...], chart_id: str, colour: str) -> str:
    return svg.render(
        lambda: _draw(cells, colour), chart_id=chart_id, title=title, description=_description(cells)
    )


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


def analysis_charts(analysis) -> list[tuple[str, str]]:
    """(title, SVG) for each breakdown of an `analysis.Analysis`."""
    return [(title, bar_chart(title, cells)) for title, cells in analysis.breakdowns]
