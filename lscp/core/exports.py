"""The one way to hand a list of records out as a spreadsheet: CSV (streamed) or XLSX.

An app describes its columns (a heading and how to read the value from a row) and passes any
iterable of rows; this module knows nothing about what the rows are, so core imports no app.

Spreadsheets run formulas. A cell that starts with = + - @ (or a tab or carriage return) could
be read as one when the file is opened, so CSV cells like that are prefixed with an apostrophe
(OWASP, "CSV Injection"), and XLSX cells are always written as text, never as formulas.
"""

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

FORMATS = ("csv", "xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    heading: str
    value: Callable[[Any], Any]
    # An XLSX column width in characters; None leaves the spreadsheet's default.
    width: int | None = None


def safe_text(value: str) -> str:
    """A text cell that no spreadsheet will run as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _plain(value: Any) -> Any:
    """Values as a spreadsheet should hold them: local dates and times, text for anything else."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.replace(tzinfo=None)
    if isinstance(value, bool | int | float | Decimal | dt.date):
        return value
    return str(value)


class _Echo:
    """A file-like object that hands back what is written, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return safe_text(value)
    return value


def csv_lines(rows: Iterable[Any], columns: Sequence[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # A byte-order mark lets Excel open the file as UTF-8 (names with accents survive).
    yield "\ufeff" + writer.writerow([safe_text(c.heading) for c in columns])
    for row in rows:
        yield writer.writerow([_csv_cell(c.value(row)) for c in columns])


def xlsx_bytes(rows: Iterable[Any], columns: Sequence[Column], title: str = "Export") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for index, column in enumerate(columns, start=1):
        if column.width:
            sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"

    def cell(value: Any, bold: bool = False) -> WriteOnlyCell:
        value = _plain(value)
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            # Text stays text: openpyxl would otherwise store "=..." as a formula.
            written.data_type = "s"
        elif isinstance(value, dt.datetime):
            written.number_format = "d mmmm yyyy h:mm"
        elif isinstance(value, dt.date):
            written.number_format = "d mmmm yyyy"
        if bold:
            written.font = Font(bold=True)
        return written

    sheet.append([cell(c.heading, bold=True) for c in columns])
    for row in rows:
        sheet.append([cell(c.value(row)) for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(
    rows: Iterable[Any], columns: Sequence[Column], filename: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    """The rows as a download named `filename`.csv or .xlsx. CSV streams; XLSX is built in memory."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; expected one of {FORMATS}")
    disposition = f'attachment; filename="{filename}.{fmt}"'
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(rows, columns), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_bytes(rows, columns, title=filename), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "no-store"
    return response
