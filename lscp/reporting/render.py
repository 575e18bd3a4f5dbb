"""The report's three outputs: one accessible HTML page, a tagged PDF (PDF/UA-1) and JSON that
lists every figure with the records behind it."""

import json
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from lscp.core.serving import no_cyclic_gc
from lscp.reporting.parts import Report


def partnership() -> SimpleNamespace:
    """The partnership's name and brand, as lscp.core.context_processors gives templates (outputs
    made from the command line have no request to take them from)."""
    return SimpleNamespace(
        name=settings.PARTNERSHIP_NAME,
        short_name=settings.PARTNERSHIP_SHORT_NAME,
        brand_colour=settings.PARTNERSHIP_BRAND_COLOUR,
        logo_url=settings.PARTNERSHIP_LOGO_URL,
    )


def render_html(report: Report) -> str:
    """A single page that stands alone (styles inline), for the command line and archiving."""
    return render_to_string(
        "reporting/standalone.html", {"title": report.title, "report": report, "partnership": partnership()}
    )


def render_kept_html(title: str, body_html: str) -> str:
    """The same page from a published edition's kept title and body (made by render_body)."""
    return render_to_string(
        "reporting/standalone.html",
        {"title": title, "kept": True, "body": mark_safe(body_html), "partnership": partnership()},  # noqa: S308  (our own render)
    )


def render_pdf(report: Report, base_url: str | None = None) -> bytes:
    return pdf_from(pdf_source(report, base_url), base_url)


def pdf_source(report: Report, base_url: str | None = None) -> str:
    """The HTML the PDF is laid out from (kept with a published report, so its PDF can be made
    again without counting anything).

    `base_url` resolves relative links (the site's address, from a request); without one, a logo
    is used only if its URL is absolute, so the command line never fetches from nowhere."""
    brand = partnership()
    logo = brand.logo_url if base_url or brand.logo_url.startswith(("http://", "https://")) else ""
    return render_to_string(
        "reporting/report_pdf.html",
        {
            "report": report,
            "partnership": brand,
            "logo": logo,
            # Put inside a CSS string in @page: no quote or backslash may end it early.
            "running_head": brand.name.replace('"', "").replace("\\", ""),
        },
    )


def pdf_from(source: str, base_url: str | None = None) -> bytes:
    """A4 with a contents page (page numbers from target-counter), running headers and page
    numbers; tagged to PDF/UA-1 so screen readers can follow it, with its language (the html
    element's lang) and title (the <title>) in the document's metadata."""
    from weasyprint import HTML  # imported when needed: it is slow to import

    with no_cyclic_gc():
        document = HTML(string=source, base_url=base_url or str(settings.BASE_DIR))
        return document.write_pdf(pdf_variant="pdf/ua-1")


def render_body(report: Report) -> str:
    """The report's body, shared by its page and the standalone file (kept when published)."""
    return render_to_string("reporting/_report.html", {"report": report})


def figure_dict(figure) -> dict:
    return {
        "key": figure.key,
        "label": figure.label,
        "value": figure.value,
        "unit": figure.unit,
        "definition": figure.definition,
        "records": list(figure.records),
        "records_note": figure.records_note,
        "query": {"sql": figure.query[0], "params": list(figure.query[1])} if figure.query else None,
        "previous": figure.previous,
    }


def as_data(report: Report) -> dict:
    return {
        "partnership": report.partnership,
        "year": report.year.label,
        "previous_year": report.year.previous.label,
        "start": report.year.start.isoformat(),
        "end": report.year.end.isoformat(),
        "exists": report.exists,
        "signed_off_at": report.signed_off_at.isoformat() if report.signed_off_at else None,
        "published_at": report.published_at.isoformat() if report.published_at else None,
        "made_at": report.made_at.isoformat(),
        "gaps": list(report.gaps),
        "sections": [
            {"id": s.id, "title": s.title, "tables": [t.id for t in s.tables]} for s in report.sections
        ],
        "figures": [figure_dict(f) for f in report.figures],
        "checklist": [
            {
                "number": c.number,
                "title": c.title,
                "met": c.met,
                "reasons": list(c.reasons),
                "found": list(c.found),
            }
            for c in report.checklist
        ],
    }


def render_json(report: Report) -> str:
    return json.dumps(as_data(report), indent=2, ensure_ascii=False) + "\n"
