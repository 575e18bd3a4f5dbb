"""Charts as SVG text to put straight into a page, drawn by matplotlib.

A chart is an image to screen readers (`role="img"`), named by its <title> and described by a
<desc> that says in words what it shows, so nothing in it is only visual; a page puts the same
figures in a table beside it. Text stays text (`svg.fonttype` 'none') in the site's own font
stack; the same figures always give the same bytes (`svg.hashsalt`, no date); every id is
prefixed by the chart's, so several charts can share a page; and styles become presentation
attributes, which the site's Content-Security-Policy allows.
"""

import io
import re
import threading
from collections.abc import Callable

import matplotlib
from django.utils.html import escape
from matplotlib.figure import Figure

# No display on a server. Charts are drawn on a bare Figure, never through pyplot.
matplotlib.use("Agg")

TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
# The site's font first (lscp.scss); DejaVu Sans is what the server has to measure text with.
FONTS = ["Arial", "DejaVu Sans"]
# rcParams are global to the process: one chart at a time, so two requests never mix settings.
_drawing = threading.Lock()


def render(draw: Callable[[], Figure], *, chart_id: str, title: str, description: str) -> str:
    """Draw a figure with the site's chart style and return it as inline, accessible SVG."""
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
        figure = draw()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return inline(out.getvalue(), chart_id, title, description)


def inline(svg: str, chart_id: str, title: str, description: str) -> str:
    """The <svg> element alone: no XML declaration or DOCTYPE (not allowed inside HTML), no
    metadata, ids made unique to the chart, styles as attributes, and its accessible name and
    description added."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{chart_id}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{chart_id}-\1"', svg)
    svg = presentation_attributes(svg)
    opening = svg[: svg.index(">") + 1]
    accessible = opening[:-1] + (
        f' role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc"'
        ' class="lscp-chart" stroke-linejoin="round" stroke-linecap="butt">'
        f'\n <title id="{chart_id}-title">{escape(title)}</title>'
        f'\n <desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return accessible + svg[len(opening) :]


def presentation_attributes(svg: str) -> str:
    """The site's Content-Security-Policy (style-src 'self') makes a browser ignore style
    attributes and <style> elements in a page, which would leave bars black and axes undrawn.
    Everything matplotlib styles (fill, stroke, fonts, text-anchor) is also an SVG presentation
    attribute, which the policy allows; its one stylesheet rule (the line joins) is set on the
    root instead."""
    svg = re.sub(r"\s*<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)

    def attributes(match: re.Match) -> str:
        pairs = (part.split(":", 1) for part in match.group(1).split(";") if part.strip())
        return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)

    return re.sub(r'style="([^"]*)"', attributes, svg)
