"""Reading an import file (CSV or XLSX) into columns of text, so that it can be checked a column at a
time: a million rows are checked by a handful of passes in C (dict lookups, float parsing, NumPy
comparisons) rather than a million turns of a Python loop.

A CSV without quotes (what spreadsheets and databases write for codes, periods and numbers) is cut
up with str.split and checked with str.count, in C, faster than the csv module reads it. Anything
else (quotes, NUL bytes, blank rows, rows of different lengths) goes through the csv module row by
row, as does XLSX.
"""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path


class FileUnreadable(Exception):
    pass


@dataclass
class Table:
    """The file's data rows as columns of text, one per header (headers stripped and in lower case).

    Blank rows are dropped; `lines` holds each row's line in the file when rows were dropped (or the
    header was not the first line), else a row's line is worked out from its position.
    """

    header_line: int
    headers: list[str]
    columns: list[Sequence[str]]
    lines: list[int] | None = None
    # Rows with text in cells beyond the last header (often an unquoted comma: "1,234").
    overlong: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def line(self, row: int) -> int:
        return self.lines[row] if self.lines is not None else self.header_line + 1 + row

    def column(self, header: str) -> Sequence[str] | None:
        return self.columns[self.headers.index(header)] if header in self.headers else None


def read_table(data: bytes, filename: str) -> Table | None:
    """The file's table, or None when it has no header row."""
    extension = Path(filename).suffix.lower()
    if extension == ".csv":
        text = _decode(data)
        return _plain_csv(text) or _table(_csv_rows(text))
    if extension == ".xlsx":
        return _table(_xlsx_rows(data), cell=_cell_text)
    raise FileUnreadable("The file must be a CSV or XLSX file")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows


def _plain_csv(text: str) -> Table | None:
    """The table of a CSV with no quotes, where every comma separates cells and every line ends a
    row, all lines as wide as the header and none blank; None for any other file (the csv module
    reads those)."""
    if not text or '"' in text or "\0" in text:
        return None
    lines = text.split("\r\n" if "\r" in text else "\n")
    if lines[-1] == "":
        lines.pop()  # the last line's end
    ends = len(lines) - 1 + text.endswith("\n")
    if text.count("\n") != ends or text.count("\r") not in (0, ends):
        return None  # line ends of more than one kind
    width = lines[0].count(",") + 1 if lines else 0
    # Every line as wide as the header, and none blank: anything else is for the csv module.
    if width < 2 or set(map(methodcaller("count", ","), lines)) != {width - 1} or "," * (width - 1) in lines:
        return None
    cells = ",".join(lines).split(",")
    headers = [header.strip().casefold() for header in cells[:width]]
    return Table(1, headers, [cells[width + n :: width] for n in range(width)])


def _csv_rows(text: str) -> Iterable[list]:
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as error:  # a cell over the csv module's size limit, say
        raise FileUnreadable(f"The file is not a CSV file lscp can read ({error})") from error


def _xlsx_rows(data: bytes) -> Iterable[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileUnreadable("The file is not a real XLSX file") from error
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileUnreadable("The file is not a real XLSX file") from error
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """A spreadsheet cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        # Excel turns a typed "2021-06" into 1 June 2021: the period reader knows first days.
        return value.strftime("%Y-%m-%d")
    return str(value)


def _table(rows: Iterable[list], cell=None) -> Table | None:
    """The table of rows read one by one: the first non-blank row is the header."""
    numbered = enumerate(rows, start=1)
    header = next(
        ((line, texts) for line, texts in _texts(numbered, cell) if any(t.strip() for t in texts)), None
    )
    if header is None:
        return None
    header_line, texts = header
    headers = [text.strip().casefold() for text in texts]
    width = len(headers)
    kept: list[list[str]] = []
    lines: list[int] = []
    overlong: list[int] = []
    for line, texts in _texts(numbered, cell):
        if not any(text.strip() for text in texts):
            continue  # spreadsheets keep empty rows, at the end and in between
        if len(texts) > width and any(text.strip() for text in texts[width:]):
            overlong.append(len(kept))
        kept.append((texts + [""] * (width - len(texts)))[:width])
        lines.append(line)
    columns: list[Sequence[str]] = [list(column) for column in zip(*kept, strict=True)] if kept else []
    return Table(header_line, headers, columns or [[] for _ in headers], lines, overlong)


def _texts(numbered: Iterable[tuple[int, list]], cell) -> Iterable[tuple[int, list[str]]]:
    """(line, cells as text): an XLSX row's cells turned to text; a CSV row's are already."""
    for line, cells in numbered:
        yield line, list(map(cell, cells)) if cell else cells
