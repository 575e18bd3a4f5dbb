"""Reporting periods: calendar months, calendar quarters and financial years (April to March).

A period is stored as the date it starts, read with its indicator's frequency: dates sort and
compare in SQL, so "the last 36 months" or "everything before the rebase" is a plain date filter.

Written the way people write them, and read back the same way:

    month             2021-06    June 2021
    quarter           2021-Q2    April to June 2021     (calendar quarters: Q1 is January to March)
    financial year    2021-22    2021-22                (1 April 2021 to 31 March 2022)

"2011-12" is both December 2011 and the financial year 2011-12: the indicator's frequency decides,
and without one the text is refused as ambiguous rather than guessed.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.db import models


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    YEARLY = "yearly", "Yearly (financial year)"


MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# "june", "jun" and "sept" -> 6, 6 and 9.
MONTH_NUMBERS = {name.lower(): n for n, full in enumerate(MONTH_NAMES, start=1) for name in (full, full[:3])}
MONTH_NUMBERS["sept"] = 9
FINANCIAL_YEAR_STARTS = 4  # April
FIRST_YEAR, LAST_YEAR = 1900, 2200  # keeps next() and end well inside the date range
KIND = {Frequency.MONTHLY: "a month", Frequency.QUARTERLY: "a quarter", Frequency.YEARLY: "a financial year"}
EXAMPLE = {Frequency.MONTHLY: "2021-06", Frequency.QUARTERLY: "2021-Q2", Frequency.YEARLY: "2021-22"}
HOW_TO_WRITE = "Enter the period as a month (2021-06), a quarter (2021-Q2) or a financial year (2021-22)"


class PeriodError(ValueError):
    """A period that cannot be read, or cannot be reported; the message says what to enter."""


class AmbiguousPeriod(PeriodError):
    """Text that names periods of more than one frequency ("2011-12")."""


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    frequency: Frequency

    def __post_init__(self) -> None:
        object.__setattr__(self, "frequency", Frequency(self.frequency))  # "monthly" -> Frequency.MONTHLY
        if not is_start(self.frequency, self.start):
            raise PeriodError(f"{self.start} is not the first day of {KIND[Frequency(self.frequency)]}")

    @classmethod
    def containing(cls, frequency: str, day: dt.date) -> "Period":
        """The period of this frequency that `day` falls in."""
        frequency = Frequency(frequency)
        index = _month_index(day) - _offset(frequency)
        index -= index % MONTHS[frequency]
        return cls(_month_start(index + _offset(frequency)), frequency)

    @property
    def month_index(self) -> int:
        """Months since January of year 0: a whole number that sorts as the periods do."""
        return _month_index(self.start)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

    def shifted(self, periods: int) -> "Period":
        return Period(_month_start(self.month_index + periods * MONTHS[self.frequency]), self.frequency)

    def next(self) -> "Period":
        return self.shifted(1)

    def previous(self) -> "Period":
        return self.shifted(-1)

    def is_future(self, today: dt.date) -> bool:
        return self.start > today

    def has_ended(self, today: dt.date) -> bool:
        return self.end < today

    @property
    def code(self) -> str:
        """How a file writes it: 2021-06, 2021-Q2, 2021-22."""
        year, month = self.start.year, self.start.month
        if self.frequency == Frequency.MONTHLY:
            return f"{year}-{month:02d}"
        if self.frequency == Frequency.QUARTERLY:
            return f"{year}-Q{(month + 2) // 3}"
        return f"{year}-{(year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        """How people say it: June 2021, April to June 2021, 2021-22."""
        year, month = self.start.year, self.start.month
        if self.frequency == Frequency.MONTHLY:
            return f"{MONTH_NAMES[month - 1]} {year}"
        if self.frequency == Frequency.QUARTERLY:
            return f"{MONTH_NAMES[month - 1]} to {MONTH_NAMES[month + 1]} {year}"
        return self.code

    def __str__(self) -> str:
        return self.label


def is_start(frequency: str, day: dt.date) -> bool:
    """Whether a period of this frequency starts on `day`."""
    frequency = Frequency(frequency)
    return day.day == 1 and (_month_index(day) - _offset(frequency)) % MONTHS[frequency] == 0


def between(first: Period, last: Period) -> list[Period]:
    """Every period from first to last, both included."""
    count = (last.month_index - first.month_index) // MONTHS[first.frequency]
    return [first.shifted(n) for n in range(count + 1)]


def check_reportable(period: Period, today: dt.date) -> None:
    """A value can be reported only for a period that is over: not one to come, nor one still running."""
    if period.is_future(today):
        raise PeriodError(f"{period.label} is in the future")
    if not period.has_ended(today):
        raise PeriodError(f"{period.label} has not ended yet: enter its value once it has")


# --- reading ------------------------------------------------------------------------------------

MONTH_CODE = re.compile(r"(\d{4})-(\d{1,2})")
MONTH_NAME = re.compile(r"([a-z]+)\.?,? (\d{4})")
QUARTER_CODE = re.compile(r"(\d{4}) ?-? ?q([1-4])|q([1-4]) ?-? ?(\d{4})")
QUARTER_NAME = re.compile(r"([a-z]+) to ([a-z]+),? (\d{4})")
YEAR_CODE = re.compile(r"(?:fy ?)?(\d{4}) ?[-/] ?(\d{2}|\d{4})")
START_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ t]00:00(?::00)?)?")


def parse(text: str, frequency: str | None = None) -> Period:
    """The period `text` names, read as a period of `frequency` when one is given.

    Raises PeriodError, with what to enter instead, for text that names no period, a period of
    another frequency, or (without a frequency) periods of more than one.
    """
    wanted = Frequency(frequency) if frequency else None
    cleaned = " ".join(str(text).split()).lower()
    candidates = _candidates(cleaned)
    if wanted is not None:
        for candidate in candidates:
            if candidate.frequency == wanted:
                return candidate
        if candidates:
            found = KIND[candidates[0].frequency]
            raise PeriodError(
                f"{text} is {found}, but this indicator is {wanted.label.lower()}: enter {KIND[wanted]}, "
                f"like {EXAMPLE[wanted]}"
            )
        raise PeriodError(f"Enter the period as {KIND[wanted]}, like {EXAMPLE[wanted]}")
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        readings = " or ".join(f"{KIND[c.frequency]} ({c.label})" for c in candidates)
        raise AmbiguousPeriod(f"{text} could be {readings}: the indicator's frequency decides")
    raise PeriodError(HOW_TO_WRITE)


def _candidates(text: str) -> list[Period]:
    """Every period the text can name, at most one of each frequency."""
    found: list[Period] = []
    if match := MONTH_CODE.fullmatch(text):
        _add(found, Frequency.MONTHLY, int(match[1]), int(match[2]))
    if (match := MONTH_NAME.fullmatch(text)) and match[1] in MONTH_NUMBERS:
        _add(found, Frequency.MONTHLY, int(match[2]), MONTH_NUMBERS[match[1]])
    if match := QUARTER_CODE.fullmatch(text):
        year, quarter = (match[1], match[2]) if match[1] else (match[4], match[3])
        _add(found, Frequency.QUARTERLY, int(year), 3 * int(quarter) - 2)
    if (match := QUARTER_NAME.fullmatch(text)) and match[1] in MONTH_NUMBERS and match[2] in MONTH_NUMBERS:
        first, last = MONTH_NUMBERS[match[1]], MONTH_NUMBERS[match[2]]
        if last == first + 2 and first % 3 == 1:
            _add(found, Frequency.QUARTERLY, int(match[3]), first)
    if match := YEAR_CODE.fullmatch(text):
        first, second = int(match[1]), match[2]
        if second == f"{(first + 1) % 100:02d}" or second == str(first + 1):
            _add(found, Frequency.YEARLY, first, FINANCIAL_YEAR_STARTS)
    if match := START_DATE.fullmatch(text):
        # A spreadsheet turns "2021-06" into the date 1 June 2021: the first day of any period names it.
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            day = None
        for frequency in Frequency:
            if day and FIRST_YEAR <= day.year <= LAST_YEAR and is_start(frequency, day):
                found.append(Period(day, frequency))
    return found


def _add(found: list[Period], frequency: Frequency, year: int, month: int) -> None:
    if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
        found.append(Period(dt.date(year, month, 1), frequency))


# --- month arithmetic ---------------------------------------------------------------------------


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _offset(frequency: Frequency) -> int:
    """Where the frequency's periods begin within the year, in months from January."""
    return FINANCIAL_YEAR_STARTS - 1 if frequency == Frequency.YEARLY else 0
