"""The Making Data Count icons, drawn as small inline SVGs: one for a series' variation (what its
latest point shows) and one for its assurance (will it meet its target).

The shapes follow the NHS's icons, which SEG members know from other partners' reports: a circle
coloured by meaning (blue improvement, orange concern, purple a change that is neither, grey no
change) holding H or L for a higher or lower special cause; for assurance, P (pass), F (fail) or
? (hit and miss) in a ring. The colours are darker than the NHS's so that the letters keep a 4.5:1
contrast.

An icon always stands beside its label, which says the same in words: so the icon is hidden from
screen readers (which would otherwise read it twice) and its <title> is the tooltip for a mouse.
Nothing here needs a style attribute or a script, which the content security policy would refuse;
WeasyPrint draws them in the PDF too.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString

from lscp.performance.reading import ASSURANCE_LABELS, VARIATION_LABELS

BLUE = "#1d70b8"
ORANGE = "#a34e00"
PURPLE = "#4c2c92"
GREY = "#505a5f"

# Variation code -> (colour, letter); common cause has no letter, a level line instead.
VARIATIONS = {
    "common_cause": (GREY, ""),
    "improvement_high": (BLUE, "H"),
    "improvement_low": (BLUE, "L"),
    "concern_high": (ORANGE, "H"),
    "concern_low": (ORANGE, "L"),
    "neutral_high": (PURPLE, "H"),
    "neutral_low": (PURPLE, "L"),
}
ASSURANCES = {
    "consistent_pass": (BLUE, "P"),
    "consistent_fail": (ORANGE, "F"),
    "inconsistent": (GREY, "?"),
}
SIZE = 32


def variation_icon(code: str) -> SafeString:
    colour, letter = VARIATIONS[code]
    inside = (
        _letter(letter, "#ffffff")
        if letter
        else SafeString('<path d="M8 16 h16" stroke="#ffffff" stroke-width="3" stroke-linecap="round"/>')
    )
    return _icon(
        VARIATION_LABELS[code], format_html('<circle cx="16" cy="16" r="15" fill="{}"/>{}', colour, inside)
    )


def assurance_icon(code: str | None) -> SafeString:
    """No icon for a series with no target to assure: its label says so."""
    if code is None:
        return SafeString("")
    colour, letter = ASSURANCES[code]
    ring = format_html(
        '<circle cx="16" cy="16" r="13.5" fill="#ffffff" stroke="{}" stroke-width="3"/>', colour
    )
    return _icon(ASSURANCE_LABELS[code], ring + _letter(letter, colour))


def _letter(letter: str, colour: str) -> SafeString:
    return format_html(
        '<text x="16" y="21.5" text-anchor="middle" font-family="Arial, sans-serif" font-size="16" '
        'font-weight="bold" fill="{}">{}</text>',
        colour,
        letter,
    )


def _icon(label: str, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="lscp-mdc-icon" xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        'viewBox="0 0 32 32" aria-hidden="true" focusable="false"><title>{}</title>{}</svg>',
        label,
        body,
        size=SIZE,
    )
