"""Importing past cases from an eCDOP export or a spreadsheet: every row checked, every problem
reported by line and column, nothing written unless all is well, and a re-import skips what is here."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from lscp.child_deaths import importer
from lscp.child_deaths.categories import DEFAULT_FACTORS, Category, Contribution, Domain, Modifiable
from lscp.child_deaths.importer import HEADERS, RowError, import_file
from lscp.child_deaths.models import ChildDeath, DomainScore, Factor, LearningPoint, PanelReview, Stage
from tests.child_deaths.conftest import NHS_NUMBER

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 1, 15)


def row(**changes) -> dict:
    """A good row with the panel's conclusions."""
    return {
        "external_reference": "ECDOP-1",
        "full_name": "Alex Example",
        "date_of_birth": "2021-03-14",
        "sex": "female",
        "ethnicity": "White British",
        "nhs_number": "999 000 0034",
        "no_nhs_number_reason": "",
        "home_postcode": "wb1 2ab",
        "date_of_death": "2023-01-09",
        "place_of_death": "Westbrook General Hospital",
        "expected_or_unexpected": "unexpected",
        "notified_on": "2023-01-10",
        "panel_completed_on": "2023-06-21",
        "category": "5",
        "modifiable": "yes",
        "domain_child": "1",
        "domain_social": "2",
        "domain_physical": "2",
        "domain_services": "1",
        "factors": "Smoking; unsafe SLEEP",
        "learning_points": "Safer sleep advice; Smoking cessation referrals",
        **changes,
    }


def open_row(**changes) -> dict:
    """A good row whose panel has not yet concluded."""
    blank = dict.fromkeys(importer.PANEL_COLUMNS, "")
    return row(**{"panel_completed_on": "", **blank, **changes})


def csv_file(rows: list[dict], headers: list[str] = HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers, extrasaction="ignore")
    writer.writeheader()
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


def run(data: bytes, name: str = "cases.csv", **options):
    return import_file(data, name, today=TODAY, **options)


def where(result) -> list[tuple[int, str]]:
    return [(error.line, error.column) for error in result.errors]


def test_the_default_factors_are_seeded():
    assert {(f.name, f.domain) for f in Factor.objects.all()} >= {(n, str(d)) for n, d in DEFAULT_FACTORS}


def test_the_template_is_made_from_the_columns_and_imports():
    template = importer.template_csv()
    assert template.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    lines = template.decode("utf-8-sig").splitlines()
    assert lines[0].split(",") == HEADERS
    result = run(template)
    assert result.ok and result.created == 1
    doc = importer.columns_doc()
    for column in importer.COLUMNS:
        assert f"| `{column.header}` | {'yes' if column.required else 'no'} |" in doc


def test_cases_and_their_conclusions_are_imported():
    second = open_row(
        external_reference="ECDOP-2",
        full_name="Sam Sample",
        nhs_number="",
        no_nhs_number_reason="Died before registration",
        date_of_birth="01/02/2023",
        date_of_death="03/02/2023",
        notified_on="2023-02-03",
        expected_or_unexpected="Expected",
    )
    result = run(csv_file([row(), second]))
    assert (result.created, result.skipped, result.errors) == (2, 0, [])
    closed = ChildDeath.objects.get(external_reference="ECDOP-1")
    assert closed.stage == Stage.CLOSED and closed.nhs_number == "9990000034"
    assert closed.home_postcode == "WB1 2AB" and closed.age_band == "1-4"
    review = closed.panel_review
    assert (review.completed_on, review.category, review.modifiable) == (
        dt.date(2023, 6, 21),
        Category.ACUTE,
        Modifiable.YES,
    )
    assert {s.domain: s.contribution for s in review.domain_scores.all()} == {
        Domain.CHILD: Contribution.NONE,
        Domain.SOCIAL: Contribution.MAY_HAVE,
        Domain.PHYSICAL: Contribution.MAY_HAVE,
        Domain.SERVICES: Contribution.NONE,
    }
    assert {f.name for f in review.factors.all()} == {"Smoking", "Unsafe sleep"}
    assert [p.text for p in review.learning_points.all()] == [
        "Safer sleep advice",
        "Smoking cessation referrals",
    ]
    notified = ChildDeath.objects.get(external_reference="ECDOP-2")
    assert notified.stage == Stage.NOTIFIED and not PanelReview.objects.filter(case=notified).exists()
    assert notified.date_of_birth == dt.date(2023, 2, 1) and notified.age_band == "0-27d"
    assert notified.expectation == "expected"


def test_an_xlsx_export_with_date_and_number_cells():
    headers = ["external_reference", "full_name", "date_of_birth", "sex", "ethnicity", "nhs_number"]
    headers += ["date_of_death", "place_of_death", "expected_or_unexpected", "notified_on"]
    headers += ["panel_completed_on", "category", "modifiable", "factors"]
    values = ["X-1", "Alex Example", dt.datetime(2021, 3, 14), "Female", "Any", 9990000034]
    values += [dt.datetime(2023, 1, 9), "Home", "UNEXPECTED", "10/01/2023"]
    values += [dt.datetime(2023, 6, 21), 9, "Insufficient information", None]
    result = run(xlsx_file([headers, values, [None] * len(headers)]), "export.xlsx")
    assert result.ok, result.errors
    case = ChildDeath.objects.get()
    assert case.date_of_birth == dt.date(2021, 3, 14) and case.nhs_number == "9990000034"
    assert case.panel_review.category == Category.INFECTION
    assert case.panel_review.modifiable == Modifiable.INSUFFICIENT
    assert not case.panel_review.domain_scores.exists()


def test_the_category_by_its_name_in_any_case():
    result = run(csv_file([row(category="  perinatal or NEONATAL event ")]))
    assert result.ok and PanelReview.objects.get().category == Category.PERINATAL


def test_every_problem_in_every_row_is_reported_and_nothing_is_written():
    rows = [
        row(),  # line 2: good
        row(external_reference="E-3", full_name="B", date_of_birth="2023-05-01", date_of_death="2023-04-30"),
        row(external_reference="E-4", full_name="C", nhs_number="999 000 0035", category="Drowning"),
        row(external_reference="E-5", full_name="D", nhs_number="", date_of_death="2099-01-01"),
        row(external_reference="E-6", full_name="E", nhs_number="9990000042", factors="Smoking; Bad luck"),
        row(external_reference="E-7", full_name="F", nhs_number="9990000050", date_of_birth="14 March 2021"),
        row(external_reference="ECDOP-1", full_name="G", nhs_number="9990000069"),  # repeats line 2
        open_row(external_reference="E-9", full_name="H", nhs_number="9990000077", modifiable="no"),
        row(external_reference="E-10", full_name="I", nhs_number="9990000085", sex="", modifiable="perhaps"),
    ]
    result = run(csv_file(rows))
    assert not result.ok and result.created == 0
    assert where(result) == [
        (3, "date_of_death"),
        (3, "nhs_number"),
        (4, "nhs_number"),
        (4, "category"),
        (5, "date_of_death"),
        (5, "nhs_number"),
        (6, "factors"),
        (7, "date_of_birth"),
        (8, "external_reference"),
        (9, "panel_completed_on"),
        (10, "sex"),
        (10, "modifiable"),
    ]
    reasons = {(e.line, e.column): e.reason for e in result.errors}
    assert reasons[(3, "date_of_death")] == "The date of death must be on or after the date of birth"
    assert reasons[(3, "nhs_number")] == "The same NHS number is on line 2"
    assert reasons[(4, "nhs_number")] == "Enter a valid NHS number: check the digits and try again"
    assert reasons[(4, "category")].startswith("Enter the category as a number from 1 to 10")
    assert reasons[(5, "date_of_death")] == "The date of death must be today or in the past"
    assert reasons[(5, "nhs_number")] == "Enter the NHS number, or say why there is none"
    assert reasons[(6, "factors")] == "Not on the panel's factor list: Bad luck"
    assert reasons[(7, "date_of_birth")] == "Enter the date as YYYY-MM-DD or DD/MM/YYYY"
    assert reasons[(8, "external_reference")] == "The same reference is on line 2"
    assert reasons[(9, "panel_completed_on")] == "Enter the date the panel concluded: the row has modifiable"
    assert reasons[(10, "sex")] == "Enter a value: this column is required"
    assert (
        str(result.errors[0])
        == "line 3, date_of_death: The date of death must be on or after the date of birth"
    )
    assert not ChildDeath.objects.exists() and not PanelReview.objects.exists()


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"date_of_birth": "2021-02-30"}, "date_of_birth", "2021-02-30 is not a real date"),
        (
            {"notified_on": "2023-01-08"},
            "notified_on",
            "The date notified must be on or after the date of death",
        ),
        ({"panel_completed_on": "2022-12-01"}, "panel_completed_on", "must be on or after the date of death"),
        ({"panel_completed_on": "2026-01-01"}, "panel_completed_on", "must be today or in the past"),
        ({"category": ""}, "category", "required with panel_completed_on"),
        ({"category": "0"}, "category", "Enter the category as a number from 1 to 10"),
        ({"domain_child": "3"}, "domain_child", "Enter 0, 1 or 2"),
        ({"expected_or_unexpected": "sudden"}, "expected_or_unexpected", "Enter expected or unexpected"),
        ({"date_of_birth": "2004-01-01"}, "date_of_death", "died before their 18th birthday"),
        ({"full_name": "x" * 151}, "full_name", "Must be 150 characters or fewer"),
        ({"no_nhs_number_reason": "Unknown"}, "no_nhs_number_reason", "Leave the reason blank"),
    ],
)
def test_one_bad_value(changes, column, reason):
    result = run(csv_file([row(**changes)]))
    assert [(e.line, e.column) for e in result.errors] == [(2, column)]
    assert reason in result.errors[0].reason
    assert not ChildDeath.objects.exists()


def test_re_importing_skips_what_is_already_here():
    first = csv_file(
        [row(), open_row(external_reference="ECDOP-2", full_name="Sam", nhs_number="9990000042")]
    )
    assert run(first).created == 2
    again = run(first)
    assert (again.created, again.skipped, again.errors) == (0, 2, [])
    grown = csv_file(
        [
            row(),
            open_row(external_reference="ECDOP-2", full_name="Sam", nhs_number="9990000042"),
            open_row(external_reference="ECDOP-3", full_name="Kim", nhs_number="9990000050"),
        ]
    )
    result = run(grown)
    assert (result.created, result.skipped) == (1, 2)
    assert ChildDeath.objects.count() == 3 and PanelReview.objects.count() == 1


def test_a_child_already_notified_here_is_a_duplicate(case):
    result = run(
        csv_file(
            [
                row(nhs_number=NHS_NUMBER),
                row(
                    external_reference="E-2",
                    full_name="zebedee testchild",
                    date_of_birth="2019-05-01",
                    nhs_number="9990000042",
                ),
            ]
        )
    )
    assert result.errors == [
        RowError(2, "nhs_number", f"A case with this NHS number is already here: case {case.reference}"),
        RowError(
            3,
            "full_name",
            f"A case for a child with this name and date of birth is already here: case {case.reference}",
        ),
    ]
    assert ChildDeath.objects.count() == 1


def test_the_same_child_twice_in_the_file():
    rows = [row(), row(external_reference="E-2", full_name=" ALEX  example", nhs_number="9990000042")]
    result = run(csv_file(rows))
    assert result.errors == [RowError(3, "full_name", "The same name and date of birth are on line 2")]


def test_a_bad_header_row_is_reported_before_any_row():
    headers = [h for h in HEADERS if h != "date_of_death"] + ["date_of_deaht"]
    result = run(csv_file([row()], headers=headers))
    assert result.errors == [
        RowError(1, "date_of_deaht", "Unknown column: check its name against the template"),
        RowError(1, "date_of_death", "The column is missing"),
    ]


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.csv", "The file is empty"),
        (b"not a spreadsheet", "cases.xlsx", "The file is not a real XLSX file"),
        (b"a,b", "cases.txt", "The file must be a CSV or XLSX file"),
    ],
)
def test_an_unreadable_file(data, name, reason):
    result = run(data, name)
    assert len(result.errors) == 1 and result.errors[0].reason.startswith(reason)


def test_a_dry_run_writes_nothing():
    result = run(csv_file([row()]), dry_run=True)
    assert result.ok and result.created == 1 and result.dry_run
    assert not ChildDeath.objects.exists()


def test_the_query_count_does_not_grow_with_the_rows(django_assert_max_num_queries):
    rows = [
        row(external_reference=f"E-{i}", full_name=f"Child {i}", nhs_number="", no_nhs_number_reason="None")
        for i in range(600)
    ]
    # Read what is here (4), then per batch of 2,000: cases, reviews, scores, factors, points; SQLite
    # splits each bulk insert into chunks its limit on query parameters allows.
    with django_assert_max_num_queries(120):
        result = run(csv_file(rows))
    assert result.created == 600
    assert DomainScore.objects.count() == 2400 and LearningPoint.objects.count() == 1200
    assert PanelReview.factors.through.objects.count() == 1200


def test_the_command(tmp_path):
    good = tmp_path / "cases.csv"
    good.write_bytes(csv_file([row(notified_on="2023-01-10", panel_completed_on="2023-06-21")]))
    out = io.StringIO()
    call_command("import-child-deaths", str(good), "--dry-run", stdout=out)
    assert out.getvalue().strip() == "Would import 1 case; skipped 0 already here."
    assert not ChildDeath.objects.exists()
    call_command("import-child-deaths", str(good), stdout=out)
    assert "Imported 1 case; skipped 0 already here." in out.getvalue()
    assert ChildDeath.objects.count() == 1

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file([row(external_reference="E-2", category="99", full_name="Other")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 2 problems"):
        call_command("import-child-deaths", str(bad), stderr=err)
    assert "line 2, nhs_number: A case with this NHS number is already here" in err.getvalue()
    assert "line 2, category: Enter the category" in err.getvalue()
    with pytest.raises(CommandError, match="no file"):
        call_command("import-child-deaths", str(tmp_path / "missing.csv"))


def test_a_cell_over_the_csv_modules_limit_is_a_clear_error_not_a_crash(db):
    data = (",".join(HEADERS) + "\r\nX1,").encode() + b"a" * 140_000 + b"\r\n"
    result = importer.import_file(data, "huge.csv")
    assert not result.ok and result.errors[0].line == 0
    assert "not a CSV file lscp can read" in result.errors[0].reason


def test_the_documented_columns_are_the_importers():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "child-death-import.md").read_text()
    assert importer.columns_doc() in doc, "regenerate the table in docs/child-death-import.md"
