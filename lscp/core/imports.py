"""What every import file shares: its documented columns, its template and its row errors.

An import (child deaths, KPI values) declares its columns once; the template a person downloads,
the table in the docs and the check of a file's header all come from that one list.
"""

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# An import page lists this many of a file's problems: enough to fix them, not a page too long
# to load; the count says how many in all.
PROBLEMS_SHOWN = 1000


@dataclass(frozen=True)
class Column:
    header: str
    required: bool
    meaning: str
    example: str


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


def template_csv(columns: Sequence[Column]) -> bytes:
    """A CSV with the headers and one example row; UTF-8 with a byte order mark, so Excel reads it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    writer.writerow([column.example for column in columns])
    return out.getvalue().encode("utf-8-sig")


def columns_doc(columns: Sequence[Column]) -> str:
    """The columns as a Markdown table, for the docs."""
    lines = ["| Column | Required | Meaning | Example |", "| --- | --- | --- | --- |"]
    for column in columns:
        example = f"`{column.example}`" if column.example else ""
        lines.append(
            f"| `{column.header}` | {'yes' if column.required else 'no'} | {column.meaning} | {example} |"
        )
    return "\n".join(lines) + "\n"


def breakable(name: str) -> SafeString:
    """Text a narrow screen may wrap inside a column's name (no_nhs_number_reason) or a date's
    format (YYYY-MM-DD or DD/MM/YYYY), not only at spaces."""
    text = escape(name).replace("_", "_<wbr>").replace("/", "/<wbr>")
    return mark_safe(re.sub(r"-(?=\w)", "-<wbr>", text))  # noqa: S308  (escaped first)
