"""The one working-day calendar (England and Wales) used for every statutory deadline.

Rule source: Working Together to Safeguard Children 2023 sets its timescales in working days
(e.g. serious incident notification within 5 working days, rapid review within 15 working days).

A working day is Monday to Friday, excluding bank holidays in England and Wales, including
substitute days and one-off days (Platinum Jubilee, State Funeral, Coronation) as known to the
``holidays`` package. Wales shares England's bank holidays, so one calendar serves both.

Convention: "n working days after ``start``" does not count ``start`` itself, so the deadline is
the n-th working day strictly after it, whatever kind of day ``start`` is. Example: a local
authority aware on Thu 2 Jun 2022 (Spring bank holiday) has its first working day on Mon 6 Jun
2022, because Fri 3 Jun 2022 was the Platinum Jubilee bank holiday.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=128)
def bank_holidays(year: int) -> frozenset[date]:
    """Weekday bank holidays in England and Wales for ``year`` (the days off, as gov.uk lists them).

    Cached per year because building a ``holidays`` object is slow and this sits on hot paths.
    Christmas Day falling on a Saturday is left out; its Monday substitute day is in.
    """
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(d for d in calendar if d.year == year and d.weekday() < 5)


def is_working_day(d: date) -> bool:
    """True if ``d`` is a Monday to Friday that is not a bank holiday in England and Wales."""
    return d.weekday() < 5 and d not in bank_holidays(d.year)


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (``start`` itself is never counted).

    The result is always a working day when ``n != 0``; ``n == 0`` returns ``start`` unchanged even
    if it is not a working day. Negative ``n`` goes backwards symmetrically: the ``|n|``-th working
    day strictly before ``start``.
    """
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    d = start
    for _ in range(abs(n)):
        d += step
        while not is_working_day(d):
            d += step
    return d


def _weekdays_through(ordinal: int) -> int:
    """Number of Mondays to Fridays among ordinals 1..ordinal (ordinal 1, 0001-01-01, is a Monday)."""
    weeks, extra = divmod(ordinal, 7)
    return weeks * 5 + min(extra, 5)


def working_days_between(a: date, b: date) -> int:
    """Number of working days ``d`` with ``a < d <= b``; negative (mirrored) when ``b < a``.

    This is the inverse of ``add_working_days``: ``working_days_between(a, add_working_days(a, n))
    == n`` for ``n >= 0``, and it is additive, so elapsed working days can be split at any date.
    Uses whole-week arithmetic plus a per-year holiday count, so long spans cost O(years).
    """
    if b < a:
        return -working_days_between(b, a)
    weekdays = _weekdays_through(b.toordinal()) - _weekdays_through(a.toordinal())
    holidays_in_range = sum(
        1 for year in range(a.year, b.year + 1) for h in bank_holidays(year) if a < h <= b
    )
    return weekdays - holidays_in_range
