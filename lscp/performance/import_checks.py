"""The KPI import's checks, a column at a time.

Each check is one pass over a column in C (a dict lookup mapped over the codes, float() mapped over
the values, NumPy comparisons) that finds the bad rows; only those rows are then visited in Python,
to say what is wrong with each. A good file of a million rows costs a handful of passes; a bad one
is reported in full, every row with its line, column and reason.

Rows are identified by a key: (indicator, area, period) numbered densely and combined into one
integer, so that repeated rows, values already here and a percentage's numerator and denominator
are all found by sorting and searching NumPy arrays.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from typing import NamedTuple

import numpy as np
from django.db import connection

from lscp.core.imports import RowError
from lscp.performance.models import Area, Indicator, Observation
from lscp.performance.periods import Period, PeriodError, check_reportable, parse
from lscp.performance.tables import Table
from lscp.performance.vocabulary import (
    DECIMAL_PLACES,
    LIMIT,
    UNIT_RULES,
    IndicatorKind,
    Unit,
    plain,
    value_problem,
)

UNITS = list(Unit)
COLUMN_ORDER = {"indicator": 0, "area": 1, "period": 2, "value": 3, "supplied_by": 4, "note": 5}
SUPPLIED_BY_LENGTH = Observation._meta.get_field("supplied_by").max_length or 150


class IndicatorFacts(NamedTuple):
    pk: int
    code: str
    name: str
    frequency: str
    unit: str
    kind: str


class AreaFacts(NamedTuple):
    pk: int
    code: str
    name: str


@dataclass
class Lookups:
    """Every indicator and area, and which indicators are a percentage's numerator and denominator.
    A row's indicator and area are named by their position in these lists."""

    indicators: list[IndicatorFacts]
    areas: list[AreaFacts]
    percentages: list[tuple[int, int, str]]  # (numerator's position, denominator's, the percentage's name)

    @classmethod
    def load(cls) -> "Lookups":
        indicators = [
            IndicatorFacts(*row)
            for row in Indicator.objects.order_by("pk").values_list(
                "pk", "code", "name", "frequency", "unit", "kind"
            )
        ]
        areas = [AreaFacts(*row) for row in Area.objects.order_by("pk").values_list("pk", "code", "name")]
        position = {facts.pk: n for n, facts in enumerate(indicators)}
        percentages = [
            (position[numerator], position[denominator], name)
            for numerator, denominator, name in Indicator.objects.filter(
                kind=IndicatorKind.DERIVED, unit=Unit.PERCENTAGE
            ).values_list("numerator_id", "denominator_id", "name")
        ]
        return cls(indicators, areas, percentages)


class Problems:
    """Every problem found, and which rows have one."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.errors: list[RowError] = []
        self.bad = np.zeros(len(table), dtype=bool)

    def add(self, row: int, column: str, reason: str) -> None:
        self.errors.append(RowError(self.table.line(row), column, reason))
        self.bad[row] = True

    def sorted(self) -> list[RowError]:
        return sorted(self.errors, key=lambda e: (e.line, COLUMN_ORDER.get(e.column, -1), e.reason))


@dataclass
class Existing:
    """The values already here for rows of the file: each one's file row, observation id and value."""

    rows: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    pks: list[int] = field(default_factory=list)
    values: list[Decimal] = field(default_factory=list)


@dataclass
class CheckedRows:
    """A file whose every row is good, ready to write."""

    keys: np.ndarray
    order: np.ndarray  # the rows in key order
    values: np.ndarray  # floats, rounded to DECIMAL_PLACES
    indicator_ids: np.ndarray
    area_ids: np.ndarray
    period_values: np.ndarray  # each row's period start, as the database takes a date
    existing: Existing


@dataclass
class Keys:
    """Each row's (indicator, area, period) as one integer; rows without one get a unique negative."""

    values: np.ndarray
    order: np.ndarray
    areas: int
    periods: int
    ordered: np.ndarray = field(init=False)  # the keys, sorted

    def __post_init__(self) -> None:
        self.ordered = self.values[self.order]

    @property
    def block(self) -> int:
        """Keys per indicator: key % block is the (area, period) part."""
        return self.areas * self.periods


def check(table: Table, lookups: Lookups, today: dt.date) -> tuple[CheckedRows | None, list[RowError]]:
    """(the rows ready to write, or None; every problem, in line order)."""
    problems = Problems(table)
    indicator = _positions(table.column("indicator") or [], lookups.indicators, "indicator", problems)
    _no_derived(indicator, lookups, problems)
    area = _positions(table.column("area") or [], lookups.areas, "area", problems)
    period, periods = _periods(table.column("period") or [], indicator, lookups, today, problems)
    values = _values(table.column("value") or [], indicator, lookups, problems)
    _text_lengths(table, problems)
    for row in table.overlong:
        problems.add(row, "", "The row has more cells than there are columns: is there an unquoted comma?")
    keys = _keys(indicator, area, period, len(lookups.areas), len(periods), problems)
    existing_keys, existing = _existing(keys, lookups, periods)
    _percentages(keys, values, existing_keys, existing, lookups, periods, problems)
    if problems.errors:
        return None, problems.sorted()
    ids = np.array([facts.pk for facts in lookups.indicators], dtype=np.int64)
    area_ids = np.array([facts.pk for facts in lookups.areas], dtype=np.int64)
    starts = np.array([connection.ops.adapt_datefield_value(p.start) for p in periods], dtype=object)
    matched = _matched(keys, existing_keys, existing)
    return CheckedRows(
        keys.values, keys.order, values, ids[indicator], area_ids[area], starts[period], matched
    ), []


# --- codes ------------------------------------------------------------------------------------


def _positions(texts, facts, what: str, problems: Problems) -> np.ndarray:
    """Each row's position in `facts` by its code (exact, then in any case and spacing); -1 if none."""
    exact = {item.code: n for n, item in enumerate(facts)}
    found = np.fromiter(map(exact.get, texts, repeat(-1)), dtype=np.int64, count=len(texts))
    missing = np.flatnonzero(found < 0).tolist()
    if missing:
        folded = {item.code.casefold(): n for n, item in enumerate(facts)}
        for row in missing:
            text = texts[row].strip()
            position = folded.get(text.casefold())
            if position is None:
                reason = f"Enter the {what}'s code" if not text else f"No {what} has the code {text}"
                problems.add(row, what, reason)
            else:
                found[row] = position
    return found


def _no_derived(indicator: np.ndarray, lookups: Lookups, problems: Problems) -> None:
    derived = np.array([facts.kind == IndicatorKind.DERIVED for facts in lookups.indicators] + [False])
    for row in np.flatnonzero(derived[indicator]).tolist():
        name = lookups.indicators[indicator[row]].name
        problems.add(
            row, "indicator", f"{name} is worked out from its numerator and denominator: import their values"
        )


def _text_lengths(table: Table, problems: Problems) -> None:
    column = table.column("supplied_by")
    if column and max(map(len, column)) > SUPPLIED_BY_LENGTH:
        for row, text in enumerate(column):
            if len(text.strip()) > SUPPLIED_BY_LENGTH:
                problems.add(row, "supplied_by", f"Must be {SUPPLIED_BY_LENGTH} characters or fewer")


# --- periods ----------------------------------------------------------------------------------


def _periods(texts, indicator: np.ndarray, lookups: Lookups, today: dt.date, problems: Problems):
    """(each row's index into the distinct periods, or -1; the distinct periods).

    A period is read as its indicator's frequency says ("2011-12" is December 2011 for a monthly
    indicator, 2011-12 for a yearly one); a row whose indicator is unknown is not read further.
    Each distinct text is read once, however many rows repeat it.
    """
    distinct: list[Period] = []
    index: dict[Period, int] = {}
    reasons: dict[tuple[str, str], str] = {}

    def read(text: str, frequency: str) -> int:
        try:
            period = parse(text, frequency)
            check_reportable(period, today)
        except PeriodError as error:
            reasons[text, frequency] = str(error)
            return -1
        if period not in index:
            index[period] = len(distinct)
            distinct.append(period)
        return index[period]

    frequency_of = [facts.frequency for facts in lookups.indicators] + [""]  # "": an unknown indicator
    present = np.flatnonzero(np.bincount(indicator + 1, minlength=1)) - 1
    frequencies = {frequency_of[position] for position in present.tolist()} - {""}
    if len(frequencies) == 1:  # the usual file: every text read one way, once
        (frequency,) = frequencies
        by_text = {text: read(text, frequency) for text in set(texts)}
        result = np.fromiter(map(by_text.__getitem__, texts), dtype=np.int64, count=len(texts))
    else:
        pairs = list(zip(texts, np.array(frequency_of, dtype=object)[indicator].tolist(), strict=True))
        by_pair = {pair: read(*pair) if pair[1] else -1 for pair in set(pairs)}
        result = np.fromiter(map(by_pair.__getitem__, pairs), dtype=np.int64, count=len(texts))
    for row in np.flatnonzero((result < 0) & (indicator >= 0)).tolist():
        problems.add(row, "period", reasons[texts[row], frequency_of[indicator[row]]])
    return result, distinct


# --- values -----------------------------------------------------------------------------------


def _values(texts, indicator: np.ndarray, lookups: Lookups, problems: Problems) -> np.ndarray:
    """Each row's value as a float rounded to DECIMAL_PLACES; NaN where it is not a number."""
    try:
        numbers = np.fromiter(map(float, texts), dtype=np.float64, count=len(texts))
        explained = np.zeros(len(texts), dtype=bool)
    except ValueError:
        numbers, explained = _numbers_one_by_one(texts, problems)
    for row in np.flatnonzero(~np.isfinite(numbers) & ~explained).tolist():
        problems.add(row, "value", f"{texts[row].strip()} is not a number")  # "nan", "inf"
    numbers = np.round(numbers, DECIMAL_PLACES)
    unit_of = np.array([UNITS.index(Unit(facts.unit)) for facts in lookups.indicators] + [-1])
    units = unit_of[indicator]
    with np.errstate(invalid="ignore"):
        for n, unit in enumerate(UNITS):
            rule = UNIT_RULES[unit]
            wrong = np.abs(numbers) >= LIMIT
            if rule.minimum is not None:
                wrong |= numbers < rule.minimum
            if rule.maximum is not None:
                wrong |= numbers > rule.maximum
            if rule.whole:
                wrong |= numbers != np.floor(numbers)
            for row in np.flatnonzero(wrong & (units == n) & np.isfinite(numbers)).tolist():
                problems.add(row, "value", value_problem(unit, float(numbers[row])))
    return numbers


def _numbers_one_by_one(texts, problems: Problems) -> tuple[np.ndarray, np.ndarray]:
    """The values, NaN for each that is not a number (and the reason noted); which were explained."""
    numbers = np.empty(len(texts), dtype=np.float64)
    explained = np.zeros(len(texts), dtype=bool)
    for row, text in enumerate(texts):
        try:
            numbers[row] = float(text)
        except ValueError:
            numbers[row] = np.nan
            explained[row] = True
            problems.add(row, "value", _not_a_number(text.strip()))
    return numbers, explained


def _not_a_number(text: str) -> str:
    if not text:
        return "Enter a value"
    if "%" in text:
        return "Enter the number without the % sign"
    if "," in text:
        return "Enter the number without commas (1234.5, not 1,234.5)"
    return f"{text} is not a number"


# --- keys: repeated rows, values already here --------------------------------------------------


def _keys(indicator, area, period, areas: int, periods: int, problems: Problems) -> Keys:
    """Each row's key, and the rows in key order; a key found twice is a repeated row."""
    count = len(indicator)
    has_key = (indicator >= 0) & (area >= 0) & (period >= 0)
    keys = (indicator * areas + area) * max(periods, 1) + period
    keys = np.where(has_key, keys, -1 - np.arange(count))
    if count < 2 or bool(np.all(keys[1:] > keys[:-1])):
        return Keys(keys, np.arange(count), areas, max(periods, 1))  # in key order already, none repeated
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    repeat = np.concatenate([[False], ordered[1:] == ordered[:-1]])
    if repeat.any():
        # The first row of each run of equal keys: where a run starts, carried forward.
        first = np.maximum.accumulate(np.where(repeat, 0, np.arange(count)))
        for position in np.flatnonzero(repeat).tolist():
            row, original = int(order[position]), int(order[first[position]])
            line = problems.table.line(original)
            problems.add(row, "", f"The same indicator, area and period are on line {line}")
    return Keys(keys, order, areas, max(periods, 1))


def _existing(keys: Keys, lookups: Lookups, periods: list[Period]) -> tuple[np.ndarray, Existing]:
    """(the keys of values already here for the file's indicators, areas and periods, and those
    of each percentage's other part; their ids and values)."""
    existing = Existing()
    present = np.unique(keys.values[keys.values >= 0] // keys.block).tolist()
    if not present or not periods:
        return np.empty(0, dtype=np.int64), existing
    wanted = set(present)
    for numerator, denominator, _name in lookups.percentages:
        if numerator in wanted or denominator in wanted:
            wanted |= {numerator, denominator}
    position = {lookups.indicators[n].pk: n for n in wanted}
    area_position = {facts.pk: n for n, facts in enumerate(lookups.areas)}
    period_index = {(p.start, str(p.frequency)): n for n, p in enumerate(periods)}
    frequency = {n: lookups.indicators[n].frequency for n in wanted}
    rows = Observation.objects.filter(
        indicator_id__in=list(position),
        period_start__gte=min(p.start for p in periods),
        period_start__lte=max(p.start for p in periods),
    ).values_list("indicator_id", "area_id", "period_start", "value", "pk")
    found = []
    for indicator_id, area_id, start, value, pk in rows.iterator(chunk_size=10_000):
        n = position[indicator_id]
        index = period_index.get((start, frequency[n]))
        if index is not None:
            found.append(n * keys.block + area_position[area_id] * keys.periods + index)
            existing.pks.append(pk)
            existing.values.append(value)
    return np.array(found, dtype=np.int64), existing


def _matched(keys: Keys, existing_keys: np.ndarray, existing: Existing) -> Existing:
    """The values already here that rows of the file are for, each with its row."""
    if not len(existing_keys):
        return existing
    at = np.minimum(np.searchsorted(keys.ordered, existing_keys), len(keys.ordered) - 1)
    hit = keys.ordered[at] == existing_keys
    hits = np.flatnonzero(hit).tolist()
    return Existing(
        rows=keys.order[at[hit]],
        pks=[existing.pks[n] for n in hits],
        values=[existing.values[n] for n in hits],
    )


# --- a percentage's numerator and denominator ---------------------------------------------------


def _percentages(keys: Keys, values, existing_keys, existing: Existing, lookups, periods, problems):
    """A percentage's numerator can be no more than its denominator, for any area and period:
    checked once the whole file is read, between rows of the file and values already here (a value
    in the file replaces the one here)."""
    if not lookups.percentages or not len(values):
        return
    existing_values = np.array([float(value) for value in existing.values], dtype=np.float64)
    for numerator, denominator, name in lookups.percentages:
        top = _effective(numerator, keys, values, existing_keys, existing_values)
        bottom = _effective(denominator, keys, values, existing_keys, existing_values)
        if not ((top.rows >= 0).any() or (bottom.rows >= 0).any()):
            continue  # the file has neither part
        _, i, j = np.intersect1d(top.keys, bottom.keys, assume_unique=True, return_indices=True)
        with np.errstate(invalid="ignore"):
            over = np.flatnonzero(top.values[i] > bottom.values[j]).tolist()
        for k in over:
            a, b = i[k], j[k]
            row = top.rows[a] if top.rows[a] >= 0 else bottom.rows[b]
            if row < 0:
                continue  # both already here: not this file's doing
            small = int(top.keys[a])
            area = lookups.areas[small // keys.periods].name
            period = periods[small % keys.periods].label
            top_value = _shown(top.values[a]) + _where(top.rows[a], row, problems)
            bottom_value = _shown(bottom.values[b]) + _where(bottom.rows[b], row, problems)
            problems.add(
                int(row),
                "value",
                f"{lookups.indicators[numerator].code} ({top_value}) is more than "
                f"{lookups.indicators[denominator].code} ({bottom_value}) for {area}, {period}: "
                f"{name} is a percentage, so its numerator cannot be more than its denominator",
            )


class Part(NamedTuple):
    keys: np.ndarray  # (area, period) part of the key, unique
    values: np.ndarray
    rows: np.ndarray  # the file's row, or -1 for a value already here


def _effective(position: int, keys: Keys, values, existing_keys, existing_values) -> Part:
    """An indicator's values by (area, period) as they will be after the import."""
    first, last = np.searchsorted(keys.ordered, [position * keys.block, (position + 1) * keys.block])
    in_file = keys.order[first:last]  # the indicator's rows: its keys are one block, in order
    here = np.flatnonzero(existing_keys // keys.block == position)
    every = np.concatenate([keys.values[in_file], existing_keys[here]]) % keys.block
    every_values = np.concatenate([values[in_file], existing_values[here]])
    every_rows = np.concatenate([in_file, np.full(len(here), -1)])
    unique, first_seen = np.unique(
        every, return_index=True
    )  # the file's row first: it replaces the value here
    return Part(unique, every_values[first_seen], every_rows[first_seen])


def _shown(value: float) -> str:
    return plain(float(value))


def _where(row: int, reported_on: int, problems: Problems) -> str:
    if row < 0:
        return ", already here"
    return "" if row == reported_on else f", line {problems.table.line(int(row))}"
