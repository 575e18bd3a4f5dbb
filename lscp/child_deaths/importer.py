"""Importing past cases and the panel's conclusions from an eCDOP export or a spreadsheet (CSV, XLSX).

All or nothing: every row is checked and every problem collected as (line, column, reason); the
cases are written only when every row is good, in one transaction. A row whose external_reference
is already here is skipped and counted, so importing the same export twice is safe.

The columns are defined once, in `COLUMNS`: the template CSV (`template_csv`) and the README's
table (`columns_doc`) are made from them.

Fast enough for ten years of a large area (40,000 rows in seconds): what is already here
(references, NHS numbers, names and dates of birth, factors) is read in one query each before the
rows are checked, and the cases are written with bulk_create in batches. bulk_create sends no
signals, so imported rows are not in the change log one by one; the import as a whole is the
record (the command prints what it did).
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from lscp.child_deaths import snapshots, workflow
from lscp.child_deaths.categories import (
    Category,
    Contribution,
    Domain,
    Expectation,
    Modifiable,
    Sex,
    age_band,
)
from lscp.child_deaths.models import (
    ChildDeath,
    DomainScore,
    Factor,
    LearningPoint,
    PanelReview,
    Stage,
)
from lscp.core import imports
from lscp.core.imports import Column, RowError
from lscp.core.nhs_number import normalise

BATCH = 2000
LIST_SEPARATOR = ";"


DOMAIN_COLUMNS = {domain: f"domain_{domain}" for domain in Domain.values}
PANEL_REQUIRES = "Required when panel_completed_on is given."

COLUMNS = [
    Column(
        "external_reference",
        True,
        "The case's reference in eCDOP or the spreadsheet (at most 50 characters). A case already "
        "imported with this reference is skipped.",
        "ECDOP-2023-0042",
    ),
    Column("full_name", True, "The child's full name.", "Alex Example"),
    Column("date_of_birth", True, "YYYY-MM-DD or DD/MM/YYYY.", "2021-03-14"),
    Column("sex", True, "female, male, indeterminate or not known.", "female"),
    Column("ethnicity", True, "As recorded.", "White British"),
    Column(
        "nhs_number",
        False,
        "10 digits (spaces allowed). Leave blank only when no_nhs_number_reason says why.",
        "999 000 0018",
    ),
    Column(
        "no_nhs_number_reason",
        False,
        "Why there is no NHS number; only when nhs_number is blank.",
        "",
    ),
    Column("home_postcode", False, "The child's home postcode.", "WB1 2AB"),
    Column("date_of_death", True, "YYYY-MM-DD or DD/MM/YYYY.", "2023-01-09"),
    Column("place_of_death", True, "Where the child died.", "Westbrook General Hospital"),
    Column("expected_or_unexpected", True, "expected or unexpected.", "unexpected"),
    Column("notified_on", True, "The date the death was notified to the CDOP.", "2023-01-10"),
    Column(
        "panel_completed_on",
        False,
        "The date the panel concluded its review; blank while it has not (the case is imported as notified).",
        "2023-06-21",
    ),
    Column(
        "category",
        False,
        "Category of death: its number, 1 to 10, or its name as on the national analysis form. "
        + PANEL_REQUIRES,
        "5",
    ),
    Column("modifiable", False, "Modifiable factors: yes, no or insufficient. " + PANEL_REQUIRES, "yes"),
    *[
        Column(
            DOMAIN_COLUMNS[domain.value],
            False,
            f"The panel's score for the domain {domain.label.lower()}: 0 (information not available), "
            "1 (no factors, or factors unlikely to have contributed) or 2 (factors that may have "
            "contributed). Only with panel_completed_on.",
            example,
        )
        for domain, example in zip(Domain, ("1", "2", "2", "1"), strict=True)
    ],
    Column(
        "factors",
        False,
        "Named factors the panel identified, separated by semicolons, each a name on the panel's "
        "factor list.",
        "Smoking; Unsafe sleep",
    ),
    Column(
        "learning_points",
        False,
        "Points of learning, separated by semicolons.",
        "Safer sleep advice at every health visit",
    ),
]
HEADERS = [column.header for column in COLUMNS]
REQUIRED = [column.header for column in COLUMNS if column.required]
PANEL_COLUMNS = ("category", "modifiable", *DOMAIN_COLUMNS.values(), "factors", "learning_points")
# The workflow's rule names its fields; the import reports its columns.
FIELD_COLUMNS = {"died_on": "date_of_death"}


def template_csv() -> bytes:
    return imports.template_csv(COLUMNS)


def columns_doc() -> str:
    return imports.columns_doc(COLUMNS)


@dataclass
class ImportResult:
    created: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# --- reading the file --------------------------------------------------------------------------


class FileUnreadable(Exception):
    pass


def _read_csv(data: bytes) -> Iterator[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
    except csv.Error as error:  # a cell over the csv module's size limit, a stray NUL byte
        raise FileUnreadable(f"The file is not a CSV file lscp can read ({error})") from error


def _read_xlsx(data: bytes) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileUnreadable("The file is not a real XLSX file") from error
    try:
        sheet = workbook.worksheets[0]
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, list(row)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:  # broken inside, not at the door
        raise FileUnreadable("The file is not a real XLSX file") from error
    finally:
        workbook.close()


def read_rows(data: bytes, filename: str) -> Iterator[tuple[int, list]]:
    """(line, cells) for every row of a CSV or XLSX file, the header row first."""
    extension = Path(filename).suffix.lower()
    if extension == ".csv":
        return _read_csv(data)
    if extension == ".xlsx":
        return _read_xlsx(data)
    raise FileUnreadable("The file must be a CSV or XLSX file")


# --- reading one value -------------------------------------------------------------------------


class Bad(Exception):
    """A value that cannot be read; the message says what to put instead."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps numbers (an NHS number, a category) as floats
    return str(value).strip()


ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):  # an Excel date cell
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    try:
        if match := ISO_DATE.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := UK_DATE.fullmatch(text):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError as error:
        raise Bad(f"{text} is not a real date") from error
    raise Bad("Enter the date as YYYY-MM-DD or DD/MM/YYYY")


class Choice:
    """Reads a stored value from its value or its label, in any case ("Female", "unexpected", "9")."""

    def __init__(self, choices: list[tuple[str, str]], what: str, extra: dict[str, str] | None = None):
        # Built once: TextChoices.choices is worked out afresh on every call, and there are many rows.
        self.table = {text.casefold(): str(stored) for stored, label in choices for text in (stored, label)}
        self.table.update({text: str(stored) for text, stored in (extra or {}).items()})
        self.what = what

    def __call__(self, value) -> str:
        try:
            return self.table[_text(value).casefold()]
        except KeyError:
            raise Bad(f"Enter {self.what}") from None


_sex = Choice(
    Sex.choices,
    "female, male, indeterminate or not known",
    {"not known": Sex.NOT_KNOWN, "unknown": Sex.NOT_KNOWN},
)
_expectation = Choice(Expectation.choices, "expected or unexpected")
_modifiable = Choice(
    Modifiable.choices,
    "yes, no or insufficient",
    {"insufficient information": Modifiable.INSUFFICIENT, "y": Modifiable.YES, "n": Modifiable.NO},
)
_score = Choice(Contribution.choices, "0, 1 or 2")
_category = Choice(Category.choices, "the category as a number from 1 to 10 or its name on the form")


def _split(value) -> list[str]:
    return [part.strip() for part in _text(value).split(LIST_SEPARATOR) if part.strip()]


# --- checking the rows -------------------------------------------------------------------------


@dataclass
class Conclusions:
    """The panel's conclusions on one row."""

    review: PanelReview
    scores: dict[str, str]
    factors: list[Factor]
    learning: list[str]


@dataclass
class Prepared:
    """One good row, ready to write."""

    case: ChildDeath
    conclusions: Conclusions | None


def _max_lengths() -> dict[str, int]:
    """The text columns' limits, from the model (the column and the field share a name)."""
    columns = (
        "external_reference",
        "full_name",
        "ethnicity",
        "place_of_death",
        "home_postcode",
        "no_nhs_number_reason",
    )
    return {column: getattr(ChildDeath._meta.get_field(column), "max_length", 0) for column in columns}


class Row:
    """One row's cells by header, and the problems found reading them."""

    def __init__(self, line: int, cells: dict[str, object], max_lengths: dict[str, int]) -> None:
        self.line = line
        self.cells = cells
        self.max_lengths = max_lengths
        self.errors: list[RowError] = []

    def bad(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.line, column, reason))

    def has(self, column: str) -> bool:
        return _text(self.cells.get(column)) != ""

    def has_error(self, column: str) -> bool:
        return any(error.column == column for error in self.errors)

    def read(self, column: str, parse=_text, required: str = ""):
        """The column's value, parsed; None when blank or unreadable (the problem is noted).

        `required` is the reason to give when a blank is not allowed; required columns have one.
        """
        if not self.has(column):
            if required or column in REQUIRED:
                self.bad(column, required or "Enter a value: this column is required")
            return None
        try:
            value = parse(self.cells[column])
        except Bad as problem:
            self.bad(column, str(problem))
            return None
        limit = self.max_lengths.get(column)
        if limit and isinstance(value, str) and len(value) > limit:
            self.bad(column, f"Must be {limit} characters or fewer")
            return None
        return value


class Checker:
    """Checks rows one by one against what is already here and what came earlier in the file."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.max_lengths = _max_lengths()
        cases = ChildDeath.objects.all()
        self.references = set(
            cases.exclude(external_reference=None).values_list("external_reference", flat=True)
        )
        self.nhs_numbers = dict(cases.exclude(nhs_number="").values_list("nhs_number", "pk"))
        self.names = {
            (workflow.name_key(name), born): pk
            for name, born, pk in cases.values_list("full_name", "date_of_birth", "pk")
        }
        self.factors = {factor.name.casefold(): factor for factor in Factor.objects.all()}
        # What earlier rows of the file used: value -> line.
        self.file_references: dict[str, int] = {}
        self.file_nhs_numbers: dict[str, int] = {}
        self.file_names: dict[tuple[str, dt.date], int] = {}

    def check(self, line: int, cells: dict[str, object]) -> tuple[Prepared | None, list[RowError], bool]:
        """(the row ready to write or None, its problems, whether it is skipped as already here)."""
        row = Row(line, cells, self.max_lengths)
        reference = row.read("external_reference")
        if reference is not None:
            if reference in self.file_references:
                row.bad(
                    "external_reference", f"The same reference is on line {self.file_references[reference]}"
                )
                return None, row.errors, False
            self.file_references[reference] = line
            if reference in self.references:
                return None, [], True  # imported before: re-importing is safe
        values = {
            "full_name": row.read("full_name"),
            "date_of_birth": row.read("date_of_birth", _date),
            "sex": row.read("sex", _sex),
            "ethnicity": row.read("ethnicity"),
            "nhs_number": normalise(row.read("nhs_number") or ""),
            "no_nhs_number_reason": row.read("no_nhs_number_reason") or "",
            "home_postcode": (row.read("home_postcode") or "").upper(),
            "died_on": row.read("date_of_death", _date),
            "place_of_death": row.read("place_of_death"),
            "expectation": row.read("expected_or_unexpected", _expectation),
            "notified_on": row.read("notified_on", _date),
        }
        self._check_rules(row, values)
        self._check_duplicates(row, values)
        conclusions = self._conclusions(row, None if row.has_error("date_of_death") else values["died_on"])
        if row.errors:
            return None, row.errors, False
        case = ChildDeath(
            external_reference=reference,
            # bulk_create does not call save(), which works the age band out.
            age_band=age_band(values["date_of_birth"], values["died_on"]),
            stage=Stage.CLOSED if conclusions else Stage.NOTIFIED,
            **values,
        )
        return Prepared(case, conclusions), [], False

    def _check_rules(self, row: Row, values: dict) -> None:
        """The notification's own rules (workflow's, as the forms apply them), by column."""
        problems = workflow.notification_problems(
            date_of_birth=values["date_of_birth"],
            died_on=values["died_on"],
            notified_on=values["notified_on"],
            nhs_number=values["nhs_number"],
            no_nhs_number_reason=values["no_nhs_number_reason"],
            today=self.today,
        )
        for name, reason in problems.items():
            column = FIELD_COLUMNS.get(name, name)
            if not row.has_error(column):
                row.bad(column, reason)

    def _check_duplicates(self, row: Row, values: dict) -> None:
        """The same child twice: here already (by NHS number, or name and date of birth), or in the file."""
        number = values["nhs_number"]
        if number and not row.has_error("nhs_number"):
            if number in self.nhs_numbers:
                reference = ChildDeath(pk=self.nhs_numbers[number]).reference
                row.bad("nhs_number", f"A case with this NHS number is already here: case {reference}")
            elif number in self.file_nhs_numbers:
                row.bad("nhs_number", f"The same NHS number is on line {self.file_nhs_numbers[number]}")
            else:
                self.file_nhs_numbers[number] = row.line
        if values["full_name"] and values["date_of_birth"]:
            key = (workflow.name_key(values["full_name"]), values["date_of_birth"])
            if key in self.names:
                reference = ChildDeath(pk=self.names[key]).reference
                row.bad(
                    "full_name",
                    f"A case for a child with this name and date of birth is already here: case {reference}",
                )
            elif key in self.file_names:
                row.bad("full_name", f"The same name and date of birth are on line {self.file_names[key]}")
            else:
                self.file_names[key] = row.line

    def _conclusions(self, row: Row, died_on: dt.date | None) -> Conclusions | None:
        """The panel's conclusions, when the row has a panel_completed_on date."""
        if not row.has("panel_completed_on"):
            given = [column for column in PANEL_COLUMNS if row.has(column)]
            if given:
                row.bad("panel_completed_on", f"Enter the date the panel concluded: the row has {given[0]}")
            return None
        completed_on = row.read("panel_completed_on", _date)
        if completed_on is not None:
            if completed_on > self.today:
                row.bad("panel_completed_on", "The date the panel concluded must be today or in the past")
            elif died_on and completed_on < died_on:
                row.bad(
                    "panel_completed_on", "The date the panel concluded must be on or after the date of death"
                )
        with_panel = "Enter a value: it is required with panel_completed_on"
        category = row.read("category", _category, required=with_panel)
        modifiable = row.read("modifiable", _modifiable, required=with_panel)
        scores = {}
        for domain, column in DOMAIN_COLUMNS.items():
            score = row.read(column, _score)
            if score is not None:
                scores[domain] = score
        names = _split(row.cells.get("factors"))
        unknown = [name for name in names if name.casefold() not in self.factors]
        if unknown:
            row.bad("factors", f"Not on the panel's factor list: {'; '.join(unknown)}")
        # A factor named twice is recorded once.
        factors = {self.factors[name.casefold()] for name in names if name.casefold() in self.factors}
        review = PanelReview(completed_on=completed_on, category=category or "", modifiable=modifiable or "")
        return Conclusions(
            review, scores, sorted(factors, key=lambda f: f.pk), _split(row.cells.get("learning_points"))
        )


def _rows_as_dicts(rows: Iterable[tuple[int, list]], result: ImportResult) -> Iterator[tuple[int, dict]]:
    """Each data row as header -> cell; a bad header row stops everything, with every problem named."""
    iterator = iter(rows)
    first = next(((line, cells) for line, cells in iterator if any(_text(cell) for cell in cells)), None)
    if first is None:
        result.errors.append(RowError(1, "", "The file is empty: it needs a header row and at least one row"))
        return
    header_line, headers = first[0], [_text(cell).casefold() for cell in first[1]]
    for header in headers:
        if header and header not in HEADERS:
            result.errors.append(
                RowError(header_line, header, "Unknown column: check its name against the template")
            )
    for header in sorted({h for h in headers if h and headers.count(h) > 1}):
        result.errors.append(RowError(header_line, header, "The column is in the file more than once"))
    for header in REQUIRED:
        if header not in headers:
            result.errors.append(RowError(header_line, header, "The column is missing"))
    if result.errors:
        return
    for line, cells in iterator:
        if not any(_text(cell) for cell in cells):
            continue  # spreadsheets keep empty rows at the end
        yield line, {header: cell for header, cell in zip(headers, cells, strict=False) if header}


def import_rows(
    rows: Iterable[tuple[int, list]], *, dry_run: bool = False, today: dt.date | None = None
) -> ImportResult:
    """Check every row; write them all (unless dry_run) only if none has a problem."""
    result = ImportResult(dry_run=dry_run)
    checker = Checker(today or timezone.localdate())
    good: list[Prepared] = []
    for line, cells in _rows_as_dicts(rows, result):
        prepared, errors, skipped = checker.check(line, cells)
        result.errors.extend(errors)
        if skipped:
            result.skipped += 1
        elif prepared is not None:
            good.append(prepared)
    if result.errors:
        return result
    if not dry_run:
        _write(good)
    result.created = len(good)
    return result


def import_file(
    data: bytes, filename: str, *, dry_run: bool = False, today: dt.date | None = None
) -> ImportResult:
    """Import a CSV or XLSX file's bytes; `filename` says which it is."""
    try:
        return import_rows(read_rows(data, filename), dry_run=dry_run, today=today)
    except FileUnreadable as error:
        return ImportResult(errors=[RowError(0, "", str(error))], dry_run=dry_run)


@transaction.atomic
def _write(good: list[Prepared]) -> None:
    for start in range(0, len(good), BATCH):
        batch = good[start : start + BATCH]
        ChildDeath.objects.bulk_create([p.case for p in batch])
        concluded = [(p.case, p.conclusions) for p in batch if p.conclusions is not None]
        for case, conclusions in concluded:
            conclusions.review.case = case
        PanelReview.objects.bulk_create([c.review for _, c in concluded])
        DomainScore.objects.bulk_create(
            DomainScore(review=c.review, domain=domain, contribution=score)
            for _, c in concluded
            for domain, score in c.scores.items()
        )
        through = PanelReview.factors.through
        through.objects.bulk_create(
            through(panelreview_id=c.review.pk, factor_id=factor.pk)
            for _, c in concluded
            for factor in c.factors
        )
        LearningPoint.objects.bulk_create(
            LearningPoint(review=c.review, text=text) for _, c in concluded for text in c.learning
        )
    # bulk_create sends no signals: say the analysis's figures have changed.
    snapshots.changed()
