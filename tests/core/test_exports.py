"""The one export: CSV streamed with formulas defused, XLSX with text kept as text."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from lscp.core.exports import Column, export_response, safe_text

COLUMNS = [
    Column("Name", lambda row: row["name"]),
    Column("Due", lambda row: row["due"]),
    Column("Count", lambda row: row["count"]),
]
ROWS = [
    {"name": "Safe sleep briefing", "due": dt.date(2022, 4, 5), "count": 3},
    {"name": '=HYPERLINK("http://evil.invalid","click")', "due": None, "count": -2},
    {"name": "+44 1234", "due": dt.date(2022, 1, 1), "count": 0},
    {"name": "@SUM(A1)", "due": None, "count": 1},
    {"name": "-1+2", "due": None, "count": 1},
]


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_text_defuses_cells_a_spreadsheet_would_run(value, expected):
    assert safe_text(value) == expected


def test_csv_streams_headings_and_rows_with_formulas_defused():
    response = export_response(ROWS, COLUMNS, "actions-2022-04-05", "csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="actions-2022-04-05.csv"'
    rows = read_csv(response)
    assert rows[0] == ["Name", "Due", "Count"]
    assert rows[1] == ["Safe sleep briefing", "2022-04-05", "3"]
    assert rows[2][0] == '\'=HYPERLINK("http://evil.invalid","click")'
    assert rows[2][1:] == ["", "-2"]  # numbers are numbers, not text to defuse
    assert [row[0] for row in rows[3:]] == ["'+44 1234", "'@SUM(A1)", "'-1+2"]


def test_xlsx_parses_back_with_real_dates_and_text_never_a_formula():
    response = export_response(ROWS, COLUMNS, "actions", "xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="actions.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["Name", "Due", "Count"]
    assert values[1] == ["Safe sleep briefing", dt.datetime(2022, 4, 5), 3]
    formula_cell = sheet["A3"]
    assert formula_cell.value == '=HYPERLINK("http://evil.invalid","click")'
    assert formula_cell.data_type == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_writes_aware_datetimes_in_local_time():
    from django.utils import timezone

    moment = timezone.make_aware(dt.datetime(2022, 7, 1, 9, 30))  # BST
    response = export_response([{"at": moment}], [Column("At", lambda r: r["at"])], "times", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == dt.datetime(2022, 7, 1, 9, 30)


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        export_response(ROWS, COLUMNS, "x", "pdf")
