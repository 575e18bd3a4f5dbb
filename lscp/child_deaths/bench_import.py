"""`make bench`'s import figure: rows per second, against just reading the same file.

A synthetic eCDOP export (every row a closed review with its conclusions) is written as CSV and as
XLSX; each is read with the csv module or openpyxl alone (the floor: no import can be faster than
reading its file), then imported for real. The ratio says what checking and writing cost on top.
"""

import csv
import datetime as dt
import io
import time
from typing import Any

from openpyxl import Workbook, load_workbook

from lscp.child_deaths import importer

ROWS = 40_000


def synthetic_rows(count: int, prefix: str) -> list[list[str]]:
    """Rows in the template's column order; references and names unique, no NHS numbers."""
    columns = importer.HEADERS
    rows = []
    for n in range(count):
        born = dt.date(2000, 1, 1) + dt.timedelta(days=n % 4000)
        died = born + dt.timedelta(days=30 + n % 2500)
        row = dict.fromkeys(columns, "")
        row.update(
            external_reference=f"{prefix}-{n:06d}",
            full_name=f"Bench Child {prefix}{n:06d}",
            date_of_birth=born.isoformat(),
            sex=("female", "male")[n % 2],
            ethnicity="Not stated",
            no_nhs_number_reason="Synthetic benchmark record",
            date_of_death=died.isoformat(),
            place_of_death="Hospital",
            expected_or_unexpected=("expected", "unexpected")[n % 3 == 0],
            notified_on=(died + dt.timedelta(days=1)).isoformat(),
            panel_completed_on=(died + dt.timedelta(days=150)).isoformat(),
            category=str(1 + n % 10),
            modifiable=("no", "yes", "insufficient")[n % 3],
            domain_child="1",
            domain_social="2" if n % 3 == 1 else "1",
            domain_physical="1",
            domain_services="1",
            factors="Smoking; Unsafe sleep" if n % 3 == 1 else "",
        )
        rows.append([row[c] for c in columns])
    return rows


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(importer.HEADERS)
    writer.writerows(rows)
    return out.getvalue().encode()


def as_xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(importer.HEADERS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read_only(data: bytes, kind: str) -> int:
    if kind == "csv":
        return sum(1 for _ in csv.reader(io.StringIO(data.decode())))
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _seconds(work) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def measure(rows: int = ROWS) -> list[dict]:
    """[{format, rows, read_s, import_s, rows_per_second, ratio_to_reading}] for CSV and XLSX."""
    figures = []
    for kind, encode in (("csv", as_csv), ("xlsx", as_xlsx)):
        data = encode(synthetic_rows(rows, f"BENCH-{kind.upper()}"))
        read_s, _ = _seconds(lambda data=data, kind=kind: _read_only(data, kind))
        import_s, result = _seconds(lambda data=data, kind=kind: importer.import_file(data, f"bench.{kind}"))
        assert result.ok and result.created == rows, result.errors[:5]
        figures.append(
            {
                "format": kind,
                "rows": rows,
                "read_s": round(read_s, 2),
                "import_s": round(import_s, 2),
                "rows_per_second": round(rows / import_s),
                "ratio_to_reading": round(import_s / read_s, 1),
            }
        )
    return figures
