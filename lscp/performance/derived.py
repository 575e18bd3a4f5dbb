"""An indicator's values in each area, period by period: as supplied for a reported indicator, and
worked out for a derived one (numerator / denominator x factor), so that a rate per 10,000 children
or a percentage is computed the same way for every area and compares fairly.

A period where a derived value cannot be worked out (no denominator, a denominator of 0, or a
percentage's numerator larger than its denominator) is left out of the series with the reason,
never filled with a guess: the report says "not enough data" rather than a wrong figure.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from lscp.performance.models import Indicator, Observation
from lscp.performance.periods import Frequency, Period
from lscp.performance.vocabulary import DECIMAL_PLACES, plain

QUANTUM = Decimal(1).scaleb(-DECIMAL_PLACES)


class DerivedValueError(ValueError):
    """Why a derived value cannot be worked out for a period."""


def derive(numerator: Decimal, denominator: Decimal, factor: int, *, percentage: bool) -> Decimal:
    """numerator / denominator x factor, to four decimal places (half up, as people round)."""
    if denominator <= 0:
        raise DerivedValueError(f"the denominator is {plain(denominator)}: nothing can be divided by it")
    if percentage and numerator > denominator:
        raise DerivedValueError(
            f"the numerator ({plain(numerator)}) is more than the denominator ({plain(denominator)}), "
            "which a percentage cannot be"
        )
    return (numerator * factor / denominator).quantize(QUANTUM, rounding=ROUND_HALF_UP)


@dataclass
class Series:
    """One indicator's values for one area, oldest first, and the periods left out and why."""

    indicator_id: int
    area_id: int
    periods: list[dt.date] = field(default_factory=list)
    values: list[Decimal] = field(default_factory=list)
    left_out: list[tuple[dt.date, str]] = field(default_factory=list)

    def add(self, start: dt.date, value: Decimal) -> None:
        self.periods.append(start)
        self.values.append(value)


# {(indicator id, area id): {period start: value}}
Supplied = dict[tuple[int, int], dict[dt.date, Decimal]]


def series_for(
    indicators: Iterable[Indicator],
    area_ids: Iterable[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[int, dict[int, Series]]:
    """{indicator id: {area id: Series}} for every indicator given, in one query.

    `start` and `end` (period start dates, both included) limit the periods read.
    """
    indicators = list(indicators)
    supplied = _supplied(indicators, area_ids, start, end)
    return {indicator.pk: _series(indicator, supplied) for indicator in indicators}


def series(indicator: Indicator, area_id: int, **limits) -> Series:
    """One indicator's series for one area."""
    return series_for([indicator], [area_id], **limits)[indicator.pk].get(area_id) or Series(
        indicator.pk, area_id
    )


def _supplied(indicators: list[Indicator], area_ids, start, end) -> Supplied:
    """The observations every indicator needs (a derived one's numerator's and denominator's)."""
    needed: set[int] = set()
    for indicator in indicators:
        parts = _parts(indicator) if indicator.is_derived else (indicator.pk,)
        needed.update(part for part in parts if part is not None)
    rows = Observation.objects.filter(indicator_id__in=needed)
    if area_ids is not None:
        rows = rows.filter(area_id__in=list(area_ids))
    if start is not None:
        rows = rows.filter(period_start__gte=start)
    if end is not None:
        rows = rows.filter(period_start__lte=end)
    supplied: Supplied = defaultdict(dict)
    for indicator_id, area_id, period_start, value in rows.order_by("period_start").values_list(
        "indicator_id", "area_id", "period_start", "value"
    ):
        supplied[indicator_id, area_id][period_start] = value
    return supplied


def _series(indicator: Indicator, supplied: Supplied) -> dict[int, Series]:
    if not indicator.is_derived:
        return {
            area_id: _reported(indicator.pk, area_id, values)
            for (indicator_id, area_id), values in supplied.items()
            if indicator_id == indicator.pk
        }
    areas = {area_id for (indicator_id, area_id) in supplied if indicator_id in _parts(indicator)}
    return {area_id: _derived(indicator, area_id, supplied) for area_id in sorted(areas)}


def _parts(indicator: Indicator) -> tuple[int | None, int | None]:
    return indicator.numerator_id, indicator.denominator_id


def _reported(indicator_id: int, area_id: int, values: dict[dt.date, Decimal]) -> Series:
    result = Series(indicator_id, area_id)
    for start, value in values.items():
        result.add(start, value)
    return result


def _derived(indicator: Indicator, area_id: int, supplied: Supplied) -> Series:
    numerator_id, denominator_id = _parts(indicator)
    assert numerator_id is not None and denominator_id is not None and indicator.factor is not None
    numerators = supplied.get((numerator_id, area_id), {})
    denominators = supplied.get((denominator_id, area_id), {})
    result = Series(indicator.pk, area_id)
    frequency = Frequency(indicator.frequency)
    for start in sorted(numerators.keys() | denominators.keys()):
        label = Period(start, frequency).label
        if start not in denominators:
            result.left_out.append((start, f"{label}: there is a numerator but no denominator"))
        elif start not in numerators:
            result.left_out.append((start, f"{label}: there is a denominator but no numerator"))
        else:
            try:
                value = derive(
                    numerators[start],
                    denominators[start],
                    indicator.factor,
                    percentage=indicator.is_percentage,
                )
            except DerivedValueError as problem:
                result.left_out.append((start, f"{label}: {problem}"))
            else:
                result.add(start, value)
    return result
