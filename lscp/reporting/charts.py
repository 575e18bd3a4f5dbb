"""The report's two drawings: the partnership's structure (the Executive above its sub-groups) and
meetings held per group. Both go through lscp.core.svg, so they are accessible SVG in the site's
style; each page shows the same content as a list or table beside it."""

import functools
import textwrap

from django.conf import settings
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import MaxNLocator

from lscp.core import svg
from lscp.core.svg import TEXT

PER_ROW = 5  # sub-groups per row of the structure diagram, so boxes stay wide enough to read


def forget() -> None:
    """Empty the drawn charts' memory (for the benchmark: a report composed as if for the first time)."""
    _structure.cache_clear()
    _meetings.cache_clear()


def structure(executive: str, subgroups: tuple[str, ...]) -> str:
    """The Executive's box at the top, a line down to each sub-group's box below it."""
    description = f"{executive} oversees {len(subgroups)} sub-group{'s' if len(subgroups) != 1 else ''}" + (
        f": {', '.join(subgroups)}." if subgroups else "."
    )
    return _structure(executive, subgroups, settings.PARTNERSHIP_BRAND_COLOUR, description)


@functools.lru_cache(maxsize=32)
def _structure(executive: str, subgroups: tuple[str, ...], colour: str, description: str) -> str:
    return svg.render(
        lambda: _draw_structure(executive, subgroups, colour),
        chart_id="structure-diagram",
        title="How the partnership is organised",
        description=description,
    )


def _box(axes, x: float, y: float, width: float, text: str, *, filled: bool, colour: str) -> None:
    axes.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - 0.3),
            width,
            0.6,
            boxstyle="round,pad=0.02",
            facecolor=colour if filled else "white",
            edgecolor=colour,
            linewidth=1.5,
        )
    )
    axes.text(
        x, y, textwrap.fill(text, 18), ha="center", va="center", color="white" if filled else TEXT, fontsize=9
    )


def _draw_structure(executive: str, subgroups: tuple[str, ...], colour: str) -> Figure:
    rows = [subgroups[i : i + PER_ROW] for i in range(0, len(subgroups), PER_ROW)] or [()]
    figure = Figure(figsize=(7.0, 1.2 + 1.0 * len(rows)))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, PER_ROW)
    top = len(rows) + 0.6
    axes.set_ylim(0, top + 0.5)
    _box(axes, PER_ROW / 2, top, 2.4, executive, filled=True, colour=colour)
    for r, row in enumerate(rows):
        y = len(rows) - r - 0.4
        for i, name in enumerate(row):
            x = (PER_ROW - len(row)) / 2 + i + 0.5
            axes.plot([PER_ROW / 2, x], [top - 0.3, y + 0.3], color=colour, linewidth=1)
            _box(axes, x, y, 0.9, name, filled=False, colour=colour)
    return figure


def meetings(rows: tuple[tuple[str, int], ...]) -> str:
    """Meetings held per group, one horizontal bar each, the Executive at the top."""
    description = "; ".join(f"{name}: {held} meeting{'s' if held != 1 else ''} held" for name, held in rows)
    return _meetings(rows, settings.PARTNERSHIP_BRAND_COLOUR, description or "No meetings held.")


@functools.lru_cache(maxsize=32)
def _meetings(rows: tuple[tuple[str, int], ...], colour: str, description: str) -> str:
    return svg.render(
        lambda: _draw_meetings(rows, colour),
        chart_id="meetings-held",
        title="Meetings held by each group",
        description=description,
    )


def _draw_meetings(rows: tuple[tuple[str, int], ...], colour: str) -> Figure:
    figure = Figure(figsize=(7.0, 0.8 + 0.3 * max(len(rows), 1)), layout="constrained")
    axes = figure.add_subplot()
    positions = range(len(rows))
    axes.barh(positions, [held for _, held in rows], color=colour, height=0.7)
    axes.set_yticks(positions, [name for name, _ in rows])
    axes.set_ylim(len(rows) - 0.5, -0.5)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xlabel("Meetings held")
    for position, (_, held) in zip(positions, rows, strict=True):
        axes.annotate(str(held), (held, position), xytext=(4, 0), textcoords="offset points", va="center")
    return figure
