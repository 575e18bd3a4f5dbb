"""What a composed annual report is made of: plain dataclasses, with no markup, that the HTML, PDF
and JSON outputs all read. Every number in the report is a Figure, so each can be traced."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lscp.core.years import FinancialYear

Value = int | float | str | None


@dataclass(frozen=True)
class Figure:
    """One number in the report, with what it counts and the records behind it.

    `records` are the references or ids of what was counted ("R00012", "meeting 41"); a figure
    whose records are restricted (child deaths) or not exposed by its app keeps `records` empty and
    says why in `records_note`. `previous` is the same figure for the year before, when both years
    have data to compare."""

    key: str
    label: str
    value: Value
    definition: str
    records: tuple[str, ...] = ()
    previous: Value = None
    unit: str = ""  # "%" or "out of 5": how `value` reads
    records_note: str = ""
    # Where listing the records would run to thousands (a year's bookings), the SQL that lists
    # them and its parameters instead.
    query: tuple[str, tuple[str, ...]] | None = None

    @property
    def shown(self) -> str:
        return shown(self.value, self.unit)

    @property
    def previous_shown(self) -> str:
        return shown(self.previous, self.unit) if self.previous is not None else ""


def shown(value: Value, unit: str = "") -> str:
    if value is None:
        return "No data"
    if isinstance(value, float):
        text = f"{value:.1f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        text = str(value)
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


@dataclass(frozen=True)
class FigureTable:
    """Figures shown together; `counted` is the short "How this was counted" note under the table,
    `chart` an optional SVG for which the table is the accessible alternative."""

    id: str
    title: str
    figures: tuple[Figure, ...]
    counted: str
    note: str = ""
    chart: str = ""

    @property
    def has_previous(self) -> bool:
        return any(f.previous is not None for f in self.figures)


@dataclass(frozen=True)
class Section:
    """A section of the report. `kind` names its template (reporting/sections/<kind>.html);
    `body` is the section's own dataclass; `tables` are its figures."""

    id: str
    title: str
    kind: str
    body: Any = None
    tables: tuple[FigureTable, ...] = ()


@dataclass(frozen=True)
class CheckItem:
    """One of the four things Working Together asks of the yearly report."""

    number: int
    title: str
    source: str  # the guidance it comes from, in one line
    met: bool
    reasons: tuple[str, ...]
    found: tuple[str, ...] = ()  # what was computed: the evidence, or the gaps


@dataclass(frozen=True)
class Report:
    year: FinancialYear
    partnership: str
    short_name: str
    exists: bool  # False: the year has no plan and report yet
    signed_off_at: dt.datetime | None
    published_at: dt.datetime | None
    made_at: dt.datetime
    sections: tuple[Section, ...]
    gaps: tuple[str, ...]  # what the report is missing, in words
    checklist: tuple[CheckItem, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        return f"{self.partnership}: annual report {self.year.label}"

    @property
    def figures(self) -> list[Figure]:
        return [figure for section in self.sections for table in section.tables for figure in table.figures]
