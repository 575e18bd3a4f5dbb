"""`make bench`'s KPI import figure: a million observation rows from CSV, in rows per second, against
just reading the same file with the csv module (no import can be faster than reading its file).
The issue's target: the import runs at no less than a quarter of the reading rate.

Beside the reading rate, the storage rate: the same new rows written by the importer's own INSERT
and committed, with no reading or checking. It shows how much of the import is the database's
work, which no change to the importer can take away: on SQLite, writing a million rows with their
unique index and committing them takes longer than four readings of the file, so the target is out
of reach there whatever the checks cost (see the README's benchmark section).

The rows are for bench indicators and areas of their own (made here when missing), so the figure
does not depend on what else was seeded: 2,000 rows an indicator (20 areas, 100 months), and one
indicator pair in every ten a percentage's numerator and denominator, so the check that a
numerator is no more than its denominator runs over a fifth of the rows. Values left by an earlier
run are deleted first, untimed.
"""

import csv
import io
import math
import time
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from lscp.core.models import Agency, AgencyKind, ServiceArea
from lscp.performance import import_checks, importer
from lscp.performance.models import Area, Indicator, Observation, ObservationCorrection
from lscp.performance.periods import Frequency, Period
from lscp.performance.tables import read_table
from lscp.performance.vocabulary import AreaKind, Direction, IndicatorKind, Unit

ROWS = 1_000_000
AREAS = 20
MONTHS = 100
PREFIX = "BI-"
TARGET_SHARE_OF_READING_RATE = 0.25


def measure(rows: int = ROWS) -> dict:
    """{rows, read_s, import_s, rows_per_second, read_rows_per_second, share_of_reading_rate, ...}"""
    codes, areas, months = _setup(math.ceil(rows / (AREAS * MONTHS)))
    data = as_csv(synthetic_rows(rows, codes, areas, months))
    read_s, _ = _seconds(lambda: _read_only(data))
    import_s, result = _seconds(lambda: importer.import_file(data, "bench.csv"))
    assert result.ok and result.created == rows, result.errors[:5]
    again_s, again = _seconds(lambda: importer.import_file(data, "bench.csv"))
    assert again.ok and again.skipped == rows, again.errors[:5]
    store_s = _storage_only(data, codes)
    share = read_s / import_s  # (rows / import_s) / (rows / read_s)
    return {
        "rows": rows,
        "read_s": round(read_s, 2),
        "import_s": round(import_s, 2),
        "rows_per_second": round(rows / import_s),
        "read_rows_per_second": round(rows / read_s),
        "share_of_reading_rate": round(share, 3),
        "meets_target": share >= TARGET_SHARE_OF_READING_RATE,
        "store_s": round(store_s, 2),
        "storage_share_of_reading_rate": round(read_s / store_s, 3),  # the best any import could do
        "share_of_storage_rate": round(store_s / import_s, 3),
        "reimport_s": round(again_s, 2),  # the same file again: every value already here, skipped
    }


def _storage_only(data: bytes, codes: list[str]) -> float:
    """Seconds to write and commit the file's rows with the importer's own INSERT, nothing else:
    the table is emptied and the rows' columns made first, untimed."""
    _empty(codes)
    table = read_table(data, "bench.csv")
    assert table is not None
    rows, errors = import_checks.check(table, import_checks.Lookups.load(), timezone.localdate())
    assert rows is not None, errors[:5]
    plan = importer._plan(rows)
    columns = importer._insert_columns(plan.new, rows, table, "", None, timezone.now())

    def store() -> None:
        with transaction.atomic():
            importer._insert(columns)

    seconds, _ = _seconds(store)
    return seconds


def _setup(count: int) -> tuple[list[str], list[str], list[str]]:
    """([indicator codes], [area codes], [months]) for the bench rows, made when missing, emptied."""
    owner, _ = Agency.objects.get_or_create(
        name="Bench import agency", defaults={"kind": AgencyKind.OTHER, "service_area": ServiceArea.OTHER}
    )
    codes = [_indicator(n, owner) for n in range(count)]
    areas = [
        Area.objects.get_or_create(
            code=f"{PREFIX}A{n:02d}", defaults={"name": f"Bench area {n:02d}", "kind": AreaKind.NEIGHBOUR}
        )[0].code
        for n in range(1, AREAS + 1)
    ]
    _empty(codes)
    latest = Period.containing(Frequency.MONTHLY, timezone.localdate()).previous()
    months = [latest.shifted(n - MONTHS + 1).code for n in range(MONTHS)]
    return codes, areas, months


def _indicator(n: int, owner: Agency) -> str:
    """Indicators 0 and 1 of every ten are counts, a percentage's numerator and denominator."""
    code = f"{PREFIX}{n:05d}"
    unit = Unit.COUNT if n % 10 in (0, 1) else Unit.PERCENTAGE
    indicator, _ = Indicator.objects.get_or_create(
        code=code,
        defaults={
            "name": f"Bench import indicator {n:05d}",
            "unit": unit,
            "direction": Direction.INCREASE,
            "owner": owner,
        },
    )
    if n % 10 == 1:
        numerator = Indicator.objects.get(code=f"{PREFIX}{n - 1:05d}")
        Indicator.objects.get_or_create(
            code=f"{PREFIX}{n - 1:05d}-PC",
            defaults={
                "name": f"Bench import percentage {n - 1:05d}",
                "unit": Unit.PERCENTAGE,
                "direction": Direction.INCREASE,
                "owner": owner,
                "kind": IndicatorKind.DERIVED,
                "numerator": numerator,
                "denominator": indicator,
            },
        )
    return code


def _empty(codes: list[str]) -> None:
    """Delete the bench indicators' values in plain SQL: the ORM would read every id first."""
    ids = list(Indicator.objects.filter(code__in=codes).values_list("pk", flat=True))
    ObservationCorrection.objects.filter(observation__indicator_id__in=ids).delete()
    table = connection.ops.quote_name(Observation._meta.db_table)
    with connection.cursor() as cursor:
        for pk in ids:
            cursor.execute(f"DELETE FROM {table} WHERE indicator_id = %s", [pk])


def synthetic_rows(count: int, codes: list[str], areas: list[str], months: list[str]) -> list[list[str]]:
    """Rows in (indicator, area, month) order, as a return from a performance team would be."""
    rows = []
    for n in range(count):
        code = codes[n // (AREAS * MONTHS)]
        area = areas[n // MONTHS % AREAS]
        month = n % MONTHS
        position = n // (AREAS * MONTHS) % 10
        if position == 0:  # numerator: no more than the denominator on the next indicator
            value = str(_denominator(n) * (3 + n % 5) // 10)
        elif position == 1:
            value = str(_denominator(n))
        else:
            value = f"{50 + (n * 7919) % 500 / 10:.1f}"
        rows.append([code, area, months[month], value])
    return rows


def _denominator(n: int) -> int:
    """The denominator for row n's area and month (the same for the numerator's row)."""
    return 40 + (n % (AREAS * MONTHS)) % 37


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["indicator", "area", "period", "value"])
    writer.writerows(rows)
    return out.getvalue().encode()


def _read_only(data: bytes) -> int:
    return sum(1 for _ in csv.reader(io.StringIO(data.decode())))


def _seconds(work) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result
