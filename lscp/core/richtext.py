"""Narrative written in the app (report sections, the scrutineer's summary) is stored as HTML and
published, so it is cleaned on the way in: headings, paragraphs, lists, links and emphasis only.

Anything else is removed, its text kept: a pasted Word document loses its styling, not its words.
"""

import html as html_module
import re

import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {"h2", "h3", "h4", "p", "br", "ul", "ol", "li", "a", "strong", "em", "b", "i"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCKS = re.compile(r"<(p|ul|ol|h[2-4])[\s>]", re.IGNORECASE)


def clean(html: str) -> str:
    """The same narrative, with only the allowed markup. Text without paragraphs, lists or
    headings is split into paragraphs at blank lines, so a chair can type without knowing HTML."""
    html = (html or "").strip()
    if html and not BLOCKS.search(html):
        html = "".join(f"<p>{block.replace(chr(10), '<br>')}</p>" for block in _blocks(html))
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer"
    ).strip()


def render(html: str) -> SafeString:
    """Stored narrative, cleaned again on the way out (a row written before cleaning, or by a
    migration, is still safe), ready for a template."""
    return mark_safe(clean(html))  # noqa: S308 - nh3 has removed everything but the allowed markup


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def inline(html: str) -> SafeString:
    """Short narrative (a key step, an impact statement) shown inside a list item or a sentence:
    emphasis and links kept, paragraphs and headings run together as one line."""
    cleaned = nh3.clean(
        clean(html).replace("</p>", " ").replace("<br>", " "),
        tags={"a", "strong", "em", "b", "i"},
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(" ".join(cleaned.split()))  # noqa: S308 - only the inline markup is left


def plain(html: str) -> str:
    """The words alone, for a one-line mention, a JSON value or an email."""
    return " ".join(html_module.unescape(nh3.clean(str(inline(html)), tags=set())).split())
