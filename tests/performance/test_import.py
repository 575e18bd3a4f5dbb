"""Importing KPI values: every row checked, every problem reported by line, column and reason,
nothing written unless all is well; the same file twice changes nothing; a different value
replaces the old one, which is kept in the history."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from lscp.performance import bench_import, importer, tables
from lscp.performance.importer import HEADERS, import_file
from lscp.performance.models import Observation, ObservationCorrection
from lscp.performance.vocabulary import AreaKind, Direction, Unit
from tests.factories import UserFactory
from tests.performance.test_models import area, indicator, observe, percentage_of

pytestmark = pytest.mark.django_db
TODAY = dt.date(2022, 4, 20)
JUNE = dt.date(2021, 6, 1)


@pytest.fixture(autouse=True)
def data_set():
    """A monthly percentage, a yearly number, a percentage worked out from two counts; two areas."""
    front_door = indicator("FD-TIME", Unit.PERCENTAGE, name="Front door decisions in time")
    indicator("SPEND", Unit.NUMBER, Direction.NEUTRAL, frequency="yearly", owner=front_door.owner)
    numerator = indicator("ICPC-15", Unit.COUNT, Direction.NEUTRAL, owner=front_door.owner)
    denominator = indicator("ICPC", Unit.COUNT, Direction.NEUTRAL, owner=front_door.owner)
    percentage_of(numerator, denominator, "ICPC-PC")
    area("WBK", AreaKind.OWN, "Westbrook")
    area("CLB", AreaKind.DISTRICT, "Calderbank")


def csv_file(rows: list[list], headers: list[str] = HEADERS[:4]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_file(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(data: bytes, name: str = "kpis.csv", **options):
    return import_file(data, name, today=TODAY, **options)


def stored() -> set[tuple[str, str, dt.date, Decimal]]:
    return set(Observation.objects.values_list("indicator__code", "area__code", "period_start", "value"))


def where(result) -> list[tuple[int, str]]:
    return [(error.line, error.column) for error in result.errors]


GOOD = [
    ["FD-TIME", "WBK", "2021-06", "91.5"],
    ["fd-time ", " clb", "2021-06", "88"],
    ["SPEND", "WBK", "2021-22", "12345.678"],
    ["ICPC-15", "WBK", "2021-06", "12"],
    ["ICPC", "WBK", "2021-06", "15"],
]


def test_the_template_is_made_from_the_columns_and_imports():
    template = importer.template_csv()
    assert template.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    lines = template.decode("utf-8-sig").splitlines()
    assert lines[0].split(",") == HEADERS
    result = run(template)
    assert (result.created, result.errors) == (1, [])
    value = Observation.objects.get()
    assert (value.indicator.code, value.area.code, value.period_start, value.value) == (
        "FD-TIME",
        "WBK",
        JUNE,
        Decimal("91.5"),
    )
    assert value.supplied_by == "Front door performance team"
    doc = importer.columns_doc()
    for column in importer.COLUMNS:
        assert f"| `{column.header}` | {'yes' if column.required else 'no'} |" in doc


def test_values_are_imported_by_code_in_any_case():
    analyst = UserFactory()
    result = run(csv_file(GOOD), supplied_by="Performance team", entered_by=analyst)
    assert (result.created, result.corrected, result.skipped, result.errors) == (5, 0, 0, [])
    assert stored() == {
        ("FD-TIME", "WBK", JUNE, Decimal("91.5")),
        ("FD-TIME", "CLB", JUNE, Decimal("88")),
        ("SPEND", "WBK", dt.date(2021, 4, 1), Decimal("12345.678")),
        ("ICPC-15", "WBK", JUNE, Decimal("12")),
        ("ICPC", "WBK", JUNE, Decimal("15")),
    }
    value = Observation.objects.get(indicator__code="ICPC")
    assert value.supplied_by == "Performance team" and value.entered_by == analyst and value.note == ""
    assert value.supplied_at is not None and not value.corrections.exists()


def test_who_supplied_each_row_and_notes():
    rows = [
        ["FD-TIME", "WBK", "2021-06", "91.5", "Front door team", "Two late returns"],
        ["FD-TIME", "CLB", "2021-06", "88", "", ""],
    ]
    result = run(csv_file(rows, HEADERS), supplied_by="Performance team")
    assert result.ok
    by_area = {o.area.code: (o.supplied_by, o.note) for o in Observation.objects.all()}
    assert by_area == {"WBK": ("Front door team", "Two late returns"), "CLB": ("Performance team", "")}


def test_values_are_kept_to_four_decimal_places():
    assert run(
        csv_file([["FD-TIME", "WBK", "2021-06", "33.333333"], ["FD-TIME", "CLB", "2021-06", "1e1"]])
    ).ok
    assert {o.area.code: o.value for o in Observation.objects.all()} == {"WBK": Decimal("33.3333"), "CLB": 10}


BAD = [
    (["XX", "WBK", "2021-06", "1"], "indicator", "No indicator has the code XX"),
    (["", "WBK", "2021-06", "1"], "indicator", "Enter the indicator's code"),
    (["ICPC-PC", "WBK", "2021-06", "50"], "indicator", "is worked out from its numerator and denominator"),
    (["FD-TIME", "NOWHERE", "2021-06", "1"], "area", "No area has the code NOWHERE"),
    (["FD-TIME", "", "2021-06", "1"], "area", "Enter the area's code"),
    (["FD-TIME", "WBK", "June", "1"], "period", "Enter the period as a month, like 2021-06"),
    (["FD-TIME", "WBK", "", "1"], "period", "Enter the period as a month"),
    (["FD-TIME", "WBK", "2021-Q2", "1"], "period", "2021-Q2 is a quarter, but this indicator is monthly"),
    (["SPEND", "WBK", "2021-06", "1"], "period", "2021-06 is a month, but this indicator is yearly"),
    (["FD-TIME", "WBK", "2022-05", "1"], "period", "May 2022 is in the future"),
    (["FD-TIME", "WBK", "2022-04", "1"], "period", "April 2022 has not ended yet"),
    (["SPEND", "WBK", "2022-23", "1"], "period", "2022-23 has not ended yet"),
    (["FD-TIME", "WBK", "2021-06", "abc"], "value", "abc is not a number"),
    (["FD-TIME", "WBK", "2021-06", ""], "value", "Enter a value"),
    (["FD-TIME", "WBK", "2021-06", "91%"], "value", "Enter the number without the % sign"),
    (["FD-TIME", "WBK", "2021-06", "1,234"], "value", "Enter the number without commas"),
    (["FD-TIME", "WBK", "2021-06", "nan"], "value", "nan is not a number"),
    (["FD-TIME", "WBK", "2021-06", "inf"], "value", "inf is not a number"),
    (["FD-TIME", "WBK", "2021-06", "100.01"], "value", "A percentage cannot be more than 100"),
    (["FD-TIME", "WBK", "2021-06", "-1"], "value", "A percentage cannot be negative"),
    (["ICPC", "WBK", "2021-06", "12.5"], "value", "A count must be a whole number"),
    (["SPEND", "WBK", "2021-22", "1e10"], "value", "A number must be less than 10,000,000,000"),
]


@pytest.mark.parametrize("row, column, reason", BAD)
def test_one_bad_value(row, column, reason):
    result = run(csv_file([["FD-TIME", "CLB", "2021-05", "80"], row]))
    assert not result.ok and where(result) == [(3, column)]
    assert reason in result.errors[0].reason
    assert not Observation.objects.exists()  # the good row is not written either


def test_every_problem_in_every_row_is_reported_in_line_order():
    rows = [
        GOOD[0],
        ["XX", "NOWHERE", "2021-06", "abc"],
        ["FD-TIME", "WBK", "2021-Q2", "101"],
        [],  # a blank line is skipped, but counted
        ["FD-TIME", "CLB", "2030-01", "-5"],
    ]
    result = run(csv_file(rows))
    assert where(result) == [
        (3, "indicator"),
        (3, "area"),
        (3, "value"),
        (4, "period"),
        (4, "value"),
        (6, "period"),
        (6, "value"),
    ]
    assert str(result.errors[0]) == "line 3, indicator: No indicator has the code XX"
    assert not Observation.objects.exists()


def test_the_same_indicator_area_and_period_twice():
    rows = [GOOD[0], GOOD[1], ["fd-time", "wbk", "June 2021", "90"], GOOD[0]]
    result = run(csv_file(rows))
    assert [(e.line, e.reason) for e in result.errors] == [
        (4, "The same indicator, area and period are on line 2"),
        (5, "The same indicator, area and period are on line 2"),
    ]
    assert not Observation.objects.exists()


def test_a_percentages_numerator_more_than_its_denominator_in_the_file():
    rows = [
        ["ICPC-15", "WBK", "2021-06", "16"],
        ["FD-TIME", "WBK", "2021-06", "90"],
        ["ICPC", "WBK", "2021-06", "15"],
    ]
    result = run(csv_file(rows))
    assert [(e.line, e.column, e.reason) for e in result.errors] == [
        (
            2,
            "value",
            "ICPC-15 (16) is more than ICPC (15, line 4) for Westbrook, June 2021: Indicator ICPC-PC is a "
            "percentage, so its numerator cannot be more than its denominator",
        )
    ]


def test_a_percentages_numerator_more_than_its_denominator_already_here():
    numerator, denominator = indicator_by("ICPC-15"), indicator_by("ICPC")
    westbrook = area_by("WBK")
    observe(denominator, westbrook, JUNE, 15)
    observe(numerator, westbrook, dt.date(2021, 7, 1), 10)
    result = run(csv_file([["ICPC-15", "WBK", "2021-06", "16"], ["ICPC", "WBK", "2021-07", "9"]]))
    assert [(e.line, e.reason.split(" for ")[0]) for e in result.errors] == [
        (2, "ICPC-15 (16) is more than ICPC (15, already here)"),
        (3, "ICPC-15 (10, already here) is more than ICPC (9)"),
    ]
    # A file that corrects both parts together is checked against its own values, not the old ones.
    result = run(csv_file([["ICPC-15", "WBK", "2021-06", "16"], ["ICPC", "WBK", "2021-06", "20"]]))
    assert result.ok and result.created == 1 and result.corrected == 1


def indicator_by(code):
    from lscp.performance.models import Indicator

    return Indicator.objects.get(code=code)


def area_by(code):
    from lscp.performance.models import Area

    return Area.objects.get(code=code)


def test_an_unquoted_comma_is_caught():
    data = b"indicator,area,period,value\nFD-TIME,WBK,2021-06,91.5\nFD-TIME,CLB,2021-06,1,234\n"
    result = run(data)
    assert where(result) == [(3, "")] and "unquoted comma" in result.errors[0].reason


def test_re_importing_the_same_file_changes_nothing():
    data = csv_file(GOOD)
    assert run(data).created == 5
    before = list(Observation.objects.order_by("pk").values())
    again = run(data)
    assert (again.created, again.corrected, again.skipped, again.errors) == (0, 0, 5, [])
    assert list(Observation.objects.order_by("pk").values()) == before
    assert not ObservationCorrection.objects.exists()
    # The same values written differently are the same values.
    same = csv_file([["FD-TIME", "WBK", "June 2021", "91.50"], ["SPEND", "WBK", "2021/22", "12345.6780"]])
    assert run(same).skipped == 2 and not ObservationCorrection.objects.exists()


def test_a_corrected_value_replaces_the_old_one_which_is_kept():
    assert run(csv_file(GOOD), supplied_by="First return").ok
    first = Observation.objects.get(indicator__code="FD-TIME", area__code="WBK")
    analyst = UserFactory()
    rows = [["FD-TIME", "WBK", "2021-06", "92.25", "Second return", "Late cases added"], [*GOOD[1], "", ""]]
    result = run(csv_file(rows, HEADERS), "corrected.csv", entered_by=analyst)
    assert (result.created, result.corrected, result.skipped) == (0, 1, 1)
    value = Observation.objects.get(pk=first.pk)
    assert (value.value, value.supplied_by, value.note, value.entered_by) == (
        Decimal("92.25"),
        "Second return",
        "Late cases added",
        analyst,
    )
    assert value.supplied_at > first.supplied_at
    correction = ObservationCorrection.objects.get()
    assert (correction.observation, correction.previous_value, correction.value) == (
        value,
        Decimal("91.5"),
        Decimal("92.25"),
    )
    assert (correction.previous_supplied_by, correction.previous_supplied_at) == (
        "First return",
        first.supplied_at,
    )
    assert correction.corrected_by == analyst and correction.reason == "Imported from corrected.csv, line 2"
    # A file without notes leaves the note alone.
    assert run(csv_file([["FD-TIME", "WBK", "2021-06", "93"]])).corrected == 1
    assert Observation.objects.get(pk=first.pk).note == "Late cases added"
    assert ObservationCorrection.objects.count() == 2


def test_a_dry_run_writes_nothing():
    result = run(csv_file(GOOD), dry_run=True)
    assert result.ok and result.dry_run and result.created == 5
    assert not Observation.objects.exists()


def test_an_xlsx_file_with_date_and_number_cells():
    rows = [
        ["Indicator", "Area", "Period", "Value", "Supplied_by"],
        ["FD-TIME", "WBK", dt.datetime(2021, 6, 1), 91.5, "Front door team"],
        ["ICPC", "WBK", "2021-06", 15, None],
        ["SPEND", "CLB", "2021-22", 0.1 + 0.2, None],
        [None, None, None, None, None],
        ["ICPC-15", "WBK", dt.datetime(2021, 6, 1), 12.0, None],
    ]
    result = run(xlsx_file(rows), "kpis.xlsx")
    assert result.ok, result.errors
    assert stored() == {
        ("FD-TIME", "WBK", JUNE, Decimal("91.5")),
        ("ICPC", "WBK", JUNE, 15),
        ("SPEND", "CLB", dt.date(2021, 4, 1), Decimal("0.3")),
        ("ICPC-15", "WBK", JUNE, 12),
    }
    bad = run(xlsx_file([rows[0], ["FD-TIME", "WBK", dt.datetime(2021, 6, 15), "n/a", None]]), "kpis.xlsx")
    assert where(bad) == [(2, "period"), (2, "value")]


def test_a_bad_header_row_is_reported_before_any_row():
    result = run(csv_file([GOOD[0]], ["indicator", "area", "month", "value", "value"]))
    assert [(e.line, e.column, e.reason) for e in result.errors] == [
        (1, "month", "Unknown column: check its name against the template"),
        (1, "value", "The column is in the file more than once"),
        (1, "period", "The column is missing"),
    ]


@pytest.mark.parametrize(
    "data, name, reason",
    [
        (b"", "kpis.csv", "The file is empty"),
        (b"\n,,\n", "kpis.csv", "The file is empty"),
        (b"indicator,area,period,value\n", "kpis.csv", "a header row but no rows of values"),
        (b"not a spreadsheet", "kpis.xlsx", "The file is not a real XLSX file"),
        (b"a,b", "kpis.txt", "The file must be a CSV or XLSX file"),
    ],
)
def test_a_file_that_cannot_be_read(data, name, reason):
    result = run(data, name)
    assert not result.ok and reason in result.errors[0].reason


def test_the_fast_reader_reads_as_the_csv_module_does():
    text = (
        "Indicator,Area,Period,Value\r\nFD-TIME,WBK,2021-06,91.5\r\n ICPC , WBK,2021-06,15\r\n"
        "FD-TIME,CLB,2021-06,\r\n"
    )
    fast = tables._plain_csv(text)
    general = tables._table(tables._csv_rows(text))
    assert fast is not None and general is not None
    assert (fast.headers, [list(c) for c in fast.columns]) == (
        general.headers,
        [list(c) for c in general.columns],
    )
    assert [fast.line(n) for n in range(3)] == [general.line(n) for n in range(3)] == [2, 3, 4]
    assert [list(c) for c in tables._plain_csv("a,b\nx,y\nz,w").columns] == [["x", "z"], ["y", "w"]]
    # Quotes, blank rows, rows of other widths and mixed line ends go to the csv module.
    for other in ['a,b\n"x,y",z\n', "a,b\nx,y\n,\n", "a,b\nx,y\n\nz,w\n", "a,b\nx\n", "a,b\r\nx,y\nz,w\r\n"]:
        assert tables._plain_csv(other) is None
        assert tables._table(tables._csv_rows(other)) is not None


def test_the_query_count_does_not_grow_with_the_rows():
    def queries(rows: int) -> int:
        months = [f"{1980 + m // 12}-{m % 12 + 1:02d}" for m in range(rows // 2)]
        data = csv_file([["FD-TIME", place, month, "50"] for place in ("WBK", "CLB") for month in months])
        with CaptureQueriesContext(connection) as captured:
            assert run(data).created == rows
        Observation.objects.all().delete()
        return len(captured)

    batches = 1000 // importer.ROWS_PER_STATEMENT + 1
    assert queries(1000) <= queries(10) + batches


def test_the_command(tmp_path):
    good = tmp_path / "kpis.csv"
    good.write_bytes(csv_file(GOOD))
    out = io.StringIO()
    call_command("import-kpis", str(good), "--dry-run", stdout=out)
    assert (
        "Would import 5 new values and 0 corrections" in out.getvalue() and not Observation.objects.exists()
    )
    call_command("import-kpis", str(good), "--supplied-by", "Performance team", stdout=out)
    assert Observation.objects.count() == 5
    assert set(Observation.objects.values_list("supplied_by", flat=True)) == {"Performance team"}
    call_command("import-kpis", str(good), stdout=out)
    assert "skipped 5 values already here and the same" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file([["XX", "WBK", "2021-06", "1"]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problem to fix"):
        call_command("import-kpis", str(bad), stderr=err)
    assert "line 2, indicator: No indicator has the code XX" in err.getvalue()
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import-kpis", str(tmp_path / "missing.csv"))


def test_the_benchmark_imports_its_file_and_reports_its_figures():
    figures = bench_import.measure(rows=4000)
    assert figures["rows"] == 4000 and figures["import_s"] > 0 and figures["rows_per_second"] > 0
    assert 0 < figures["share_of_reading_rate"] < 1  # checking and writing: never faster than reading
    assert Observation.objects.filter(indicator__code__startswith=bench_import.PREFIX).count() == 4000
    assert bench_import.measure(rows=4000)["rows"] == 4000  # a second run starts afresh


def test_the_documented_columns_are_the_importers():
    from pathlib import Path

    from lscp.performance import importer as kpi_importer

    doc = (Path(__file__).resolve().parents[2] / "docs" / "kpi-import.md").read_text()
    assert kpi_importer.columns_doc() in doc, "regenerate the table in docs/kpi-import.md"
