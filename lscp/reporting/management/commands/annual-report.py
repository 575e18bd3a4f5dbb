"""`lscp annual-report 2021-22 --format html|pdf|json [--out FILE] [--published]`: the annual
report for a financial year, composed from the records, written to FILE or to standard output.

A year without a plan and report still gives a report: one that lists what is missing. With
--published, the year's published edition instead, as the public reads it: kept as it was when
published, whatever was recorded since.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from lscp.core.years import FinancialYear
from lscp.reporting import publishing
from lscp.reporting.compose import compose
from lscp.reporting.render import render_html, render_json, render_kept_html, render_pdf

FORMATS = ("html", "pdf", "json")


class Command(BaseCommand):
    help = "Write the annual report for a financial year (e.g. 2021-22) as HTML, PDF or JSON."

    def add_arguments(self, parser):
        parser.add_argument("year", help="The financial year, e.g. 2021-22")
        parser.add_argument("--format", choices=FORMATS, default="html", help="html (default), pdf or json")
        parser.add_argument("--out", help="The file to write; standard output if not given")
        parser.add_argument(
            "--published",
            action="store_true",
            help="The published edition, as the public reads it, not the report composed now",
        )

    def handle(self, *args, year: str, format: str = "html", out: str | None = None, **options):
        found = FinancialYear.parse(year)
        if found is None:
            raise CommandError(f"{year!r} is not a financial year: give it like 2021-22")
        gaps: tuple[str, ...] = ()  # what the report is missing: none in a published edition
        if options.get("published"):
            content = _published(found, format, self.stderr.write)
        else:
            report = compose(found)
            content, gaps = _composed(report, format), report.gaps
        if out:
            with open(out, "wb") as file:
                file.write(content)
            self.stderr.write(f"Wrote the {found.label} annual report ({format.upper()}) to {out}")
            for gap in gaps:
                self.stderr.write(f"  missing: {gap}")
            return
        stream = getattr(self.stdout, "_out", sys.stdout)
        if hasattr(stream, "buffer"):
            stream.buffer.write(content)
            stream.flush()
        else:  # a text stream (call_command's in tests): PDF bytes cannot go there
            if format == "pdf":
                raise CommandError("Give --out FILE for a PDF, or run it from a shell")
            stream.write(content.decode())


def _composed(report, format: str) -> bytes:
    if format == "pdf":
        return render_pdf(report)
    return (render_json(report) if format == "json" else render_html(report)).encode()


def _published(year: FinancialYear, format: str, say) -> bytes:
    published_at = publishing.published_at(year)
    if published_at is None:
        raise CommandError(f"The {year.label} report is not published: leave out --published for the draft")
    kept = publishing.edition(year.first, published_at)
    if kept is None:
        # Published before editions were kept: the site composes it as it is opened, and so do we.
        say(f"The {year.label} report was published before editions were kept: composed from the records now")
        return _composed(compose(year), format)
    if format == "pdf":
        return publishing.edition_pdf(kept)
    return (kept.data if format == "json" else render_kept_html(kept.title, kept.body_html)).encode()
