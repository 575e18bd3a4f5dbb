"""The SPC chart of a KPI as Making Data Count draws it: the values joined by a line, the mean
and process limits of each baseline (broken at a rebase), the target, and each point coloured by
what it means: grey common cause, blue improvement, orange concern, purple a neutral signal."""

import functools
from collections.abc import Sequence

from django.utils.text import slugify
from matplotlib.figure import Figure

from lscp.core import svg
from lscp.core.svg import SECONDARY_TEXT, TEXT
from lscp.performance.spc import SeriesResult

# Making Data Count's palette.
POINT_COLOURS = {
    "common_cause": "#7b7d7d",
    "special_cause_improvement": "#289de0",
    "special_cause_concern": "#fab428",
    "special_cause_neutral_high": "#361475",
    "special_cause_neutral_low": "#361475",
}
TARGET_COLOUR = "#d4351c"
WIDTH_INCHES, HEIGHT_INCHES = 7.0, 3.0
MAX_LABELS = 12


def spc_chart(title: str, result: SeriesResult, labels: Sequence[str], unit: str = "") -> str:
    """The chart as inline SVG; `labels` name the periods, one a point."""
    chart_id = f"spc-{slugify(title)}"
    return _chart(title, result, tuple(labels), unit, chart_id)


@functools.lru_cache(maxsize=512)
def _chart(title: str, result: SeriesResult, labels: tuple[str, ...], unit: str, chart_id: str) -> str:
    return svg.render(
        lambda: _draw(result, labels, unit),
        chart_id=chart_id,
        title=title,
        description=describe(result, labels, unit),
    )


def _baselines(result: SeriesResult) -> list[range]:
    """The index ranges of each baseline group, in order."""
    groups: list[range] = []
    start = 0
    for i in range(1, len(result.points) + 1):
        if i == len(result.points) or result.points[i].rebase_group != result.points[start].rebase_group:
            groups.append(range(start, i))
            start = i
    return groups


def _draw(result: SeriesResult, labels: tuple[str, ...], unit: str) -> Figure:
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), layout="constrained")
    axes = figure.add_subplot()
    points = result.points
    xs = range(len(points))
    axes.plot(xs, [p.y for p in points], color=SECONDARY_TEXT, linewidth=1)
    for group in _baselines(result):
        first, last = group[0], group[-1]
        mean, lpl, upl = points[first].mean, points[first].lpl, points[first].upl
        axes.plot([first, last], [mean, mean], color=TEXT, linewidth=1)
        for limit in (lpl, upl):
            axes.plot([first, last], [limit, limit], color=SECONDARY_TEXT, linewidth=1, linestyle="--")
    if result.target is not None:
        axes.axhline(result.target, color=TARGET_COLOUR, linewidth=1, linestyle=":")
    axes.scatter(xs, [p.y for p in points], c=[POINT_COLOURS[p.point_type] for p in points], s=18, zorder=3)
    step = max(1, -(-len(labels) // MAX_LABELS))
    axes.set_xticks(list(xs)[::step], list(labels)[::step], rotation=45, ha="right", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    if unit:
        axes.set_ylabel(unit)
    return figure


def describe(result: SeriesResult, labels: Sequence[str], unit: str = "") -> str:
    """The chart in words, for screen readers: the range, the latest value, the limits, the signals."""
    if not result.points:
        return "No values yet."
    latest = result.latest
    flagged = sum(1 for p in result.points if p.point_type != "common_cause")
    words = [
        f"{len(result.points)} values from {labels[0]} to {labels[-1]}.",
        f"Latest, {labels[-1]}: {latest.y:g}{' ' + unit if unit else ''}.",
        f"Mean {latest.mean:.4g}, process limits {latest.lpl:.4g} to {latest.upl:.4g}.",
        f"{flagged} value{'s' if flagged != 1 else ''} show special cause variation.",
    ]
    if result.target is not None:
        words.append(f"Target {result.target:g}.")
    return " ".join(words)
