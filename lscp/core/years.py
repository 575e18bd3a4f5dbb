"""Financial years (1 April to 31 March), the unit the partnership plans and reports in.

A year is named by its label, "2021-22", in URLs, on the command line and on every page.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

LABEL = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class FinancialYear:
    first: int  # the calendar year it starts in: 2021 for 2021-22

    @classmethod
    def of(cls, day: dt.date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> "FinancialYear | None":
        """ "2021-22" -> FinancialYear(2021); anything else (including "2021-23") -> None."""
        match = LABEL.match(text.strip())
        if match is None:
            return None
        first, second = int(match[1]), int(match[2])
        return cls(first) if (first + 1) % 100 == second else None

    @property
    def label(self) -> str:
        return f"{self.first}-{(self.first + 1) % 100:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first + 1, 3, 31)

    @property
    def previous(self) -> "FinancialYear":
        return FinancialYear(self.first - 1)

    @property
    def next(self) -> "FinancialYear":
        return FinancialYear(self.first + 1)

    def __str__(self) -> str:
        return self.label


class FinancialYearConverter:
    """URL converter: <fy:year> matches "2021-22" and hands the view a FinancialYear."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> FinancialYear:
        year = FinancialYear.parse(value)
        if year is None:
            raise ValueError(f"{value} is not a financial year")
        return year

    def to_url(self, value: "FinancialYear | str") -> str:
        return value.label if isinstance(value, FinancialYear) else str(value)


def day_starts(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day`, local time (Europe/London), as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def local_days(start: dt.date, end: dt.date) -> dict[str, dt.datetime]:
    """Lookups for a timestamp falling on a local date from `start` to `end` inclusive, as
    {"gte": ..., "lt": ...}: the same records as `__date__gte`/`__date__lte`, but compared as
    timestamps, so the database can use an index instead of converting every row's time zone."""
    return {"gte": day_starts(start), "lt": day_starts(end + dt.timedelta(days=1))}


def within(field: str, start: dt.date, end: dt.date) -> dict[str, dt.datetime]:
    """{f"{field}__gte": ..., f"{field}__lt": ...} for a queryset filter: see local_days."""
    return {f"{field}__{lookup}": value for lookup, value in local_days(start, end).items()}
