"""The England and Wales working-day calendar behind every statutory deadline (no database needed)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lscp.core.calendar import add_working_days, bank_holidays, is_working_day, working_days_between

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))
counts = st.integers(min_value=0, max_value=400)


# --- known cases -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "d",
    [
        date(2021, 12, 27),  # Christmas Day (Sat 25 Dec) substitute
        date(2021, 12, 28),  # Boxing Day (Sun 26 Dec) substitute
        date(2022, 1, 3),  # New Year's Day (Sat 1 Jan) substitute
        date(2022, 4, 15),  # Good Friday
        date(2022, 4, 18),  # Easter Monday
        date(2022, 6, 2),  # Spring bank holiday, moved for the Platinum Jubilee
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 9, 19),  # State Funeral of Queen Elizabeth II
        date(2023, 5, 8),  # Coronation of King Charles III
    ],
)
def test_weekday_bank_holidays_are_not_working_days(d: date) -> None:
    assert d.weekday() < 5
    assert d in bank_holidays(d.year)
    assert not is_working_day(d)


@pytest.mark.parametrize("d", [date(2022, 6, 4), date(2022, 6, 5), date(2021, 12, 25), date(2021, 12, 26)])
def test_weekends_are_not_working_days(d: date) -> None:
    assert d.weekday() >= 5
    assert not is_working_day(d)


@pytest.mark.parametrize(
    "d", [date(2021, 12, 24), date(2021, 12, 29), date(2022, 1, 4), date(2022, 6, 1), date(2022, 6, 6)]
)
def test_ordinary_weekdays_are_working_days(d: date) -> None:
    assert is_working_day(d)


def test_bank_holidays_lists_only_the_weekday_days_off() -> None:
    assert bank_holidays(2021) == {
        date(2021, 1, 1),
        date(2021, 4, 2),
        date(2021, 4, 5),
        date(2021, 5, 3),
        date(2021, 5, 31),
        date(2021, 8, 30),
        date(2021, 12, 27),
        date(2021, 12, 28),
    }
    assert date(2021, 12, 25) not in bank_holidays(2021)  # a Saturday: the substitute day is the day off
    assert bank_holidays(2022) is bank_holidays(2022)  # cached per year


def test_platinum_jubilee() -> None:
    # Thu 2 and Fri 3 Jun 2022 were both bank holidays, so the next working day is Mon 6 Jun.
    assert add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)
    assert add_working_days(date(2022, 6, 2), 1) == date(2022, 6, 6)
    assert add_working_days(date(2022, 6, 6), -1) == date(2022, 6, 1)
    assert working_days_between(date(2022, 6, 1), date(2022, 6, 6)) == 1


def test_easter_2022() -> None:
    # Thu 14 Apr -> (Good Fri 15, weekend, Easter Mon 18) -> Tue 19 Apr.
    assert add_working_days(date(2022, 4, 14), 1) == date(2022, 4, 19)
    assert working_days_between(date(2022, 4, 14), date(2022, 4, 19)) == 1


def test_one_off_days_2022_and_2023() -> None:
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)  # Fri -> skips State Funeral Mon
    assert add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)  # Fri -> skips Coronation Mon


def test_plain_weekend() -> None:
    assert add_working_days(date(2024, 3, 8), 1) == date(2024, 3, 11)  # Fri -> Mon
    assert add_working_days(date(2024, 3, 9), 1) == date(2024, 3, 11)  # Sat start is not counted
    assert add_working_days(date(2024, 3, 11), -1) == date(2024, 3, 8)
    assert working_days_between(date(2024, 3, 8), date(2024, 3, 10)) == 0
    assert working_days_between(date(2024, 3, 4), date(2024, 3, 11)) == 5


def test_zero_returns_start_unchanged_even_on_a_holiday() -> None:
    assert add_working_days(date(2022, 6, 3), 0) == date(2022, 6, 3)
    assert add_working_days(date(2022, 6, 4), 0) == date(2022, 6, 4)


def test_serious_incident_notification_due_across_christmas_2021() -> None:
    # Aware Wed 22 Dec 2021; 5 working days:
    #   Thu 23 (1), Fri 24 (2), [Sat 25, Sun 26, Mon 27 and Tue 28 substitute days],
    #   Wed 29 (3), Thu 30 (4), Fri 31 (5).
    assert add_working_days(date(2021, 12, 22), 5) == date(2021, 12, 31)
    assert working_days_between(date(2021, 12, 22), date(2021, 12, 31)) == 5


def test_rapid_review_due_across_christmas_2021() -> None:
    # Notified Mon 20 Dec 2021; 15 working days:
    #   Tue 21 (1), Wed 22 (2), Thu 23 (3), Fri 24 (4), [25-28 Dec], Wed 29 (5), Thu 30 (6),
    #   Fri 31 (7), [Sat 1, Sun 2, Mon 3 Jan substitute day], Tue 4 (8), Wed 5 (9), Thu 6 (10),
    #   Fri 7 (11), Mon 10 (12), Tue 11 (13), Wed 12 (14), Thu 13 Jan 2022 (15).
    assert add_working_days(date(2021, 12, 20), 15) == date(2022, 1, 13)
    # Notified on the last possible day, Fri 31 Dec 2021; Mon 3 Jan is a bank holiday:
    #   Tue 4 (1) .. Fri 7 (4), Mon 10 (5) .. Fri 14 (9), Mon 17 (10) .. Fri 21 (14), Mon 24 Jan (15).
    assert add_working_days(date(2021, 12, 31), 15) == date(2022, 1, 24)
    assert working_days_between(date(2021, 12, 31), date(2022, 1, 24)) == 15


# --- properties --------------------------------------------------------------------------------


def slow_working_days_between(a: date, b: date) -> int:
    """Day-by-day reference: count working days d with a < d <= b, mirrored when b < a."""
    lo, hi, sign = (a, b, 1) if a <= b else (b, a, -1)
    days = (hi - lo).days
    return sign * sum(is_working_day(lo + timedelta(days=i)) for i in range(1, days + 1))


@given(dates, counts)
def test_add_then_count_round_trips(d: date, n: int) -> None:
    assert working_days_between(d, add_working_days(d, n)) == n


@given(dates, st.integers(min_value=-400, max_value=400))
def test_round_trips_both_ways_from_a_working_day(d: date, n: int) -> None:
    start = add_working_days(d, 1)  # a working day
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert add_working_days(end, -n) == start


@given(dates, st.integers(min_value=1, max_value=400))
def test_nonzero_result_is_a_working_day(d: date, n: int) -> None:
    assert is_working_day(add_working_days(d, n))
    assert is_working_day(add_working_days(d, -n))


@given(dates, counts, counts)
def test_add_is_monotonic(d: date, m: int, n: int) -> None:
    lo, hi = sorted((m, n))
    assert add_working_days(d, lo) <= add_working_days(d, hi)
    assert add_working_days(d, -hi) <= add_working_days(d, -lo)


@given(dates, dates, dates)
def test_count_is_monotonic_in_end_date(a: date, b: date, c: date) -> None:
    b, c = sorted((b, c))
    assert working_days_between(a, b) <= working_days_between(a, c)


@given(dates, dates)
def test_count_is_antisymmetric(a: date, b: date) -> None:
    assert working_days_between(a, b) == -working_days_between(b, a)


@given(dates, dates, dates)
def test_count_is_additive(a: date, b: date, c: date) -> None:
    assert working_days_between(a, c) == working_days_between(a, b) + working_days_between(b, c)


@given(dates, dates)
def test_count_agrees_with_day_by_day_reference(a: date, b: date) -> None:
    assert working_days_between(a, b) == slow_working_days_between(a, b)


@given(dates, st.integers(min_value=-60, max_value=60))
def test_count_agrees_with_reference_over_short_ranges(a: date, days: int) -> None:
    b = a + timedelta(days=days)
    assert working_days_between(a, b) == slow_working_days_between(a, b)
