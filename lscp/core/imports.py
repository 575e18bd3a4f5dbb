"""What every import file shares: its documented columns, its template and its row errors.

An import (child deaths, KPI values) declares its columns once; the template a person downloads,
the table in the docs and the check of a file's header all come from that one list.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass


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
