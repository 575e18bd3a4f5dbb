"""Importing KPI values from a CSV or XLSX file: one row per indicator, area and period.

All or nothing: every row is checked and every problem collected as (line, column, reason); the
values are written only when every row is good, in one transaction. A value already here is
skipped when it is the same (so importing a file twice changes nothing) and corrected when it
differs, the old value kept in the correction history.

The columns are defined once, in `COLUMNS`: the template CSV (`template_csv`) and the README's
table (`columns_doc`) are made from them.

Fast enough for a million rows (the data set's whole history for a region): the file is read into
columns (tables.py) and each check is a pass over a column in C (dict lookups, float parsing,
NumPy) instead of a Python loop over rows; what is already here is read in one query; new values
are written with multi-row INSERT statements, in key order so the unique index grows at its end.
The ORM's bulk_create would spend more time building a million model instances than the database
spends storing them. Like bulk_create, the plain SQL sends no signals: the import as a whole is the
record (the command prints what it did, and corrections are kept in ObservationCorrection).
"""

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, repeat

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from lscp.core import figures_cache, imports
from lscp.core.imports import Column, RowError
from lscp.core.serving import no_cyclic_gc
from lscp.performance import import_checks as checks
from lscp.performance.figures import KEPT
from lscp.performance.import_checks import Lookups
from lscp.performance.models import Observation, ObservationCorrection
from lscp.performance.tables import FileUnreadable, Table, read_table

__all__ = ["COLUMNS", "HEADERS", "ImportResult", "RowError", "columns_doc", "import_file", "template_csv"]

ROWS_PER_STATEMENT = 2000


COLUMNS = [
    Column("indicator", True, "The indicator's code, as lscp lists it (in any case).", "FD-TIME"),
    Column("area", True, "The area's code: the partnership's own area or a comparator.", "WBK"),
    Column(
        "period",
        True,
        "As the indicator's frequency says: a month (2021-06), a calendar quarter (2021-Q2) or a "
        "financial year (2021-22). The period must be over.",
        "2021-06",
    ),
    Column(
        "value",
        True,
        "A number, without a % sign or thousands separators; kept to 4 decimal places. A count is a "
        "whole number, a percentage is from 0 to 100. A value already here is replaced, and the old "
        "one kept in the history.",
        "91.5",
    ),
    Column(
        "supplied_by", False, "Who supplied the figure: a team or a person.", "Front door performance team"
    ),
    Column("note", False, "Anything the group should know about the figure.", ""),
]
HEADERS = [column.header for column in COLUMNS]
REQUIRED = [column.header for column in COLUMNS if column.required]


def template_csv() -> bytes:
    return imports.template_csv(COLUMNS)


def columns_doc() -> str:
    return imports.columns_doc(COLUMNS)


@dataclass
class ImportResult:
    created: int = 0
    corrected: int = 0
    skipped: int = 0  # already here with the same value
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def import_file(
    data: bytes,
    filename: str,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    supplied_by: str = "",
    entered_by=None,
) -> ImportResult:
    """Import a CSV or XLSX file's bytes (`filename` says which): check every row; write them all
    (unless dry_run) only if none has a problem.

    `supplied_by` is for rows that do not say who supplied them; `entered_by` is the person importing.
    """
    with no_cyclic_gc():
        return _import(data, filename, dry_run, today or timezone.localdate(), supplied_by, entered_by)


def _import(data: bytes, filename: str, dry_run: bool, today: dt.date, supplied_by: str, entered_by):
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(data, filename)
    except FileUnreadable as error:
        result.errors.append(RowError(0, "", str(error)))
        return result
    if table is None:
        result.errors.append(RowError(1, "", "The file is empty: it needs a header row and at least one row"))
        return result
    result.errors = _header_problems(table)
    if result.errors:
        return result
    rows, result.errors = checks.check(table, Lookups.load(), today)
    if rows is None:
        return result
    plan = _plan(rows)
    result.created, result.corrected, result.skipped = len(plan.new), len(plan.changed), plan.same
    if not dry_run:
        _write(plan, rows, table, filename, supplied_by, entered_by)
    return result


def _header_problems(table: Table) -> list[RowError]:
    problems = []
    line = table.header_line
    for header in table.headers:
        if header and header not in HEADERS:
            problems.append(RowError(line, header, "Unknown column: check its name against the template"))
    for header in sorted({h for h in table.headers if h and table.headers.count(h) > 1}):
        problems.append(RowError(line, header, "The column is in the file more than once"))
    for header in REQUIRED:
        if header not in table.headers:
            problems.append(RowError(line, header, "The column is missing"))
    if not problems and not len(table):
        problems.append(RowError(line, "", "The file has a header row but no rows of values"))
    return problems


# --- what to write ------------------------------------------------------------------------------


@dataclass
class Plan:
    new: np.ndarray  # rows to insert, in key order
    changed: list[tuple[int, int]]  # (row, observation id) whose value differs from the one here
    same: int


def _plan(rows: checks.CheckedRows) -> Plan:
    """Which rows are new, which correct a value already here, and how many repeat one."""
    here = rows.existing
    is_new = np.ones(len(rows.keys), dtype=bool)
    changed = []
    same = 0
    for row, pk, value in zip(here.rows.tolist(), here.pks, here.values, strict=True):
        is_new[row] = False
        if _decimal(rows.values[row]) == value:
            same += 1
        else:
            changed.append((row, pk))
    new = rows.order[is_new[rows.order]]
    return Plan(new, changed, same)


def _decimal(value: np.floating) -> Decimal:
    """The float's shortest decimal: the digits the file gave, rounded to the places kept."""
    return Decimal(repr(float(value)))


@transaction.atomic
def _write(plan: Plan, rows: checks.CheckedRows, table: Table, filename: str, supplied_by: str, entered_by):
    now = timezone.now()
    _insert(_insert_columns(plan.new, rows, table, supplied_by, entered_by, now))
    if plan.changed:
        _correct(plan.changed, rows, table, filename, supplied_by, entered_by, now)
    # The plain INSERTs send no signals, so the kept figures are told here.
    figures_cache.bump(KEPT)


@dataclass
class Columns:
    """What the INSERT writes: columns with a value for each row, and columns with one for all."""

    per_row: dict[str, list]
    constant: dict[str, object]


def _insert_columns(new: np.ndarray, rows, table: Table, supplied_by: str, entered_by, now) -> Columns:
    """The new rows' columns. A column the file leaves blank is left out, for its default."""
    per_row = {
        "indicator_id": rows.indicator_ids[new].tolist(),
        "area_id": rows.area_ids[new].tolist(),
        "period_start": rows.period_values[new].tolist(),
        "value": rows.values[new].tolist(),
    }
    # Written once for the whole import: the database's own default (the time now) would be worked
    # out again for every row, which takes a third as long as storing the row.
    constant: dict[str, object] = {"supplied_at": connection.ops.adapt_datetimefield_value(now)}
    suppliers = _texts(table, "supplied_by", supplied_by)
    if suppliers is not None:
        per_row["supplied_by"] = suppliers[new].tolist()
    elif supplied_by:
        constant["supplied_by"] = supplied_by
    notes = _texts(table, "note", "")
    if notes is not None:
        per_row["note"] = notes[new].tolist()
    if entered_by is not None:
        constant["entered_by_id"] = entered_by.pk
    return Columns(per_row, constant)


def _texts(table: Table, header: str, default: str) -> np.ndarray | None:
    """A text column from the file, stripped, blanks given the default; None when it is all blank."""
    column = table.column(header)
    if column is None or not any(text.strip() for text in column):
        return None
    return np.array([text.strip() or default for text in column], dtype=object)


def _insert(columns: Columns) -> None:
    if connection.vendor == "postgresql":
        _copy(columns)
    else:
        _insert_values(columns)


def _copy(columns: Columns) -> None:
    """PostgreSQL's bulk load, COPY, through the connection Django opened (so in its transaction).
    supplied_at is left to its default: the time of the COPY statement."""
    constant = {name: value for name, value in columns.constant.items() if name != "supplied_at"}
    quote = connection.ops.quote_name
    names = ", ".join(map(quote, [*columns.per_row, *constant]))
    sql = f"COPY {quote(Observation._meta.db_table)} ({names}) FROM STDIN"
    rows = zip(*columns.per_row.values(), *map(repeat, constant.values()), strict=False)  # repeat: endless
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _insert_values(columns: Columns) -> None:
    """Multi-row INSERTs: one statement stores thousands of rows, where executemany would go
    through the driver for each. The values go through VALUES, the constants once per statement:

        INSERT INTO t (a, b, c) SELECT column1, column2, ? FROM (VALUES (?, ?), (?, ?)) AS v
    """
    quote = connection.ops.quote_name
    mark = "?" if connection.vendor == "sqlite" else "%s"
    names = [*columns.per_row, *columns.constant]
    width = len(columns.per_row)
    selected = [f"column{n}" for n in range(1, width + 1)] + [mark] * len(columns.constant)
    head = (
        f"INSERT INTO {quote(Observation._meta.db_table)} ({', '.join(map(quote, names))}) "
        f"SELECT {', '.join(selected)} FROM (VALUES "
    )
    row = "(" + ", ".join([mark] * width) + ")"
    per_statement = _rows_per_statement(width, len(columns.constant))
    flat = list(chain.from_iterable(zip(*columns.per_row.values(), strict=True)))
    constants = list(columns.constant.values())
    for start in range(0, len(flat), per_statement * width):
        chunk = flat[start : start + per_statement * width]
        _execute(head + ", ".join([row] * (len(chunk) // width)) + ") AS v", constants + chunk)


def _execute(sql: str, params: list) -> None:
    """On SQLite, straight to the driver, in the same connection and transaction: Django's cursor
    rewrites each %s to ? with a regular expression, which for a million rows takes a third as long
    as storing them."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.execute(sql, params)
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def _rows_per_statement(width: int, constants: int) -> int:
    """As many rows as the database takes parameters for, up to ROWS_PER_STATEMENT."""
    limit = connection.features.max_query_params or 65535  # PostgreSQL's protocol limit
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_STATEMENT, (limit - constants) // width))


def _correct(changed, rows, table: Table, filename: str, supplied_by: str, entered_by, now) -> None:
    """New values for observations already here, each old value kept as a correction."""
    suppliers = _texts(table, "supplied_by", supplied_by)
    notes = _texts(table, "note", "")
    corrections = [
        ObservationCorrection(
            observation_id=pk,
            value=_decimal(rows.values[row]),
            corrected_at=now,
            corrected_by=entered_by,
            reason=f"Imported from {filename[:120]}, line {table.line(row)}",
        )
        for row, pk in changed
    ]
    _fill_previous(corrections)
    ObservationCorrection.objects.bulk_create(corrections, batch_size=ROWS_PER_STATEMENT)
    # A file without notes leaves each observation's note as it was.
    notes_set = "" if notes is None else ", note = %s"
    sql = (
        f"UPDATE {connection.ops.quote_name(Observation._meta.db_table)} "
        f"SET value = %s, supplied_by = %s, supplied_at = %s, entered_by_id = %s{notes_set} WHERE id = %s"
    )
    at = connection.ops.adapt_datetimefield_value(now)
    by = entered_by.pk if entered_by is not None else None
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (
                    float(rows.values[row]),
                    supplied_by if suppliers is None else suppliers[row],
                    at,
                    by,
                    *(() if notes is None else (notes[row],)),
                    pk,
                )
                for row, pk in changed
            ],
        )


def _fill_previous(corrections: list[ObservationCorrection]) -> None:
    """Each correction's previous value, supplier and time, read from the observation before it changes."""
    by_pk = {c.observation_id: c for c in corrections}
    pks = list(by_pk)
    for start in range(0, len(pks), 500):  # under SQLite's oldest parameter limit
        for pk, value, supplier, at in Observation.objects.filter(
            pk__in=pks[start : start + 500]
        ).values_list("pk", "value", "supplied_by", "supplied_at"):
            correction = by_pk[pk]
            correction.previous_value, correction.previous_supplied_by, correction.previous_supplied_at = (
                value,
                supplier,
                at,
            )
